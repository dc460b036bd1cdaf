import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { loadChartPins, type ChartPin } from '@platform/charts';
import { startChartServer, type ChartFiles, type ChartServer, type PublishedChart } from '@platform/charts/testing';

/**
 * The platform's charts, as small stand-ins served on 127.0.0.1: for every pin
 * in a checkout's charts/<id>/chart.yaml, a chart with the pinned name and
 * version, published in a mirror laid out as the charts package's mirror rule
 * says (`<mirror>/<host>/<path>` stands for `https://<host>/<path>`), so the
 * checkout's https:// repository URLs stay as they are and
 * `charts lock|pull --mirror <fixture.mirror>` reads from here.
 *
 *   forgetLockedDigests(root); // the stand-ins are not upstream's bytes
 *   const charts = await startPlatformCharts(root);
 *   await runCli(['charts', 'lock', '--mirror', charts.mirror], ...);
 *   await runCli(['charts', 'pull', '--mirror', charts.mirror, '--cache', cache], ...);
 *   charts.publish('loki', { files: { 'values.schema.json': '...' } }); // a re-published version
 *   charts.publish('loki', { version: '18.12.0' });                     // a new version
 *   await charts.close();
 *
 * What each stand-in renders (see `standInFiles`) is plain Kubernetes that
 * every rendered check passes in any namespace, so a test that breaks one
 * chart sees exactly that chart's findings.
 */
export interface PlatformCharts {
  readonly server: ChartServer;
  /** The mirror base URL (`http://127.0.0.1:<port>`), for `--mirror` or PLATFORM_CHART_MIRROR. */
  readonly mirror: string;
  /** Every pin of the checkout when the fixture started, sorted by id. */
  readonly pins: readonly ChartPin[];
  /** The pin of chart id `id`. */
  pin(id: string): ChartPin;
  /** What is published now for `id` at `version` (the pinned one by default). */
  published(id: string, version?: string): PublishedChart;
  /**
   * Publishes `id`'s chart at `version` (the pinned one by default): the
   * stand-in files with `files` on top; a `null` entry removes a stand-in
   * file. Publishing a version again re-publishes it with the new bytes.
   */
  publish(id: string, options?: PublishOptions): PublishedChart;
  /** The stand-in files for chart id `id` at `version` (the pinned one by default). */
  standIn(id: string, version?: string): Record<string, string>;
  close(): Promise<void>;
}

export interface PublishOptions {
  readonly version?: string;
  /** Files to add or replace (by chart-relative path), or to remove (`null`). */
  readonly files?: Readonly<Record<string, string | Uint8Array | null>>;
}

/** The annotation every stand-in workload carries with the chart's merged values (`toJson .Values`). */
export const VALUES_ANNOTATION = 'platform.test/values';

/** The image every stand-in workload runs: pinned, in a registry that never answers (nothing here pulls it). */
export function standInImage(chart: string, version: string): string {
  return `registry.example.com/${chart}:${version}`;
}

/**
 * Starts the loopback server and publishes a stand-in for every pin under
 * `<root>/charts`. Only https:// repositories are served (the engine accepts
 * no other scheme in a checkout's chart.yaml; an oci:// pin is refused here
 * rather than silently left out).
 */
export async function startPlatformCharts(root: string): Promise<PlatformCharts> {
  const pins = loadChartPins(root);
  const crdInstall = new Map(pins.map((pin) => [pin.id, readCrdInstall(root, pin.id)]));
  const server = await startChartServer();
  const current = new Map<string, PublishedChart>();
  const key = (id: string, version: string) => `${id}@${version}`;
  const pinOf = (id: string): ChartPin => {
    const pin = pins.find((each) => each.id === id);
    if (!pin) throw new Error(`no chart ${id} in the checkout's charts/ (${pins.map((each) => each.id).join(', ')})`);
    return pin;
  };
  const standIn = (id: string, version = pinOf(id).version) => standInFiles(pinOf(id).chart, version, crdInstall.get(id) ?? 'none');
  const publish = (id: string, options: PublishOptions = {}): PublishedChart => {
    const pin = pinOf(id);
    const version = options.version ?? pin.version;
    const files: Record<string, string | Uint8Array> = standIn(id, version);
    for (const [path, content] of Object.entries(options.files ?? {})) {
      if (content === null) delete files[path];
      else files[path] = content;
    }
    const published = server.repository(mirrorPath(pin.repo)).publish({ name: pin.chart, version, files: files as ChartFiles });
    current.set(key(id, version), published);
    return published;
  };
  try {
    for (const pin of pins) publish(pin.id);
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    mirror: server.url,
    pins,
    pin: pinOf,
    published(id, version = pinOf(id).version) {
      const published = current.get(key(id, version));
      if (!published) throw new Error(`chart ${id} ${version} is not published`);
      return published;
    },
    publish,
    standIn,
    close: () => server.close(),
  };
}

