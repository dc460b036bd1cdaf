import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import yaml from 'js-yaml';
import { readOutputTree, type RenderedDiff } from '@platform/engine';
import { copyRepository } from '@platform/engine/testing';
import { readCodeQuality, readJunit, readTap } from '@platform/report/well-formed';
import { repositoryRoot } from './repository.js';
import { committedRepository, runCaptured } from './testing/checkout.js';
import { forgetLockedDigests, mirrorPath, standInImage, startPlatformCharts, VALUES_ANNOTATION, type PlatformCharts } from './testing/platform-charts.js';
import { deployedReleases, type DeployedRelease } from './testing/platform-inputs.js';
import { helmSkipReason, titleWithSkip } from './testing/helm-available.js';

const helmSkip = await helmSkipReason();

/**
 * End to end: the platform's charts/ pinned at their versions, served as
 * small stand-ins by a loopback mirror (testing/platform-charts.ts), locked,
 * pulled into a scratch cache, then rendered and checked by `check` and
 * compared by `diff`, all through the CLI in process. Every expectation is
 * computed from the checkout's own inputs (fleet.yaml, HelmChart manifests,
 * values files, chart.yaml) or from what the test published.
 */

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const CLUSTER = 'dev';

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A scratch copy of this checkout's inputs and committed tree. */
function scratch(): string {
  const copy = copyRepository(repositoryRoot, ['clusters', 'charts', 'dist', 'fleet']);
  cleanups.push(copy.cleanup);
  return copy.dir;
}

const cli = runCaptured;

async function startCharts(root: string): Promise<PlatformCharts> {
  const charts = await startPlatformCharts(root);
  cleanups.push(() => charts.close());
  return charts;
}

/**
 * One chart cache for the tests of one broken chart each: the stand-ins'
 * bytes are the same every time, so the archives and the engine's render
 * cache (keyed by archive digest, values and APIs) are shared, and each such
 * test renders only the releases it changed. The tests of a clean render,
 * the value paths and the diff take a cache of their own, so they render
 * every release.
 */
let shared: string | undefined;
function sharedCache(): string {
  shared ??= mkdtempSync(join(tmpdir(), 'chart-cache-shared-'));
  return shared;
}
afterAll(() => {
  if (shared) rmSync(shared, { recursive: true, force: true });
});

/**
 * Chart files to publish instead of the stand-in's, by chart id: files to add
 * or replace (`null` removes one), or a function of the stand-in's files.
 */
type Replacement = Readonly<Record<string, string | Uint8Array | null>>;
type Replacements = Readonly<Record<string, Replacement | ((standIn: Readonly<Record<string, string>>) => Replacement)>>;

/**
 * A checkout (a fresh scratch copy unless `root` names one the test already
 * read its expectations from) whose charts are published on the loopback
 * mirror (with `replace` applied first, as if upstream had published them
 * so), locked through the mirror, and (unless `pull: false`) pulled into a
 * scratch cache. PLATFORM_CHART_CACHE names that cache for everything the
 * test runs next, and no mirror is inherited from the environment.
 */
async function pulledPlatform(options: { root?: string; replace?: Replacements; pull?: boolean; sharedCache?: boolean } = {}) {
  const root = options.root ?? scratch();
  forgetLockedDigests(root);
  const charts = await startCharts(root);
  for (const [id, replacement] of Object.entries(options.replace ?? {})) {
    charts.publish(id, { files: typeof replacement === 'function' ? replacement(charts.standIn(id)) : replacement });
  }
  const cache = options.sharedCache ? sharedCache() : tempDir('chart-cache-');
  vi.stubEnv('PLATFORM_CHART_CACHE', cache);
  vi.stubEnv('PLATFORM_CHART_MIRROR', '');
  const lock = await cli(root, 'charts', 'lock', '--mirror', charts.mirror);
  expect(lock.status, lock.stderr).toBe(0);
  if (options.pull !== false) {
    const pull = await cli(root, 'charts', 'pull', '--mirror', charts.mirror);
    expect(pull.status, pull.stderr).toBe(0);
  }
  return { root, charts, cache, releases: deployedReleases(root, CLUSTER) };
}

interface ReportFinding {
  readonly rule: string;
  readonly file: string;
  readonly message: string;
  readonly severity: string;
  readonly subject?: string;
}
interface CheckReport {
  readonly ok: boolean;
  readonly summary?: string;
  readonly suites: ReadonlyArray<{ readonly name: string; readonly cases: ReadonlyArray<{ readonly name: string; readonly findings: readonly ReportFinding[] }> }>;
}

/** `check --output json`: status and the report. */
async function checkJson(root: string) {
  const result = await cli(root, 'check', '--output', 'json');
  expect(result.stderr).toBe('');
  return { status: result.status, report: JSON.parse(result.stdout) as CheckReport };
}

/** Every finding of a rule family (`rendered/` by default), with the suite it is in. */
function findingsOf(report: CheckReport, prefix = 'rendered/'): Array<ReportFinding & { suite: string }> {
  return report.suites.flatMap((suite) => suite.cases.flatMap((testCase) => testCase.findings.filter((finding) => finding.rule.startsWith(prefix)).map((finding) => ({ ...finding, suite: suite.name }))));
}

