import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, posix } from 'node:path';
import { HelmTemplateError, helmControllerRelease, helmTemplate, type HelmBinary, type HelmTemplateOptions } from '@platform/helm';
import { helmReleaseName } from '../fleet/names.js';
import type { OutputLayout, Tree } from '../output/layout.js';
import type { Finding } from '../rules/finding.js';
import { viewOf, type KubeObject } from '../rules/view.js';
import type { RenderedBundle, RenderedCluster, RenderedObject, RenderedTree } from './model.js';

/** One cluster of a generated tree, as the renderer needs it. */
export interface ClusterToRender {
  readonly name: string;
  /** `1.31`: helm's --kube-version. */
  readonly kubernetesVersion: string;
  readonly layout: OutputLayout;
  /** Phase directory names in rollout order: bundles render in this order, so later ones see earlier CRDs. */
  readonly phases: readonly string[];
}

/** Where a chart's archive is: a verified file in the chart cache, or why there is none. */
export type ChartArchiveLookup = (chart: { readonly repo: string; readonly chart: string; readonly version: string }) => { readonly path: string } | { readonly missing: string };

export interface ProduceOptions {
  readonly helm: HelmBinary;
  /** Where rendered releases are kept by the hash of everything that goes into them, so an unchanged release is never rendered twice. */
  readonly renderCacheDir?: string;
}

/** What every cluster of a generated tree receives, with what could not be rendered. */
export interface ProducedTree {
  readonly tree: RenderedTree;
  /** helm template failures (a values.schema.json, a required value, a template error). */
  readonly findings: readonly Finding[];
  /** Releases not rendered because their chart is not in the cache: `<file>: <why>`. */
  readonly missing: readonly string[];
  /** Releases rendered (or taken from the render cache). */
  readonly releases: number;
}

/** One thing Fleet or RKE2 deploys, in rollout order. */
interface Unit {
  readonly order: number;
  /** Within a phase: a Fleet bundle's place in the GitRepo's paths (synth lists them in rollout order, dependencies first). */
  readonly position?: number;
  readonly file: string;
  readonly bundle: Omit<RenderedBundle, 'objects'>;
  readonly objects: RenderedObject[];
  readonly helm?: Omit<HelmTemplateOptions, 'kubeVersion' | 'apiVersions' | 'helm' | 'chart'> & { readonly chart: { repo: string; chart: string; version: string } };
}

/**
 * Renders what each cluster of a generated tree receives, read from the
 * files exactly as Fleet and helm-controller read them: a Fleet bundle's
 * fleet.yaml (helm.values, then each valuesFiles entry) and its manifests;
 * an RKE2 HelmChart (valuesContent, then spec.set); any other RKE2 manifest
 * as it is. Only bundles the cluster's GitRepo lists are deployed, so only
 * they are rendered. Releases render in rollout order, each told every API
 * the CRDs before it add (--api-versions), with the cluster's Kubernetes
 * version (--kube-version). Clusters render one after another; a release
 * whose inputs are unchanged comes from the render cache.
 */
