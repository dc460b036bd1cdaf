import { loadManifests } from './kube-yaml.js';
import type { RenderedObject } from './rendered.js';

/** Output Helm printed that is not a set of Kubernetes objects. */
export class ManifestParseError extends Error {
  override readonly name = 'ManifestParseError';
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
  }
}

/**
 * A crds/ file of the chart or of any subchart: Helm prints them with
 * `# Source: <chart path>/crds/<file>` where the chart path is the chart's
 * name followed by `/charts/<subchart>` per level (chart.CRDObjects,
 * ChartFullPath); templates are under `/templates/` instead.
 */
const CRDS_DIR = /^[^/]+(?:\/charts\/[^/]+)*\/crds\//;

/** Whether a `# Source:` path is a file of a crds/ folder. */
export function isCrdsDirSource(source: string): boolean {
  return CRDS_DIR.test(source);
}

const HEADER = /^---\n# Source: (.*)\n/gm;

function hookOf(object: Readonly<Record<string, unknown>>): string[] | undefined {
  const annotations = (object.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
  const hook = annotations?.['helm.sh/hook'];
  return typeof hook === 'string' ? hook.split(',').map((event) => event.trim()) : undefined;
}

/**
 * Splits `helm template` output into objects. Helm prints each manifest as
 * "---\n# Source: <path>\n<document>\n" (cmd/helm/template.go and
 * pkg/action/action.go renderResources): CRDs of crds/ first when
 * --include-crds, then the templates in install order, then the hooks.
 */
export function parseTemplateOutput(stdout: string): { objects: RenderedObject[]; crds: RenderedObject[] } {
  const objects: RenderedObject[] = [];
  const crds: RenderedObject[] = [];
  const headers = [...stdout.matchAll(HEADER)];
  headers.forEach((header, index) => {
    const source = header[1]!;
    const start = header.index! + header[0].length;
    const end = index + 1 < headers.length ? headers[index + 1]!.index! : stdout.length;
    const manifest = stdout.slice(start, end).replace(/\n$/, '');
    let documents: unknown[];
    try {
      documents = loadManifests(manifest);
    } catch (error) {
      throw new ManifestParseError(source, `rendered YAML does not parse: ${(error as Error).message.split('\n')[0]}`);
    }
    for (const document of documents) {
      if (typeof document !== 'object' || Array.isArray(document)) throw new ManifestParseError(source, `rendered a ${Array.isArray(document) ? 'list' : typeof document}, not a Kubernetes object`);
      const object = document as Record<string, unknown>;
      const hook = hookOf(object);
      const rendered: RenderedObject = { source, object, manifest, ...(hook ? { hook } : {}) };
      (isCrdsDirSource(source) ? crds : objects).push(rendered);
    }
  });
  return { objects, crds };
}