/** The report model's warning severities (packages/engine/src/check/report.ts): everything else fails check. */
const isWarning = (finding: ReportFinding) => finding.severity === 'minor' || finding.severity === 'info';

/** What chart.yaml says about the chart a release installs (matched by repository and chart name, as pull matches them). */
function pinEntry(root: string, release: DeployedRelease): { id: string; crdInstall: string } {
  for (const id of readdirSync(join(root, 'charts'))) {
    const entry = yaml.load(readFileSync(join(root, 'charts', id, 'chart.yaml'), 'utf8')) as { repo: string; chart: string; crds?: { install?: string } };
    if (entry.chart === release.chart && entry.repo.replace(/\/$/, '') === release.repo.replace(/\/$/, '')) return { id, crdInstall: entry.crds?.install ?? 'none' };
  }
  throw new Error(`no charts/<id>/chart.yaml pins ${release.chart} from ${release.repo}`);
}

function releaseOf(releases: readonly DeployedRelease[], chart: string): DeployedRelease {
  const release = releases.find((each) => each.chart === chart);
  if (!release) throw new Error(`no deployed release of ${chart}`);
  return release;
}

/** Files of the releases whose stand-in ships a CRD under crds/ (chart.yaml: crds.install crds-dir): the crds-dir warnings a clean tree has. */
function crdsDirFiles(root: string, releases: readonly DeployedRelease[]): string[] {
  return releases.filter((release) => pinEntry(root, release).crdInstall === 'crds-dir').map((release) => release.file).sort();
}


function edit(root: string, file: string, search: string | RegExp, replacement: string): void {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = before.replace(search, replacement);
  if (after === before) throw new Error(`${file}: ${String(search)} not found`);
  writeFileSync(path, after);
}