/**
 * Deletes the `digest:` line of every charts/<id>/chart.yaml of a scratch
 * checkout, leaving the rest byte for byte. The committed digests are those
 * of upstream's archives; the stand-ins are other bytes under the same name
 * and version, which `charts lock` rightly refuses as re-published. A test
 * checkout forgets them, then locks the stand-ins' digests from the mirror.
 * Returns the ids whose file changed.
 */
export function forgetLockedDigests(root: string): string[] {
  const changed: string[] = [];
  for (const pin of loadChartPins(root)) {
    if (pin.digest === undefined) continue;
    const text = readFileSync(pin.path, 'utf8');
    const without = text.replace(/^digest:[^\n]*\n/m, '');
    if (without === text) throw new Error(`${pin.file}: a digest the fixture cannot find on a line of its own`);
    writeFileSync(pin.path, without);
    changed.push(pin.id);
  }
  return changed;
}

/**
 * Where the mirror keeps an https:// repository: `/<host>/<path>`, the
 * charts package's mirror rule (packages/charts/src/mirror.ts, mirrorUrl),
 * written out again here so that a test of the rule does not take its
 * expectation from the code under test.
 */
export function mirrorPath(repo: string): string {
  const url = new URL(repo);
  if (url.protocol !== 'https:') throw new Error(`the fixture mirrors https:// repositories only, not ${repo}`);
  return `/${url.host}${url.pathname}`.replace(/\/+$/, '');
}

/** How chart.yaml says the chart ships its CRDs (`crds.install`): the stand-in ships them the same way. */
function readCrdInstall(root: string, id: string): string {
  const entry = yaml.load(readFileSync(join(root, 'charts', id, 'chart.yaml'), 'utf8')) as { crds?: { install?: unknown } } | null;
  const install = entry?.crds?.install;
  return typeof install === 'string' ? install : 'none';
}

/** A CRD the real chart ships, by chart name: group, kind, plural, version and scope as upstream names them. */
interface CrdShape {
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  readonly version: string;
  readonly scope: 'Namespaced' | 'Cluster';
}

/**
 * One CRD of each chart that ships some (chart.yaml's crds.note says which
 * and where): enough to tell a CRD under crds/ from one in templates/, and to
 * give later bundles an API to use.
 */
const CHART_CRDS: Readonly<Record<string, CrdShape>> = {
  'fleet-crd': { group: 'fleet.cattle.io', kind: 'GitRepo', plural: 'gitrepos', version: 'v1alpha1', scope: 'Namespaced' },
  'prometheus-operator-crds': { group: 'monitoring.coreos.com', kind: 'ServiceMonitor', plural: 'servicemonitors', version: 'v1', scope: 'Namespaced' },
  'cert-manager': { group: 'cert-manager.io', kind: 'Certificate', plural: 'certificates', version: 'v1', scope: 'Namespaced' },
  kyverno: { group: 'kyverno.io', kind: 'ClusterPolicy', plural: 'clusterpolicies', version: 'v1', scope: 'Cluster' },
  longhorn: { group: 'longhorn.io', kind: 'Volume', plural: 'volumes', version: 'v1beta2', scope: 'Namespaced' },
  alloy: { group: 'monitoring.grafana.com', kind: 'PodLogs', plural: 'podlogs', version: 'v1alpha2', scope: 'Namespaced' },
  'external-dns': { group: 'externaldns.k8s.io', kind: 'DNSEndpoint', plural: 'dnsendpoints', version: 'v1alpha1', scope: 'Namespaced' },
  'trivy-operator': { group: 'aquasecurity.github.io', kind: 'VulnerabilityReport', plural: 'vulnerabilityreports', version: 'v1alpha1', scope: 'Namespaced' },
};

/** Charts that are CRDs and nothing else: no workload. */
const CRD_ONLY = new Set(['fleet-crd', 'prometheus-operator-crds']);

/**
 * The stand-in chart for `chart` at `version`:
 * - Chart.yaml (apiVersion v2) and an empty values.yaml, so every value the
 *   chart sees is one the platform passed;
 * - unless the chart is CRDs only: a Deployment named after the release in
 *   the release namespace, running `standInImage` with a securityContext that
 *   meets the restricted Pod Security level, whose pod template carries the
 *   merged values as JSON (VALUES_ANNOTATION), and a Service in front of it;
 * - a CRD where chart.yaml's crds.install says the real chart has one:
 *   under crds/ for `crds-dir`, under templates/ for `templates`.
 * Every object carries `helm.sh/chart: <chart>-<version>`, so a version bump
 * changes every object of the release.
 */
