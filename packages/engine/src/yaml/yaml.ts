import { createRequire } from 'node:module';
import yaml from 'js-yaml';
import { PlatformError } from '../errors.js';

/**
 * YAML in and out, in one leaf module: the writer for everything the project
 * writes, the strict bounded reader for files users write, and the lenient
 * reader rules use for generated files (where a broken file is a finding).
 */

/** Every document of a generated file, as js-yaml reads it; throws YAMLException when the file is not YAML. */
export function loadDocuments(text: string): unknown[] {
  return yaml.loadAll(text);
}

/** The first document of a generated file, or undefined when the file is not YAML. */
export function loadDocumentOrUndefined(text: string): unknown {
  try {
    return yaml.load(text);
  } catch {
    return undefined;
  }
}

export const YAMLException = yaml.YAMLException;

/**
 * The one YAML writer for everything the project writes. It reuses cdk8s's own
 * serializer (YAML 1.1 quoting of `on`, `yes`, `0775`, dates; no line folding)
 * and adds what cdk8s leaves to chance: a canonical key order at every depth,
 * `\n` line endings and exactly one trailing newline.
 */
export function toYaml(...documents: unknown[]): string {
  const text = cdk8sYaml().stringify(...documents.map((document) => canonical(document, true)));
  return `${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}

type Cdk8sYaml = typeof import('cdk8s').Yaml;
let yamlWriter: Cdk8sYaml | undefined;

/** cdk8s's Yaml, loaded on first write (cdk8s and its yaml package are most of a reader's start-up otherwise). */
function cdk8sYaml(): Cdk8sYaml {
  yamlWriter ??= (createRequire(import.meta.url)('cdk8s') as typeof import('cdk8s')).Yaml;
  return yamlWriter;
}

const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];

/** Sorts keys (code-unit order, locale-independent); a Kubernetes object's apiVersion, kind and metadata lead. */
export function canonical(value: unknown, topLevel = false): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source)
    .filter((key) => source[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ordered = topLevel ? [...LEADING_KEYS.filter((key) => keys.includes(key)), ...keys.filter((key) => !LEADING_KEYS.includes(key))] : keys;
  const result: Record<string, unknown> = {};
  for (const key of ordered) result[key] = canonical(source[key]);
  return result;
}

/**
 * How far one parsed file may reach. js-yaml resolves an alias to the very
 * object its anchor names, so parsing stays linear; the blow-up of a "billion
 * laughs" file comes later, in whatever walks the tree (JSON, validation,
 * serialising). Bounding the expanded size here bounds all of them.
 */
export const YAML_LIMITS = {
  /** Nodes after expanding every alias; a 1 MiB values file has well under 100,000. */
  expandedNodes: 1_000_000,
  /** Nesting depth; Helm values rarely pass 15. */
  depth: 100,
} as const;

/**
 * Parses user-supplied YAML strictly: duplicate keys are errors, a broken file
 * is reported with its name and line, and alias bombs and absurd nesting are
 * refused before anything walks the result.
 *
 * `yaml` (eemeli/yaml) offers maxAliasCount for the same purpose; it was not
 * taken because the project reads YAML with js-yaml everywhere else and a
 * second parser would mean a second set of scalar rules and about 30 ms more
 * start-up. The bound below is linear in the size of the file.
 */
export function parseYamlFile(text: string, file: string): unknown {
  let data: unknown;
  try {
    data = yaml.load(text, { filename: file });
  } catch (error) {
    if (error instanceof RangeError) throw new PlatformError(`is nested too deeply to parse (more than ${YAML_LIMITS.depth} levels)`, { file });
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const line = error instanceof yaml.YAMLException && error.mark ? `line ${error.mark.line + 1}` : undefined;
    throw new PlatformError(`not valid YAML: ${excerpt(reason, 200)}`, {
      file,
      ...(line ? { field: line } : {}),
      hint: 'fix the syntax; duplicate keys are not allowed',
    });
  }
  checkExpansion(data, file);
  return data;
}

/** True when `root` stays within YAML_LIMITS once its aliases are expanded (linear in the file: shared nodes are counted once). */
export function withinYamlLimits(root: unknown): boolean {
  try {
    checkExpansion(root, '');
    return true;
  } catch {
    return false;
  }
}

/** Refuses a tree that is too deep or that expands, through aliases, past the node limit. */
function checkExpansion(root: unknown, file: string): void {
  const sizes = new Map<object, number>();
  const size = (node: unknown, depth: number): number => {
    if (node === null || typeof node !== 'object') return 1;
    if (depth > YAML_LIMITS.depth) throw new PlatformError(`is nested more than ${YAML_LIMITS.depth} levels deep`, { file, hint: 'no Kubernetes or Helm file needs that' });
    const known = sizes.get(node);
    if (known !== undefined) return known;
    let total = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      total += size(child, depth + 1);
      if (total > YAML_LIMITS.expandedNodes) {
        throw new PlatformError(`expands to more than ${YAML_LIMITS.expandedNodes.toLocaleString('en-US')} nodes through YAML aliases (*name)`, {
          file,
          hint: 'a file this large after alias expansion is a resource-exhaustion attack or a mistake; write the values out or use fewer aliases',
        });
      }
    }
    sizes.set(node, total);
    return total;
  };
  size(root, 0);
}

/** At most `max` characters of `text`, on one line, marked when cut: user values never flood a message. */
export function excerpt(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length <= max ? line : `${line.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)`;
}