/** The files of a cache directory, relative, sorted. */
function cacheFiles(cache: string): string[] {
  if (!existsSync(cache)) return [];
  return (readdirSync(cache, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(cache.length + 1))
    .sort();
}

const hexOf = (digest: string) => digest.replace(/^sha256:/, '');

/** `length` bytes that gzip cannot shrink, the same every run (xorshift32). */
function incompressibleBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0 || 1;
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

/** A FlowSchema in flowcontrol.apiserver.k8s.io/v1beta3: served from 1.26 to 1.31, deprecated since 1.29, removed in 1.32 (the Kubernetes deprecation guide). */
const FLOW_SCHEMA_V1BETA3 = `apiVersion: flowcontrol.apiserver.k8s.io/v1beta3
kind: FlowSchema
metadata:
  name: {{ .Release.Name }}-workload
spec:
  priorityLevelConfiguration:
    name: workload-high
  matchingPrecedence: 1000
  rules:
    - subjects:
        - kind: ServiceAccount
          serviceAccount:
            name: {{ .Release.Name }}
            namespace: {{ .Release.Namespace }}
      resourceRules:
        - verbs: ["*"]
          apiGroups: ["*"]
          resources: ["*"]
          clusterScope: true
          namespaces: ["*"]
`;

/** `length` characters of base64 text from incompressibleBytes: valid UTF-8, and gzip can take no more than its 2 unused bits a character. */
function randomText(length: number, seed: number): string {
  return Buffer.from(incompressibleBytes(Math.ceil((length * 3) / 4), seed)).toString('base64').slice(0, length);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('charts through a mirror: lock, pull, and what a re-published chart meets', () => {
  it('locks each pinned version from its mirrored index, pulls and verifies every archive, and a second pull asks nothing of the network', async () => {
    const root = scratch();
    // The committed digests are upstream's; the stand-ins are other bytes (see forgetLockedDigests).
    expect(forgetLockedDigests(root).length).toBeGreaterThan(0);
    const charts = await startCharts(root);
    const lock = await cli(root, 'charts', 'lock', '--mirror', charts.mirror);
    expect(lock.status, lock.stderr).toBe(0);
    const repositories = [...new Set(charts.pins.map((pin) => mirrorPath(pin.repo)))].sort();
    // One index per repository, whatever number of charts it holds.
    expect([...charts.server.requests].sort()).toEqual(repositories.map((path) => `${path}/index.yaml`));
    for (const pin of charts.pins) {
      const { digest } = charts.published(pin.id);
      // The digest goes on the line after version:, the rest of the file as it was.
      expect(readFileSync(join(root, pin.file), 'utf8')).toMatch(new RegExp(`^version: "?${escapeRegExp(pin.version)}"?\\ndigest: ${digest}\\n`, 'm'));
      expect(lock.stdout).toContain(`${pin.id}: ${pin.chart} ${pin.version} ${digest}`);
    }

    // The mirror and the cache from the environment this time: what CI sets.
    const cache = join(tempDir('chart-cache-'), 'nested');
    vi.stubEnv('PLATFORM_CHART_MIRROR', charts.mirror);
    vi.stubEnv('PLATFORM_CHART_CACHE', cache);
    const asked = charts.server.requests.length;
    const pull = await cli(root, 'charts', 'pull');
    expect(pull.status, pull.stderr).toBe(0);
    const archives = charts.pins.map((pin) => `${mirrorPath(pin.repo)}/${pin.chart}-${pin.version}.tgz`);
    expect(charts.server.requests.slice(asked).sort()).toEqual([...repositories.map((path) => `${path}/index.yaml`), ...archives].sort());
    expect(cacheFiles(cache)).toEqual(charts.pins.map((pin) => join('sha256', `${hexOf(charts.published(pin.id).digest)}.tgz`)).sort());
    for (const pin of charts.pins) expect(readFileSync(join(cache, 'sha256', `${hexOf(charts.published(pin.id).digest)}.tgz`)).equals(charts.published(pin.id).bytes)).toBe(true);

    const again = await cli(root, 'charts', 'pull');
    expect(again.status, again.stderr).toBe(0);
    expect(charts.server.requests.length).toBe(asked + repositories.length + archives.length);
    for (const pin of charts.pins) expect(again.stdout).toMatch(new RegExp(`^cached +${escapeRegExp(pin.id)}: `, 'm'));
  });

  it('refuses a version re-published with other bytes: lock keeps the locked digest, a pull caches none of it, and the locked bytes already cached still serve', async () => {
    const { root, charts, cache } = await pulledPlatform();
    const loki = charts.pin('loki');
    const locked = charts.published('loki');
    const chartYaml = readFileSync(join(root, loki.file), 'utf8');
    const cached = cacheFiles(cache);
    const republished = charts.publish('loki', { files: { 'templates/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-extra\n' } });
    expect(republished.digest).not.toBe(locked.digest);

    const lock = await cli(root, 'charts', 'lock', '--mirror', charts.mirror);
    expect(lock.status).toBe(1);
    expect(lock.stderr).toContain(loki.file);
    expect(lock.stderr).toContain(locked.digest);
    expect(lock.stderr).toContain(republished.digest);
    expect(readFileSync(join(root, loki.file), 'utf8')).toBe(chartYaml);

    // A machine without it in its cache downloads the others and refuses this one.
    const fresh = tempDir('chart-cache-fresh-');
    const pull = await cli(root, 'charts', 'pull', '--mirror', charts.mirror, '--cache', fresh);
    expect(pull.status).toBe(1);
    expect(pull.stderr).toContain(loki.file);
    expect(pull.stderr).toContain(locked.digest);
    expect(pull.stderr).toContain(republished.digest);
    const others = charts.pins.filter((pin) => pin.id !== 'loki').map((pin) => join('sha256', `${hexOf(charts.published(pin.id).digest)}.tgz`));
    expect(cacheFiles(fresh).filter((file) => !file.startsWith('tmp/'))).toEqual(others.sort());
    expect(cacheFiles(fresh).some((file) => readFileSync(join(fresh, file)).equals(republished.bytes))).toBe(false);

    // A cache that holds the locked bytes needs nothing from the repository: the re-published archive is never fetched.
    const asked = charts.server.requests.length;
    const again = await cli(root, 'charts', 'pull', '--mirror', charts.mirror);
    expect(again.status, again.stderr).toBe(0);
    expect(charts.server.requests.length).toBe(asked);
    expect(cacheFiles(cache)).toEqual(cached);
  });
});

describe.skipIf(!!helmSkip)(titleWithSkip('check renders every Helm release of every cluster from the chart cache', helmSkip), () => {
  it('passes with every chart cached, offline: each release rendered, only the CRDs the charts ship under crds/ reported', async () => {
    const { root, charts, releases } = await pulledPlatform();
    expect(releases.filter((release) => release.installer === 'fleet').length).toBeGreaterThan(0);
    expect(releases.filter((release) => release.installer === 'helm-controller').length).toBeGreaterThan(0);
    // Offline: a mirror is configured, and it is gone.
    vi.stubEnv('PLATFORM_CHART_MIRROR', charts.mirror);
    await charts.close();
    const { status, report } = await checkJson(root);
    expect(status).toBe(0);
    expect(report.ok).toBe(true);
    const rendered = findingsOf(report);
    expect(rendered.filter((finding) => !isWarning(finding))).toEqual([]);
    expect(rendered.filter((finding) => finding.rule === 'rendered/skipped')).toEqual([]);
    expect(rendered.filter((finding) => finding.rule === 'rendered/crds-dir').map((finding) => finding.file).sort()).toEqual(crdsDirFiles(root, releases));
    expect(rendered.every((finding) => finding.suite === CLUSTER)).toBe(true);
    const text = await cli(root, 'check');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`\\b${releases.length} (Helm )?releases\\b`));
  });

  it('renders each release with exactly the values its deployer passes: Fleet helm.values then valuesFiles, helm-controller valuesContent then spec.set', async () => {
    const { root } = await pulledPlatform();
    committedRepository(root);
    const base = deployedReleases(root, CLUSTER);
    // One change per value channel, as a merge request would make them.
    edit(root, 'clusters/dev.yaml', /grafanaAdmin: grafana-admin\b/, 'grafanaAdmin: grafana-admin-rotated'); // Fleet helm.values (kube-prometheus-stack)
    edit(root, 'charts/loki/values.yaml', /retention_period: 168h/, 'retention_period: 336h'); // Fleet valuesFiles
    edit(root, 'charts/longhorn/values.yaml', /defaultDataPath: \/var\/lib\/longhorn\//, 'defaultDataPath: /data/longhorn/'); // HelmChart valuesContent
    edit(root, 'clusters/dev.yaml', /replicaCount: 2\b/, 'replicaCount: 3'); // HelmChart spec.set
    // (One key in two channels never reaches a cluster: synth refuses it, "one would silently win". Which one would is
    // @platform/helm's specification, values.test.ts; here the channels meet only key by key, grafana.admin and persistence.)
    const synth = await cli(root, 'synth');
    expect(synth.status, synth.stderr).toBe(0);
    const head = deployedReleases(root, CLUSTER);
    const valuesAtBase = (release: DeployedRelease) => base.find((each) => each.file === release.file)?.values;
    const changed = head.filter((release) => JSON.stringify(release.values) !== JSON.stringify(valuesAtBase(release)));
    // The edits reach three releases over both deployers.
    expect(changed.map((release) => release.installer).sort()).toEqual(['fleet', 'fleet', 'helm-controller']);
    // Maps from two channels merge key by key: the values file's grafana.admin keys beside helm.values' existingSecret, valuesContent's persistence beside spec.set's.
    expect(Object.keys((releaseOf(head, 'kube-prometheus-stack').values.grafana as { admin: object }).admin).length).toBeGreaterThan(1);
    expect((releaseOf(head, 'longhorn').values.persistence as Record<string, unknown>)).toMatchObject({ defaultClass: true, defaultClassReplicaCount: 3 });

    const result = await cli(root, 'diff', '--base', 'HEAD', '--output', 'json');
    expect(result.status, result.stderr).toBe(0);
    const diff = JSON.parse(result.stdout) as RenderedDiff;
    const cluster = diff.clusters.find((each) => each.name === CLUSTER);
    const touched = (cluster?.bundles ?? []).filter((bundle) => bundle.release.head);
    expect(touched.map((bundle) => `${bundle.release.head!.namespace}/${bundle.release.head!.name}`).sort()).toEqual(changed.map((release) => `${release.namespace}/${release.releaseName}`).sort());
    for (const release of changed) {
      const bundle = touched.find((each) => each.release.head?.name === release.releaseName && each.release.head.namespace === release.namespace)!;
      // Only the workload whose pod template carries the values changes; the Service does not.
      expect(bundle.objects.map((object) => `${object.status} ${object.id}`)).toEqual([`changed Deployment.apps ${release.namespace}/${release.releaseName}`]);
      const [object] = bundle.objects;
      const annotation = (sign: '+' | '-') => {
        const line = object!.diff.split('\n').find((each) => each.startsWith(sign) && each.includes(`${VALUES_ANNOTATION}:`));
        return JSON.parse((yaml.load(line!.slice(1).trim()) as Record<string, string>)[VALUES_ANNOTATION]!) as unknown;
      };
      expect(annotation('+')).toEqual(release.values);
      expect(annotation('-')).toEqual(valuesAtBase(release));
    }
  });

  it('reports helm template failures as rendered/helm on the file that declares the release, for both deployers, and renders the rest', async () => {
    const root = scratch();
    const releases = deployedReleases(root, CLUSTER);
    const loki = releaseOf(releases, 'loki');
    const nginx = releaseOf(releases, 'ingress-nginx');
    const kyverno = releaseOf(releases, 'kyverno');
    expect([loki.installer, nginx.installer, kyverno.installer]).toEqual(['fleet', 'helm-controller', 'fleet']);
    // A schema (as an older chart line had) that leaves out the mode the platform's values file chose.
    const modes = ['SingleBinary', 'SimpleScalable', 'Distributed', 'Monolithic'].filter((mode) => mode !== loki.values.deploymentMode);
    const { root: checkout, releases: all } = await pulledPlatform({ root, sharedCache: true, replace: {
      loki: { 'values.schema.json': JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { deploymentMode: { type: 'string', enum: modes } } }) },
      'ingress-nginx': { 'templates/licence.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-licence\ndata:\n  key: {{ required "fixtureLicenceKey is required: this chart needs a licence key" .Values.fixtureLicenceKey | quote }}\n' },
      kyverno: { 'templates/broken.yaml': '{{ .Values.admissionController | nosuchfunction }}\n' },
    } });
    const { status, report } = await checkJson(checkout);
    expect(status).toBe(1);
    const rendered = findingsOf(report);
    const helm = rendered.filter((finding) => finding.rule === 'rendered/helm');
    expect(helm.map((finding) => finding.file).sort()).toEqual([loki.file, nginx.file, kyverno.file].sort());
    expect(helm.every((finding) => !isWarning(finding))).toBe(true);
    const on = (file: string) => helm.find((finding) => finding.file === file)!.message;
    expect(on(loki.file)).toMatch(/schema/);
    expect(on(loki.file)).toContain('deploymentMode');
    expect(on(nginx.file)).toContain('fixtureLicenceKey is required: this chart needs a licence key');
    expect(on(kyverno.file)).toContain('nosuchfunction');
    // Every other release was rendered (or taken from the render cache) and checked: its crds/ CRDs are reported, nothing was skipped.
    expect(rendered.filter((finding) => finding.rule === 'rendered/crds-dir').map((finding) => finding.file).sort()).toEqual(crdsDirFiles(checkout, all));
    expect(rendered.filter((finding) => finding.rule === 'rendered/skipped')).toEqual([]);
  });

  it('reports objects the cluster\'s Kubernetes would refuse as rendered/schema (an API version it no longer serves, a misspelt field) and warns of a deprecated API version', async () => {
    const root = scratch();
    const releases = deployedReleases(root, CLUSTER);
    const certManager = releaseOf(releases, 'cert-manager');
    const longhorn = releaseOf(releases, 'longhorn');
    expect([certManager.installer, longhorn.installer]).toEqual(['fleet', 'helm-controller']);
    const kubernetes = (yaml.load(readFileSync(join(root, `clusters/${CLUSTER}.yaml`), 'utf8')) as { cluster: { kubernetesVersion: string } }).cluster.kubernetesVersion;
    // policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25 (the deprecation guide); the cluster runs a later one.
    expect(Number(kubernetes.split('.')[1])).toBeGreaterThanOrEqual(25);
    const { root: checkout } = await pulledPlatform({ root, sharedCache: true, replace: {
      'cert-manager': { 'templates/pdb.yaml': 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  minAvailable: 1\n  selector:\n    matchLabels:\n      app.kubernetes.io/instance: {{ .Release.Name }}\n' },
      longhorn: { 'templates/settings.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-settings\ndate:\n  replicas: "2"\n' },
      // Served by 1.31 but deprecated (removed in 1.32): a warning, not a failure.
      kyverno: { 'templates/flowschema.yaml': FLOW_SCHEMA_V1BETA3 },
    } });
    const { status, report } = await checkJson(checkout);
    expect(status).toBe(1);
    const schema = findingsOf(report).filter((finding) => finding.rule === 'rendered/schema');
    expect(schema.map((finding) => finding.file).sort()).toEqual([certManager.file, longhorn.file].sort());
    expect(schema.every((finding) => !isWarning(finding))).toBe(true);
    const removed = schema.find((finding) => finding.file === certManager.file)!;
    expect(`${removed.subject ?? ''} ${removed.message}`).toContain('PodDisruptionBudget');
    expect(removed.message).toMatch(/policy\/v1beta1|removed/);
    const misspelt = schema.find((finding) => finding.file === longhorn.file)!;
    expect(`${misspelt.subject ?? ''} ${misspelt.message}`).toContain(`${longhorn.releaseName}-settings`);
    expect(misspelt.message).toContain('date');
    const deprecated = findingsOf(report).filter((finding) => finding.rule === 'rendered/deprecated-api');
    expect(deprecated.map((finding) => finding.file)).toEqual([releaseOf(releases, 'kyverno').file]);
    expect(deprecated[0]!.message).toContain('flowcontrol.apiserver.k8s.io/v1beta3');
    expect(deprecated.every(isWarning)).toBe(true);
  });

  it('renders a chart\'s custom resources when an earlier bundle serves their CRD (--api-versions), and validates them against it', async () => {
    const root = scratch();
    const releases = deployedReleases(root, CLUSTER);
    const kps = releaseOf(releases, 'kube-prometheus-stack');
    const crds = releaseOf(releases, 'prometheus-operator-crds');
    // The CRD bundle rolls out first: the GitRepo lists it before kube-prometheus-stack (and kps dependsOn it).
    const paths = (yaml.load(readFileSync(join(root, `fleet/${CLUSTER}/gitrepo.yaml`), 'utf8')) as { spec: { paths: string[] } }).spec.paths;
    expect(paths.indexOf(crds.file.replace(/\/fleet\.yaml$/, ''))).toBeLessThan(paths.indexOf(kps.file.replace(/\/fleet\.yaml$/, '')));
    // Charts guard their custom resources so: one on an API the CRD bundle adds, one on an API nothing serves. Neither has the spec the CRD requires.
    const guarded = (kind: string, name: string) =>
      `{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/${kind}" }}\napiVersion: monitoring.coreos.com/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: {{ .Release.Namespace }}\n{{- end }}\n`;
    const { root: checkout } = await pulledPlatform({ root, sharedCache: true, replace: {
      'kube-prometheus-stack': { 'templates/servicemonitor.yaml': guarded('ServiceMonitor', 'kps-served'), 'templates/unserved.yaml': guarded('NoSuchMonitor', 'kps-unserved') },
    } });
    const { status, report } = await checkJson(checkout);
    expect(status).toBe(1);
    const schema = findingsOf(report).filter((finding) => finding.rule === 'rendered/schema');
    expect(schema.map((finding) => finding.file)).toEqual([kps.file]);
    expect(schema[0]!.message).toContain('ServiceMonitor');
    expect(schema[0]!.message).toContain('kps-served');
    expect(schema[0]!.message).toMatch(/spec/);
  });

  it('reports a Fleet Bundle over the size budget as rendered/bundle-size, counting the chart\'s files as Fleet stores them (gzip and base64 past 1,000,000 bytes)', async () => {
    const root = scratch();
    const releases = deployedReleases(root, CLUSTER);
    const [trivy, kyverno, alloy, longhorn] = ['trivy-operator', 'kyverno', 'alloy', 'longhorn'].map((chart) => releaseOf(releases, chart));
    expect([trivy, kyverno, alloy, longhorn].map((release) => release!.installer)).toEqual(['fleet', 'fleet', 'fleet', 'helm-controller']);
    const budget = 1024 * 1024;
    // Text, so every encoding question is out of the way: Fleet stores text files as they are.
    const incompressible = randomText(1.25 * budget, 1); // gzip saves a quarter (6 bits a character), base64 gives it back: over
    const under = randomText(900_000, 2); // the Bundle stays under 1,000,000 bytes, stored as it is: under
    const compressible = `${'      - {"expr": "sum(rate(container_cpu_usage_seconds_total[5m])) by (pod)", "legendFormat": "{{pod}}"}\n'.repeat(30_000)}`; // 3 MB raw, a few KB gzipped
    const stored = (text: string) => Math.ceil((gzipSync(text).length * 4) / 3);
    expect(stored(incompressible)).toBeGreaterThan(budget);
    expect(under.length).toBeLessThan(1_000_000 - 20_000);
    expect(compressible.length).toBeGreaterThan(budget);
    expect(stored(compressible)).toBeLessThan(budget / 10);
    const { root: checkout } = await pulledPlatform({ root, sharedCache: true, replace: {
      'trivy-operator': { 'files/blob.txt': incompressible },
      kyverno: { 'files/blob.txt': under },
      alloy: { 'files/dashboards.yaml': compressible },
      // helm-controller downloads the chart in its job: an RKE2 HelmChart carries no chart files.
      longhorn: { 'files/blob.txt': incompressible },
    } });
    const { status, report } = await checkJson(checkout);
    expect(status).toBe(1);
    const size = findingsOf(report).filter((finding) => finding.rule === 'rendered/bundle-size');
    expect(size.map((finding) => finding.file)).toEqual([trivy!.file]);
    expect(isWarning(size[0]!)).toBe(false);
  });

  it('warns of CRDs shipped under crds/ (rendered/crds-dir), which Helm installs once and never upgrades, without failing check', async () => {
    const root = scratch();
    const releases = deployedReleases(root, CLUSTER);
    const kyverno = releaseOf(releases, 'kyverno');
    // A bump that moves kyverno's CRDs from templates/ into crds/.
    const moveCrds = (standIn: Readonly<Record<string, string>>) => {
      const moved = Object.entries(standIn).filter(([path]) => path.startsWith('templates/crd-'));
      expect(moved).toHaveLength(1);
      return Object.fromEntries(moved.flatMap(([path, text]) => [[path, null], [path.replace('templates/', 'crds/'), text]]));
    };
    const { root: checkout, releases: all } = await pulledPlatform({ root, sharedCache: true, replace: { kyverno: moveCrds } });
    const { status, report } = await checkJson(checkout);
    expect(status).toBe(0);
    const crdsDir = findingsOf(report).filter((finding) => finding.rule === 'rendered/crds-dir');
    expect(crdsDir.map((finding) => finding.file).sort()).toEqual([...crdsDirFiles(checkout, all), kyverno.file].sort());
    expect(crdsDir.every(isWarning)).toBe(true);
  });

  it('reports images tagged latest or not tagged at all as rendered/image-tag; a digest pins an image whatever its tag', async () => {
    const root = scratch();
    const releases = deployedReleases(root, CLUSTER);
    const image = (chart: string, reference: string) => ({ release: releaseOf(releases, chart), reference });
    const cases = [
      image('external-dns', 'registry.example.com/external-dns:latest'), // Fleet, tag latest
      image('ingress-nginx', 'registry.example.com/ingress-nginx'), // RKE2 HelmChart, no tag
      image('alloy', 'registry.example.com:5000/alloy'), // a registry port is no tag
      image('loki', `registry.example.com/loki:latest@sha256:${'a'.repeat(64)}`), // pinned by digest
    ];
    const replace = Object.fromEntries(
      cases.map(({ release, reference }) => [
        pinEntry(root, release).id,
        (standIn: Readonly<Record<string, string>>) => ({ 'templates/deployment.yaml': standIn['templates/deployment.yaml']!.replace(standInImage(release.chart, release.version), reference) }),
      ]),
    );
    const { root: checkout } = await pulledPlatform({ root, sharedCache: true, replace });
    const { status, report } = await checkJson(checkout);
    expect(status).toBe(1);
    const tags = findingsOf(report).filter((finding) => finding.rule === 'rendered/image-tag');
    const flagged = cases.filter((each) => !each.reference.includes('@sha256:'));
    expect(tags.map((finding) => finding.file).sort()).toEqual(flagged.map((each) => each.release.file).sort());
    for (const each of flagged) expect(tags.find((finding) => finding.file === each.release.file)!.message).toContain(each.reference);
    expect(tags.every((finding) => !isWarning(finding))).toBe(true);
    // The same findings in the formats CI reads: GitLab code quality, JUnit (one failing case per file, in the cluster's suite), TAP.
    const codequality = readCodeQuality((await cli(checkout, 'check', '--output', 'codequality')).stdout).filter((issue) => issue.check_name === 'rendered/image-tag');
    expect(codequality.map((issue) => issue.location.path).sort()).toEqual(flagged.map((each) => each.release.file).sort());
    const junit = readJunit((await cli(checkout, 'check', '--output', 'junit')).stdout);
    const failing = junit.suites.flatMap((suite) => suite.cases.filter((testCase) => testCase.outcome?.element === 'failure').map((testCase) => ({ suite: suite.attributes.name, testCase })));
    expect(failing.map(({ suite, testCase }) => `${suite} ${testCase.attributes.name}`).sort()).toEqual(flagged.map((each) => `${CLUSTER} ${each.release.file}`).sort());
    for (const { testCase } of failing) expect(`${testCase.outcome!.attributes.type} ${testCase.outcome!.text}`).toContain('rendered/image-tag');
    const tap = readTap((await cli(checkout, 'check', '--output', 'tap')).stdout);
    for (const each of flagged) expect(tap.points.some((point) => !point.ok && point.description.includes(each.release.file))).toBe(true);
  });

  it('reports a workload its namespace\'s Pod Security level would refuse as rendered/pod-security-level, and passes the ones that meet it', async () => {
    const root = scratch();
    const releases = deployedReleases(root, CLUSTER);
    const externalDns = releaseOf(releases, 'external-dns');
    // The chart creates its namespace enforcing restricted (the stand-in's own Deployment meets it) and adds a debug Deployment on the host network.
    const debug = `${externalDns.releaseName}-debug`;
    const { root: checkout } = await pulledPlatform({ root, sharedCache: true, replace: { 'external-dns': (standIn) => ({
      'templates/namespace.yaml': `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {{ .Release.Namespace }}\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/enforce-version: latest\n`,
      'templates/debug.yaml': standIn['templates/deployment.yaml']!.replaceAll('name: {{ .Release.Name }}', `name: ${debug}`).replace('      automountServiceAccountToken: false\n', '      automountServiceAccountToken: false\n      hostNetwork: true\n'),
    }) } });
    const { status, report } = await checkJson(checkout);
    expect(status).toBe(1);
    const refused = findingsOf(report).filter((finding) => finding.rule === 'rendered/pod-security-level');
    expect(refused.map((finding) => finding.file)).toEqual([externalDns.file]);
    expect(refused[0]!.message).toContain(`${externalDns.namespace}/${debug}`);
    expect(refused[0]!.message).toContain('restricted');
    expect(refused[0]!.message).toMatch(/host ?network|hostNetwork/i);
    expect(isWarning(refused[0]!)).toBe(false);
  });

  it('without the charts in the cache, says the rendered checks were skipped and why, and still passes the file-level gate', async () => {
    const { root, releases } = await pulledPlatform({ pull: false });
    const none = await checkJson(root);
    expect(none.status).toBe(0);
    const skipped = findingsOf(none.report);
    expect(skipped.map((finding) => finding.rule)).toEqual(['rendered/skipped']);
    expect(isWarning(skipped[0]!)).toBe(true);
    expect(skipped[0]!.message).toContain('charts pull');

    // The file-level gate is still the gate: a hand edit fails check with the charts missing.
    edit(root, releaseOf(releases, 'loki').file, /releaseName: loki/, 'releaseName: loki-edited');
    const edited = await checkJson(root);
    expect(edited.status).toBe(1);
    expect(findingsOf(edited.report, '').some((finding) => finding.file === releaseOf(releases, 'loki').file && !finding.rule.startsWith('rendered/'))).toBe(true);
  });

  it('names exactly the charts the cache lacks when only some were pulled', async () => {
    const { root, charts, releases } = await pulledPlatform({ pull: false });
    const missing = releaseOf(releases, 'kyverno');
    const pulled = charts.pins.filter((pin) => pin.id !== pinEntry(root, missing).id).map((pin) => pin.id);
    const pull = await cli(root, 'charts', 'pull', '--mirror', charts.mirror, ...pulled);
    expect(pull.status, pull.stderr).toBe(0);
    const { status, report } = await checkJson(root);
    expect(status).toBe(0);
    const skipped = findingsOf(report).filter((finding) => finding.rule === 'rendered/skipped');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.message).toContain(`kyverno ${missing.version}`);
    expect(skipped[0]!.message).toContain('charts pull');
    for (const release of releases.filter((each) => each !== missing)) expect(skipped[0]!.message).not.toContain(`${release.chart} ${release.version}`);
  });
});

