import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedChartPath, chartCacheDir } from '@platform/charts';
import type { HelmBinary } from '@platform/helm';
import { MAX_MEASURED_OBJECT_BYTES, storedBundleResourcesBytes, storedHelmValuesBytes } from '../fleet/stored-size.js';
import type { Platform } from '../model/platform.js';
import type { Tree } from '../output/layout.js';
import type { Finding } from '../rules/finding.js';
import { loadDocuments, toYaml } from '../yaml/yaml.js';
import { checkCrdsDir } from './checks/crds-dir.js';
import { checkImageTags } from './checks/image-tags.js';
import { checkPodSecurity, namespaceLevels } from './checks/pod-security.js';
import type { RenderedTree } from './model.js';
import type { ChartArchiveLookup, ClusterToRender } from './produce.js';

// tar, helm, the validator and the producer load only when a chart is to be rendered (below), so a check
// without pulled charts, and the CLI's other commands that import this module, never load them.
let list: typeof import('tar').list;
let loadAddedSchemas: typeof import('@platform/validate').loadAddedSchemas;
let checkKubeVersion: typeof import('@platform/helm').checkKubeVersion;
let validate: typeof import('@platform/validate').validate;

/** What the rendered stage found, and a line for the summary. */
export interface RenderedStage {
  readonly findings: Finding[];
  readonly tree?: RenderedTree;
  /** `14 releases rendered` or why none were. */
  readonly note: string;
}

/** A chart archive's verified path in the cache, by the digest a pin locks; undefined when it is not there. */
export type ArchiveVerifier = (pin: { readonly digest?: string | undefined }) => string | undefined;

/**
 * cachedChartPath, once per digest: verifying re-hashes the whole archive, and
 * one run asks for the same chart for every cluster that installs it.
 */
export function archiveVerifier(cacheDir: string): ArchiveVerifier {
  const verified = new Map<string, string | undefined>();
  return (pin) => {
    if (!pin.digest) return undefined;
    if (!verified.has(pin.digest)) verified.set(pin.digest, cachedChartPath(pin, cacheDir));
    return verified.get(pin.digest);
  };
}

/** A pinned chart by name and version, as any cluster of the platforms pins it. */
export function chartLookup(pins: ReadonlyArray<{ readonly chart: string; readonly version: string; readonly digest?: string | undefined; readonly source: string }>, cacheDir: string, verify: ArchiveVerifier = archiveVerifier(cacheDir)): ChartArchiveLookup {
  return ({ chart, version }) => {
    const pin = pins.find((candidate) => candidate.chart === chart && candidate.version === version);
    if (!pin) return { missing: `${chart} ${version} is pinned nowhere in charts/ or clusters/` };
    if (!pin.digest) return { missing: `${chart} ${version} has no locked digest in ${pin.source} (run platform charts lock)` };
    const path = verify(pin);
    return path ? { path } : { missing: `${chart} ${version} is not in the chart cache ${cacheDir} (run platform charts pull)` };
  };
}

/** Every chart pin of the platforms: charts/<id>/chart.yaml's, and each cluster's own. */
export function platformPins(platforms: readonly Platform[]) {
  const pins = new Map<string, { chart: string; version: string; digest?: string; source: string }>();
  for (const platform of platforms) {
    for (const entry of platform.inputs.charts.all()) {
      pins.set(`${entry.chart}@${entry.version}`, { chart: entry.chart, version: entry.version, ...(entry.digest ? { digest: entry.digest } : {}), source: entry.pinnedBy ?? `charts/${entry.id}/chart.yaml` });
    }
  }
  return [...pins.values()];
}

/** The clusters of the platforms, as the renderer reads them from a tree. */
export function clustersToRender(platforms: readonly Platform[]): ClusterToRender[] {
  return platforms.map((platform) => ({ name: platform.config.cluster.name, kubernetesVersion: platform.config.cluster.kubernetesVersion, layout: platform.layout, phases: platform.phases.map((phase) => phase.name) }));
}

/**
 * check's second stage: every Helm release of every cluster through the
 * pinned helm, with exactly the values Fleet or helm-controller pass, and
 * the rendered objects checked: strict validation for the cluster's
 * Kubernetes version, image tags, Pod Security levels, CRDs under crds/ and
 * each Fleet Bundle's stored size with its chart. Offline: charts come from
 * the cache only; without them the stage says what it skipped and why.
 */
