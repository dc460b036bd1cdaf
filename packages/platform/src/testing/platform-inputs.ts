import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import yaml from 'js-yaml';

/**
 * What a checkout says each cluster will install with Helm, read from the
 * committed tree as Fleet and RKE2 read it, independently of the engine: the
 * expectations of the rendered end-to-end tests are computed from these.
 */
export interface DeployedRelease {
  /** `fleet` for a fleet.yaml `helm:` bundle the GitRepo lists; `helm-controller` for an RKE2 HelmChart manifest. */
  readonly installer: 'fleet' | 'helm-controller';
  /** Repository-relative file that declares it: the bundle's fleet.yaml or the HelmChart manifest. */
  readonly file: string;
  readonly chart: string;
  readonly version: string;
  readonly repo: string;
  readonly releaseName: string;
  readonly namespace: string;
  /**
   * The values the deployer hands Helm, merged as it merges them (chart
   * defaults aside): Fleet's helm.values then each valuesFiles entry;
   * helm-controller's valuesContent then spec.set.
   */
  readonly values: Record<string, unknown>;
  /** The value inputs as the file gives them, for handing to `helmTemplate`. */
  readonly inputs:
    | { readonly from: 'fleet'; readonly values?: Record<string, unknown>; readonly valuesFiles: readonly string[] }
    | { readonly from: 'helm-controller'; readonly valuesContent?: string; readonly set?: Record<string, string | number> };
}

/**
 * Every Helm release cluster `cluster` gets: each path of fleet/<cluster>/gitrepo.yaml
 * whose fleet.yaml has `helm.chart`, and each HelmChart manifest under
 * dist/<cluster>/ outside those paths (RKE2 applies them from its manifests
 * directory). Sorted by file.
 */
export function deployedReleases(root: string, cluster: string): DeployedRelease[] {
  const gitRepo = load(root, `fleet/${cluster}/gitrepo.yaml`) as { spec: { paths: string[] } };
  const fleetPaths = gitRepo.spec.paths;
  const releases: DeployedRelease[] = [];
  for (const path of fleetPaths) {
    const file = `${path}/fleet.yaml`;
    const bundle = load(root, file) as FleetYaml;
    if (!bundle.helm?.chart) continue;
    const helm = bundle.helm;
    const files = (helm.valuesFiles ?? []).map((name) => load(root, `${path}/${name}`) as Record<string, unknown> | null);
    releases.push({
      installer: 'fleet',
      file,
      chart: helm.chart,
      version: String(helm.version),
      repo: String(helm.repo),
      // Fleet's release name: helm.releaseName (internal/helmdeployer, as `fleet apply` leaves it), namespace: fleet.yaml namespace, else defaultNamespace.
      releaseName: String(helm.releaseName),
      namespace: bundle.namespace ?? bundle.defaultNamespace ?? 'default',
      values: [helm.values ?? {}, ...files.map((values) => values ?? {})].reduce(mergeMaps, {}),
      inputs: { from: 'fleet', ...(helm.values ? { values: helm.values } : {}), valuesFiles: (helm.valuesFiles ?? []).map((name) => `${path}/${name}`) },
    });
  }
  for (const file of yamlFiles(root, `dist/${cluster}`)) {
    if (fleetPaths.some((path) => file.startsWith(`${path}/`))) continue;
    for (const document of yaml.loadAll(readFileSync(join(root, file), 'utf8'), undefined, { schema: yaml.CORE_SCHEMA }) as HelmChart[]) {
      if (document?.kind !== 'HelmChart' || document.apiVersion !== 'helm.cattle.io/v1') continue;
      const spec = document.spec;
      let values = (yaml.load(spec.valuesContent ?? '', { schema: yaml.CORE_SCHEMA }) as Record<string, unknown> | null) ?? {};
      // klipper-helm passes valuesContent as a file, then each spec.set key as --set or --set-string; keys in Go byte order.
      for (const key of Object.keys(spec.set ?? {}).sort()) values = setPath(values, key, spec.set![key]);
      releases.push({
        installer: 'helm-controller',
        file,
        chart: spec.chart,
        version: String(spec.version),
        repo: String(spec.repo),
        releaseName: document.metadata.name,
        namespace: spec.targetNamespace ?? document.metadata.namespace ?? 'default',
        values,
        inputs: { from: 'helm-controller', ...(spec.valuesContent !== undefined ? { valuesContent: spec.valuesContent } : {}), ...(spec.set ? { set: spec.set } : {}) },
      });
    }
  }
  return releases.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

interface FleetYaml {
  defaultNamespace?: string;
  namespace?: string;
  helm?: { chart: string; version: unknown; repo: unknown; releaseName: unknown; values?: Record<string, unknown>; valuesFiles?: string[] };
}

interface HelmChart {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: { chart: string; version: unknown; repo: unknown; targetNamespace?: string; valuesContent?: string; set?: Record<string, string | number> };
}

/**
 * wrangler's data.MergeMaps, which Fleet merges helm.values and valuesFiles
 * with and which Helm's own `-f a -f b` repeats: maps merge key by key, any
 * other value (a list, a scalar, null) replaces what was there.
 */
export function mergeMaps(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const before = result[key];
    result[key] = isMap(before) && isMap(value) ? mergeMaps(before, value) : value;
  }
  return result;
}

/**
 * `--set a.b.c=v` on plain dotted keys (the platform's spec.set keys have no
 * brackets or escaped dots; this refuses them rather than guess). Values
 * keep their YAML type: helm-controller sends integers and true/false/null
 * with --set, which Helm types, and other strings with --set-string.
 */
function setPath(values: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  if (/[[\]\\,=]/.test(key)) throw new Error(`spec.set key ${key} needs Helm's strvals rules; this helper reads plain dotted keys only`);
  const [head, ...rest] = key.split('.');
  const inner = values[head!];
  return { ...values, [head!]: rest.length === 0 ? value : setPath(isMap(inner) ? inner : {}, rest.join('.'), value) };
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** YAML as Go's sigs.k8s.io/yaml reads values: no timestamps (an unquoted date stays a string). */
function load(root: string, file: string): unknown {
  return yaml.load(readFileSync(join(root, file), 'utf8'), { schema: yaml.CORE_SCHEMA });
}

/** Repository-relative paths of every .yaml file under `dir`, sorted. */
function yamlFiles(root: string, dir: string): string[] {
  return (readdirSync(join(root, dir), { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