describe.skipIf(!!helmSkip)(titleWithSkip('platform diff: what a chart bump changes on each cluster', helmSkip), () => {
  it('shows the objects a chart version bump changes and the release upgraded from → to, in every format, and writes nothing', async () => {
    const { root, charts } = await pulledPlatform();
    const git = committedRepository(root);
    const loki = releaseOf(deployedReleases(root, CLUSTER), 'loki');
    const pin = charts.pin('loki');
    const locked = charts.published('loki').digest;
    const next = pin.version.replace(/^(\d+)\.(\d+)\.\d+$/, (_, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`);
    expect(next).not.toBe(pin.version);
    // Upstream publishes the next version; the merge request bumps the pin, locks and re-renders.
    charts.publish('loki', { version: next });
    edit(root, pin.file, new RegExp(`^version: ${escapeRegExp(pin.version)}$`, 'm'), `version: ${next}`);
    const lock = await cli(root, 'charts', 'lock', '--mirror', charts.mirror, 'loki');
    expect(lock.status, lock.stderr).toBe(0);
    expect(lock.stdout).toContain(`loki: loki ${pin.version} -> ${next} ${charts.published('loki', next).digest}`);
    const pull = await cli(root, 'charts', 'pull', '--mirror', charts.mirror);
    expect(pull.status, pull.stderr).toBe(0);
    expect((await cli(root, 'synth')).status).toBe(0);
    expect(git('status', '--porcelain')).toContain(loki.file);
    const tree = readOutputTree(root);

    const json = await cli(root, 'diff', '--base', 'HEAD', '--output', 'json');
    expect(json.status, json.stderr).toBe(0);
    const diff = JSON.parse(json.stdout) as RenderedDiff;
    // Every stand-in object carries helm.sh/chart: <chart>-<version> and the Deployment the versioned image: both change in place.
    const objects = [`Deployment.apps ${loki.namespace}/${loki.releaseName}`, `Service ${loki.namespace}/${loki.releaseName}`];
    expect(diff.totals.counts).toMatchObject({ added: 0, changed: objects.length, removed: 0 });
    expect(diff.totals.releasesUpgraded).toBe(1);
    expect(diff.totals.releasesReinstalled).toBe(0);
    const cluster = diff.clusters.find((each) => each.name === CLUSTER)!;
    expect(cluster.releases.upgraded).toEqual([
      { bundle: expect.any(String), release: { name: loki.releaseName, namespace: loki.namespace }, chart: { base: { name: 'loki', version: pin.version }, head: { name: 'loki', version: next } } },
    ]);
    expect(cluster.bundles).toHaveLength(1);
    expect(cluster.bundles[0]!.objects.map((object) => `${object.status} ${object.id}`).sort()).toEqual(objects.map((id) => `changed ${id}`).sort());
    const deployment = cluster.bundles[0]!.objects.find((object) => object.id.startsWith('Deployment'))!;
    expect(deployment.diff).toMatch(new RegExp(`^-\\s+(- )?image: ${escapeRegExp(standInImage('loki', pin.version))}$`, 'm'));
    expect(deployment.diff).toMatch(new RegExp(`^\\+\\s+(- )?image: ${escapeRegExp(standInImage('loki', next))}$`, 'm'));

    const text = await cli(root, 'diff', '--base', 'HEAD');
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`loki ${pin.version} → ${next}`);
    for (const id of objects) expect(text.stdout).toContain(id);
    const markdown = await cli(root, 'diff', '--base', 'HEAD', '--output', 'markdown');
    expect(markdown.status).toBe(0);
    expect(markdown.stdout).toContain(`${pin.version}\` → \``);
    expect(markdown.stdout).toContain(next);
    expect(readOutputTree(root)).toEqual(tree);

    // CI's order on a fresh machine: pull what the head pins, then what the base pins (charts pull --ref), then diff.
    vi.stubEnv('PLATFORM_CHART_CACHE', tempDir('chart-cache-ci-'));
    expect((await cli(root, 'charts', 'pull', '--mirror', charts.mirror)).status).toBe(0);
    const withoutBase = await cli(root, 'diff', '--base', 'HEAD', '--output', 'json');
    expect(withoutBase.status).toBe(1);
    expect(withoutBase.stdout).toBe('');
    expect(withoutBase.stderr).toContain(`loki ${pin.version}`);
    expect(withoutBase.stderr).toContain('charts pull --ref HEAD');
    const base = await cli(root, 'charts', 'pull', '--ref', 'HEAD', '--mirror', charts.mirror);
    expect(base.status, base.stderr).toBe(0);
    expect(base.stdout).toContain(`loki: loki ${pin.version} ${locked}`);
    const again = await cli(root, 'diff', '--base', 'HEAD', '--output', 'json');
    expect(again.status, again.stderr).toBe(0);
    // Byte for byte the same diff from another cache: nothing in it depends on where or when it was rendered.
    expect(again.stdout).toBe(json.stdout);
  });
});