export async function renderedStage(files: Tree, platforms: readonly Platform[], env: NodeJS.ProcessEnv = process.env): Promise<RenderedStage> {
  const cacheDir = chartCacheDir(env);
  const pins = platformPins(platforms);
  const verify = archiveVerifier(cacheDir);
  // Nothing pulled (a fresh clone): say so without starting helm, so an offline check costs nothing more.
  if (!pins.some((pin) => verify(pin) !== undefined)) {
    const unlocked = pins.filter((pin) => !pin.digest).length;
    return skipped(unlocked === pins.length ? `no chart has a locked digest yet (run platform charts lock, then platform charts pull)` : `no pinned chart is in the chart cache ${cacheDir} (run platform charts pull)`);
  }
  const [tar, validator, { HelmUnavailableError, resolveHelm, checkKubeVersion: kubeVersionCheck }, { produceRenderedTree }] = await Promise.all([import('tar'), import('@platform/validate'), import('@platform/helm'), import('./produce.js')]);
  checkKubeVersion = kubeVersionCheck;
  ({ list } = tar);
  ({ loadAddedSchemas, validate } = validator);
  let helm: HelmBinary;
  try {
    helm = await resolveHelm(env);
  } catch (error) {
    if (!(error instanceof HelmUnavailableError)) throw error;
    return skipped(`helm unavailable: ${error.message}`);
  }
  const lookup = chartLookup(pins, cacheDir, verify);
  const produced = await produceRenderedTree(files, clustersToRender(platforms), lookup, { helm, renderCacheDir: join(cacheDir, 'renders') });
  const findings: Finding[] = [...produced.findings];
  if (produced.missing.length > 0) {
    const shown = produced.missing.slice(0, 5).join('; ');
    findings.push({
      rule: 'rendered/skipped',
      severity: 'warning',
      file: 'charts/',
      message: `${produced.missing.length} release${produced.missing.length === 1 ? '' : 's'} not rendered, so not checked: ${shown}${produced.missing.length > 5 ? `; and ${produced.missing.length - 5} more` : ''}`,
      hint: 'run npm run -s platform -- charts pull (CI pulls before check); the file-level gate ran in full',
    });
  }
  const tree = produced.tree;
  const archives = archiveReader();
  findings.push(...chartKubeVersions(platforms, verify, archives));
  findings.push(...validateRendered(tree), ...checkImageTags(tree), ...checkPodSecurity(tree, namespaceLevels), ...checkCrdsDir(tree), ...bundleSizes(tree, files, lookup, archives));
  const note = produced.missing.length === 0 ? `${produced.releases} releases rendered and checked` : `${produced.releases} releases rendered, ${produced.missing.length} skipped (charts not pulled)`;
  return { findings: findings.map((finding) => (finding.rule.startsWith('rendered/') ? finding : { ...finding, rule: `rendered/${finding.rule}` })), tree, note };
}

function skipped(why: string): RenderedStage {
  return { findings: [{ rule: 'rendered/skipped', severity: 'warning', file: 'charts/', message: `what the charts render was not checked: ${why}; the file-level gate ran in full` }], note: 'charts not rendered' };
}

/**
 * Every object a chart rendered, validated strictly for its cluster's
 * Kubernetes version, with the schemas of every CRD the cluster gets (the
 * objects the platform writes itself are validated by the schema rule).
 */
function validateRendered(tree: RenderedTree): Finding[] {
  const findings: Finding[] = [];
  // Clusters that get the same CRDs (most of an inventory) share their compiled schemas.
  const schemasByCrds = new Map<string, ReturnType<typeof loadAddedSchemas>>();
  for (const cluster of tree.clusters) {
    const crds = cluster.bundles
      .flatMap((bundle) => bundle.objects)
      .filter((entry) => (entry.object as { kind?: unknown })?.kind === 'CustomResourceDefinition')
      .map((entry) => toYaml(entry.object));
    const key = crds.join('---\n');
    if (!schemasByCrds.has(key)) schemasByCrds.set(key, crds.length > 0 ? crdSchemas(crds) : undefined);
    const addedSchemas = schemasByCrds.get(key);
    for (const bundle of cluster.bundles) {
      const charted = bundle.objects.filter((entry) => entry.source?.template !== undefined);
      if (charted.length === 0) continue;
      const file = bundle.file ?? bundle.name;
      // Not named fleet.yaml: the validator would take it for one.
      const report = validate([{ path: `${file} (rendered)`, content: charted.map((entry) => toYaml(entry.object)).join('---\n') }], { strict: true, kubernetesVersion: cluster.kubernetesVersion ?? '1.31', ...(addedSchemas ? { addedSchemas } : {}) });
      for (const result of report.files.flatMap((each) => each.resources)) {
        const template = charted[result.document]?.source?.template;
        for (const problem of result.errors) {
          findings.push({ rule: 'rendered/schema', severity: 'error', file, message: `${problem.resource}${template ? ` (${template})` : ''}${problem.path ? `: ${problem.path}` : ''}: ${problem.message} (${result.status}, Kubernetes ${cluster.kubernetesVersion ?? ''})` });
        }
        if (result.deprecation) findings.push({ rule: 'rendered/deprecated-api', severity: 'warning', file, message: `${result.resource}${template ? ` (${template})` : ''}: ${result.deprecation}` });
      }
    }
  }
  return findings;
}