export function standInFiles(chart: string, version: string, crdInstall: string): Record<string, string> {
  const chartLabel = `${chart}-${version}`;
  const files: Record<string, string> = {
    'Chart.yaml': `apiVersion: v2\nname: ${chart}\nversion: ${version}\nappVersion: ${JSON.stringify(version)}\ntype: application\ndescription: A stand-in for ${chart} ${version}, served by the tests' Helm repository.\n`,
    'values.yaml': '# Every value comes from the platform.\n',
  };
  const labels = (indent: string) =>
    [`app.kubernetes.io/name: ${chart}`, 'app.kubernetes.io/instance: {{ .Release.Name }}', `helm.sh/chart: ${chartLabel}`].map((line) => `${indent}${line}`).join('\n');
  const selector = (indent: string) => [`app.kubernetes.io/name: ${chart}`, 'app.kubernetes.io/instance: {{ .Release.Name }}'].map((line) => `${indent}${line}`).join('\n');
  if (!CRD_ONLY.has(chart)) {
    files['templates/deployment.yaml'] = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ .Release.Name }}',
      '  namespace: {{ .Release.Namespace }}',
      '  labels:',
      labels('    '),
      'spec:',
      '  replicas: 1',
      '  selector:',
      '    matchLabels:',
      selector('      '),
      '  template:',
      '    metadata:',
      '      labels:',
      labels('        '),
      '      annotations:',
      `        ${VALUES_ANNOTATION}: {{ toJson .Values | quote }}`,
      '    spec:',
      '      automountServiceAccountToken: false',
      '      securityContext:',
      '        runAsNonRoot: true',
      '        runAsUser: 65534',
      '        runAsGroup: 65534',
      '        seccompProfile:',
      '          type: RuntimeDefault',
      '      containers:',
      '        - name: main',
      `          image: ${standInImage(chart, version)}`,
      '          ports:',
      '            - name: http',
      '              containerPort: 8080',
      '          resources:',
      '            requests: { cpu: 10m, memory: 16Mi }',
      '            limits: { memory: 64Mi }',
      '          securityContext:',
      '            allowPrivilegeEscalation: false',
      '            readOnlyRootFilesystem: true',
      '            capabilities:',
      '              drop: [ALL]',
      '',
    ].join('\n');
    files['templates/service.yaml'] = [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: {{ .Release.Name }}',
      '  namespace: {{ .Release.Namespace }}',
      '  labels:',
      labels('    '),
      'spec:',
      '  selector:',
      selector('    '),
      '  ports:',
      '    - name: http',
      '      port: 80',
      '      targetPort: http',
      '',
    ].join('\n');
  }
  const crd = CHART_CRDS[chart];
  if (crd && (crdInstall === 'crds-dir' || crdInstall === 'templates')) {
    files[`${crdInstall === 'crds-dir' ? 'crds' : 'templates'}/crd-${crd.plural}.yaml`] = crdManifest(crd, chartLabel);
  }
  return files;
}

/** A CustomResourceDefinition shaped as upstream's: one served storage version, a structural schema, status subresource. */
export function crdManifest(crd: CrdShape, chartLabel: string): string {
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata:',
    `  name: ${crd.plural}.${crd.group}`,
    '  labels:',
    `    helm.sh/chart: ${chartLabel}`,
    'spec:',
    `  group: ${crd.group}`,
    '  names:',
    `    kind: ${crd.kind}`,
    `    listKind: ${crd.kind}List`,
    `    plural: ${crd.plural}`,
    `    singular: ${crd.kind.toLowerCase()}`,
    `  scope: ${crd.scope}`,
    '  versions:',
    `    - name: ${crd.version}`,
    '      served: true',
    '      storage: true',
    '      subresources:',
    '        status: {}',
    '      schema:',
    '        openAPIV3Schema:',
    '          type: object',
    '          required: [spec]',
    '          properties:',
    '            apiVersion: { type: string }',
    '            kind: { type: string }',
    '            metadata: { type: object }',
    '            spec:',
    '              type: object',
    '              x-kubernetes-preserve-unknown-fields: true',
    '            status:',
    '              type: object',
    '              x-kubernetes-preserve-unknown-fields: true',
    '',
  ].join('\n');
}