export async function produceRenderedTree(files: Tree, clusters: readonly ClusterToRender[], lookup: ChartArchiveLookup, options: ProduceOptions): Promise<ProducedTree> {
  const findings: Finding[] = [];
  const missing: string[] = [];
  const rendered: RenderedCluster[] = [];
  let releases = 0;
  const scratch = mkdtempSync(join(tmpdir(), 'platform-render-'));
  try {
    for (const cluster of clusters) {
      const units = unitsOf(files, cluster);
      const apiVersions = new Set<string>();
      for (const unit of units) for (const entry of unit.objects) addCrdApis(entry.object, apiVersions);
      const bundles: RenderedBundle[] = [];
      for (const unit of units) {
        if (unit.helm) {
          const archive = lookup(unit.helm.chart);
          if ('missing' in archive) {
            missing.push(`${unit.file}: ${archive.missing}`);
            continue;
          }
          try {
            const result = await renderRelease(unit, archive.path, cluster, [...apiVersions].sort(), options, scratch, files);
            releases += 1;
            unit.objects.push(...result);
            for (const entry of result) addCrdApis(entry.object, apiVersions);
          } catch (error) {
            if (!(error instanceof HelmTemplateError)) throw error;
            findings.push({ rule: 'rendered/helm', severity: 'error', file: unit.file, message: `${unit.helm.chart.chart} ${unit.helm.chart.version} as release ${unit.helm.namespace}/${unit.helm.releaseName} does not render: ${error.helmMessage.split('\n').slice(0, 3).join(' ')}` });
            continue;
          }
        }
        bundles.push({ ...unit.bundle, objects: unit.objects });
      }
      rendered.push({ name: cluster.name, kubernetesVersion: cluster.kubernetesVersion, bundles });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { tree: { clusters: rendered }, findings, missing, releases };
}

/** The cluster's deployable units, in rollout order: its RKE2 manifests and HelmCharts, then the Fleet bundles its GitRepo lists. */
function unitsOf(files: Tree, cluster: ClusterToRender): Unit[] {
  const view = viewOf(files, { phases: cluster.phases, kubernetesVersion: cluster.kubernetesVersion, layout: cluster.layout });
  const units: Unit[] = [];
  const inFleetBundle = (file: string) => view.bundles.some((bundle) => file.startsWith(`${bundle.dir}/`));
  for (const bundle of view.bundles.filter((candidate) => candidate.listed)) {
    const helm = bundle.fleetYaml.helm;
    const namespace = String(bundle.fleetYaml.namespace ?? bundle.fleetYaml.defaultNamespace ?? 'default');
    const releaseName = typeof helm?.releaseName === 'string' ? helm.releaseName : helmReleaseName(bundle.name);
    const objects: RenderedObject[] = bundle.documents.map((document) => ({ object: document.object, source: { file: document.file } }));
    const chart = helm && typeof helm.chart === 'string' ? { repo: String(helm.repo ?? ''), chart: helm.chart, version: String(helm.version ?? '') } : undefined;
    units.push({
      order: view.phaseOf(bundle.dir),
      position: view.gitRepo?.paths.indexOf(bundle.dir) ?? 0,
      file: bundle.fleetYamlFile,
      bundle: { name: bundle.name, kind: chart ? 'fleet-helm' : 'manifests', release: { name: releaseName, namespace }, ...(chart ? { chart: { name: chart.chart, version: chart.version } } : {}), file: bundle.fleetYamlFile },
      objects,
      ...(chart
        ? {
            helm: {
              chart,
              releaseName,
              namespace,
              values: { from: 'fleet', values: (helm?.values ?? {}) as Record<string, unknown>, valuesFiles: bundle.valuesFiles },
            },
          }
        : {}),
    });
  }
  for (const document of view.documents.filter((candidate) => !inFleetBundle(candidate.file))) {
    const object = document.object as KubeObject & { spec?: { chart?: unknown; repo?: unknown; version?: unknown; valuesContent?: unknown; set?: unknown; targetNamespace?: unknown } };
    const name = posix.relative(cluster.layout.clusterDir, document.file);
    if (object.kind === 'HelmChart' && typeof object.spec?.chart === 'string') {
      const release = helmControllerRelease(object as never);
      const chart = { repo: String(object.spec.repo ?? ''), chart: object.spec.chart, version: String(object.spec.version ?? '') };
      units.push({
        order: view.phaseOf(document.file),
        file: document.file,
        bundle: { name: `${String(object.metadata?.namespace ?? 'default')}/${release.releaseName}`, kind: 'rke2-helmchart', release: { name: release.releaseName, namespace: release.namespace }, chart: { name: chart.chart, version: chart.version }, file: document.file },
        objects: [],
        helm: {
          chart,
          releaseName: release.releaseName,
          namespace: release.namespace,
          values: {
            from: 'helm-controller',
            ...(typeof object.spec.valuesContent === 'string' ? { valuesContent: object.spec.valuesContent } : {}),
            ...(object.spec.set && typeof object.spec.set === 'object' ? { set: object.spec.set as Record<string, string | number> } : {}),
            version: chart.version,
          },
        },
      });
    } else {
      units.push({ order: view.phaseOf(document.file), file: document.file, bundle: { name, kind: 'manifests', file: document.file }, objects: [{ object, source: { file: document.file } }] });
    }
  }
  // Rollout order: phase, then RKE2 manifests by path, Fleet bundles in GitRepo order (a CRD bundle before the bundles that depend on it).
  return units.sort((a, b) => a.order - b.order || (a.position ?? -1) - (b.position ?? -1) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Every API a CustomResourceDefinition serves, as discovery lists them (`group/version` and `group/version/Kind`). */
function addCrdApis(object: unknown, into: Set<string>): void {
  const crd = object as { kind?: unknown; spec?: { group?: unknown; names?: { kind?: unknown }; versions?: Array<{ name?: unknown; served?: unknown }> } };
  if (crd?.kind !== 'CustomResourceDefinition' || typeof crd.spec?.group !== 'string') return;
  for (const version of crd.spec.versions ?? []) {
    if (version.served === false || typeof version.name !== 'string') continue;
    into.add(`${crd.spec.group}/${version.name}`);
    if (typeof crd.spec.names?.kind === 'string') into.add(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`);
  }
}

/** One release through `helm template`, or from the render cache when every input is the same. */
async function renderRelease(unit: Unit, archive: string, cluster: ClusterToRender, apiVersions: string[], options: ProduceOptions, scratch: string, files: Tree): Promise<RenderedObject[]> {
  const helm = unit.helm;
  if (!helm) return [];
  // Fleet reads values files from the bundle; helm reads them from disk: written to scratch, same bytes.
  let values = helm.values;
  const valuesTexts: string[] = [];
  if (values.from === 'fleet') {
    const paths = (values.valuesFiles ?? []).map((file, index) => {
      const text = files.get(file) ?? '';
      valuesTexts.push(text);
      const path = join(scratch, `${createHash('sha256').update(unit.file).digest('hex').slice(0, 12)}-${index}-${basename(file)}`);
      writeFileSync(path, text);
      return path;
    });
    values = { ...values, valuesFiles: paths };
  }
  const key = createHash('sha256')
    .update(JSON.stringify({ format: 1, helm: options.helm.version, archive: basename(archive), release: helm.releaseName, namespace: helm.namespace, kubeVersion: cluster.kubernetesVersion, apiVersions, values: { ...helm.values, valuesFiles: valuesTexts } }))
    .digest('hex');
  const cached = options.renderCacheDir ? readCached(options.renderCacheDir, key) : undefined;
  if (cached) return cached;
  const result = await helmTemplate({ chart: archive, releaseName: helm.releaseName, namespace: helm.namespace, kubeVersion: cluster.kubernetesVersion, apiVersions, values, helm: options.helm });
  const objects: RenderedObject[] = [
    ...result.objects.map((entry) => ({ object: entry.object, source: { file: unit.file, template: entry.source } })),
    ...result.crds.map((entry) => ({ object: entry.object, source: { file: unit.file, template: entry.source }, fromCrdsDir: true })),
  ];
  if (options.renderCacheDir) writeCached(options.renderCacheDir, key, objects);
  return objects;
}

function readCached(dir: string, key: string): RenderedObject[] | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8')) as RenderedObject[];
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (temp file, then rename), so a killed run never leaves half a render to be trusted. */
function writeCached(dir: string, key: string, objects: RenderedObject[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `.${key}.${process.pid}.tmp`);
    writeFileSync(temp, JSON.stringify(objects));
    renameSync(temp, join(dir, `${key}.json`));
  } catch {
    // A cache that cannot be written only costs time.
  }
}