/** The validator's schemas for these CRDs (it reads CRDs from files, as kubeconform's --crd does). */
function crdSchemas(crds: readonly string[]): ReturnType<typeof loadAddedSchemas> {
  const dir = mkdtempSync(join(tmpdir(), 'platform-crds-'));
  try {
    crds.forEach((text, index) => writeFileSync(join(dir, `${index}.yaml`), text));
    return loadAddedSchemas({ crds: [dir], schemaLocations: [], cwd: dir, strict: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A Fleet Bundle as `fleet apply` stores it, the chart included: it downloads
 * a repository chart and adds its files to the Bundle's resources under
 * .chart/<hash>/ (rancher/fleet v0.13.15 internal/bundlereader/resources.go,
 * addRemoteCharts), next to the bundle's own files, all gzipped and base64
 * once the Bundle's JSON passes 1,000,000 bytes (read.go, loadBundle); the
 * merged values stay uncompressed JSON.
 */
function bundleSizes(tree: RenderedTree, files: Tree, lookup: ChartArchiveLookup, archives: ArchiveReader): Finding[] {
  const findings: Finding[] = [];
  for (const cluster of tree.clusters) {
    for (const bundle of cluster.bundles) {
      if (bundle.kind !== 'fleet-helm' || !bundle.file || !bundle.chart) continue;
      const dir = bundle.file.slice(0, bundle.file.lastIndexOf('/'));
      const fleetYaml = (loadDocuments(files.get(bundle.file) ?? '')[0] ?? {}) as { helm?: { repo?: string; values?: Record<string, unknown>; valuesFiles?: string[] } };
      const own = [...files].filter(([path]) => path.startsWith(`${dir}/`));
      const valuesFiles = (fleetYaml.helm?.valuesFiles ?? []).map((name) => (loadDocuments(files.get(`${dir}/${name}`) ?? '')[0] ?? {}) as Record<string, unknown>);
      const archive = lookup({ repo: fleetYaml.helm?.repo ?? '', chart: bundle.chart.name, version: bundle.chart.version });
      if ('missing' in archive) continue;
      // The chart's files sit under .chart/<sha256 of chart:repo:version>/ (resources.go, checksum), beside the bundle's own.
      const prefix = `.chart/${createHash('sha256').update(`${bundle.chart.name}:${fleetYaml.helm?.repo ?? ''}:${bundle.chart.version}`).digest('hex')}`;
      const chartFiles = archives(archive.path).map((file) => ({ name: `${prefix}/${file.name}`, data: file.data }));
      const ownFiles = own.map(([path, content]) => ({ name: path.slice(dir.length + 1), data: Buffer.from(content, 'utf8') }));
      const valuesBytes = storedHelmValuesBytes(fleetYaml.helm?.values, valuesFiles);
      const bytes = valuesBytes + storedBundleResourcesBytes([...ownFiles, ...chartFiles], valuesBytes);
      if (bytes > MAX_MEASURED_OBJECT_BYTES) {
        findings.push({
          rule: 'rendered/bundle-size',
          severity: 'error',
          file: bundle.file,
          message: `the Fleet Bundle ${bundle.name} with ${bundle.chart.name} ${bundle.chart.version}'s ${chartFiles.length} chart files is about ${bytes} bytes as Fleet stores it; etcd refuses a request over 1.5 MiB, and this project keeps a Bundle under ${MAX_MEASURED_OBJECT_BYTES} bytes`,
          hint: 'move large files out of the chart (a dashboard ConfigMap chart of its own, say) or split the bundle',
        });
      }
    }
  }
  return findings;
}

/**
 * Each pulled chart's own kubeVersion (its Chart.yaml) against every cluster
 * that installs it, as Helm checks it before rendering (pkg/action
 * renderResources, chartutil.IsCompatibleRange; @platform/helm
 * checkKubeVersion), so a bump that excludes a cluster fails with that
 * reason; and the hand-kept range in charts/<id>/chart.yaml against it, so
 * the range never claims a minor the chart itself refuses.
 */
function chartKubeVersions(platforms: readonly Platform[], verify: ArchiveVerifier, archives: ArchiveReader): Finding[] {
  const findings = new Map<string, Finding>();
  for (const platform of platforms) {
    const minor = platform.config.cluster.kubernetesVersion;
    for (const entry of platform.inputs.charts.all()) {
      const archive = verify(entry);
      if (!archive) continue;
      const kubeVersion = chartYamlOf(archives(archive))?.kubeVersion;
      if (typeof kubeVersion !== 'string' || kubeVersion.trim() === '') continue;
      const file = entry.pinnedBy ?? `charts/${entry.id}/chart.yaml`;
      const used = platform.fleetBundles.some((bundle) => bundle.enabled && bundle.props.helm?.chart.id === entry.id) || platform.rke2Bundles.some((bundle) => bundle.objects().some((object) => (object as unknown as { entry?: { id?: string } }).entry?.id === entry.id));
      const verdict = checkKubeVersion(kubeVersion, minor);
      if (used && !verdict.compatible) {
        findings.set(`${file} ${minor}`, { rule: 'rendered/chart-kube-version', severity: 'error', file, message: `${entry.chart} ${entry.version} declares kubeVersion "${kubeVersion}", which excludes Kubernetes ${minor} of cluster ${platform.config.cluster.name}: Helm refuses to install it there${verdict.reason ? ` (${verdict.reason})` : ''}`, hint: 'keep the cluster on a version the chart supports (pin the chart for that cluster in its inventory file), or upgrade the cluster first' });
      }
      const claimed = minorsBetween(entry.kubernetes.min, entry.kubernetes.max).filter((candidate) => !checkKubeVersion(kubeVersion, candidate).compatible);
      if (claimed.length > 0 && !entry.pinnedBy) {
        findings.set(`${file} range`, { rule: 'rendered/chart-kube-range', severity: 'error', file, message: `kubernetes ${entry.kubernetes.min} to ${entry.kubernetes.max ?? 'any newer'} claims ${claimed.join(', ')}, which ${entry.chart} ${entry.version}'s own kubeVersion "${kubeVersion}" excludes`, hint: 'narrow kubernetes.min/max to what the chart declares' });
      }
    }
  }
  return [...findings.values()];
}

/** The minors from `min` to `max` (up to ten past `min` when open-ended). */
function minorsBetween(min: string, max: string | undefined): string[] {
  const [major = 1, from = 0] = min.split('.').map(Number);
  const to = max ? Number(max.split('.')[1]) : from + 10;
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => `${major}.${from + index}`);
}

/** The top chart's Chart.yaml among an archive's files (the first <name>/Chart.yaml). */
function chartYamlOf(files: ReadonlyArray<{ readonly name: string; readonly data: Buffer }>): { kubeVersion?: unknown } | undefined {
  const chartYaml = files.find((file) => /^[^/]+\/Chart\.yaml$/.test(file.name));
  return chartYaml ? ((loadDocuments(chartYaml.data.toString('utf8'))[0] ?? undefined) as { kubeVersion?: unknown } | undefined) : undefined;
}

/** Every file of a chart archive, as Fleet unpacks it into the Bundle; each archive read once per run. */
type ArchiveReader = (archive: string) => ReadonlyArray<{ readonly name: string; readonly data: Buffer }>;

function archiveReader(): ArchiveReader {
  const read = new Map<string, Array<{ name: string; data: Buffer }>>();
  return (archive) => {
    let contents = read.get(archive);
    if (contents) return contents;
    const files: Array<{ name: string; data: Buffer }> = [];
    list({
      file: archive,
      sync: true,
      onReadEntry(entry) {
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => files.push({ name: entry.path, data: Buffer.concat(chunks) }));
      },
    });
    contents = files;
    read.set(archive, contents);
    return contents;
  };
}
