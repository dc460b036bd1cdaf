import { describe, expect, it } from 'vitest';
import { ChartCatalog, type ChartEntry } from '../charts/catalog.js';
import { PlatformErrors } from '../errors.js';
import { namespace, podSecurityLabels } from '../kube/namespace.js';
import { kubeConfigMap } from '../kube/object.js';
import { FleetBundle, Rke2Bundle, type FleetBundleProps } from '../model/bundle.js';
import { fleetPhase, rke2Phase, type FleetPhase, type Rke2Phase } from '../model/phase.js';
import { Platform } from '../model/platform.js';
import { HelmChart } from '../rke2/helm-chart.js';
import { testChart, testConfig } from '../testing.js';
import { renderPlatform } from '../render/render.js';

const operator = testChart('operator', { crds: { enabled: false } }, {
  crds: { install: 'separate-chart', upgrade: 'with-crd-chart', chart: 'operator-crds', disabledBy: 'crds.enabled', note: 'test' },
});
const operatorCrds = testChart('operator-crds', {}, { crds: { install: 'templates', upgrade: 'with-release', note: 'test' } });

function platform(options: {
  fleet?: string;
  charts?: ChartEntry[];
  bootstrap?: (phase: Rke2Phase) => void;
  apps: (phase: FleetPhase) => void;
}): Platform {
  const charts = ChartCatalog.of([
    ...(options.fleet ? [testChart('fleet', {}, { version: options.fleet })] : []),
    testChart('app'),
    operator,
    operatorCrds,
    ...(options.charts ?? []),
  ]);
  const bootstrap = rke2Phase({ name: 'bootstrap', summary: 'test', source: 'packages/test', build: options.bootstrap ?? (() => {}) });
  const apps = fleetPhase({
    name: 'apps',
    summary: 'test',
    source: 'packages/test',
    build(phase) {
      kubeConfigMap(new FleetBundle(phase, 'canary', { namespace: 'default' }), 'cm', { metadata: { name: 'c', namespace: 'default' } });
      options.apps(phase);
    },
  });
  return new Platform({ config: testConfig(), charts }, [bootstrap, apps]);
}

function problems(make: () => Platform): string[] {
  try {
    renderPlatform(make());
    return [];
  } catch (error) {
    if (error instanceof PlatformErrors) return error.errors.map((problem) => problem.describe());
    throw error;
  }
}

const app = (phase: FleetPhase, props: Partial<FleetBundleProps> = {}) =>
  new FleetBundle(phase, 'app', { namespace: 'monitoring', helm: { chart: phase.chart('app'), releaseName: 'app' }, ...props });

describe('Pod Security levels (Fleet drops pod-security namespaceLabels since 0.13.11)', () => {
  it.each(['0.13.11', '0.13.15', '0.14.6', '0.16.1', undefined])('refuses pod-security keys in namespaceLabels for Fleet %s', (fleet) => {
    const found = problems(() => platform({ ...(fleet ? { fleet } : {}), apps: (phase) => app(phase, { namespaceLabels: { team: 'a', 'pod-security.kubernetes.io/enforce': 'privileged' } }) }));
    expect(found).toEqual([expect.stringMatching(/dist\/apps\/app\/fleet\.yaml: namespaceLabels: Fleet .* drops namespaceLabels\.pod-security\.kubernetes\.io\/enforce/)]);
  });

  it('accepts them for a Fleet that still applies them, and other labels everywhere', () => {
    expect(problems(() => platform({ fleet: '0.13.10', apps: (phase) => app(phase, { namespaceLabels: podSecurityLabels('privileged') }) }))).toEqual([]);
    expect(problems(() => platform({ fleet: '0.13.15', apps: (phase) => app(phase, { namespaceLabels: { team: 'a' } }) }))).toEqual([]);
  });

  it('needs the namespace declared with its level in an RKE2 bundle, which RKE2 applies before Fleet runs', () => {
    const missing = problems(() => platform({ fleet: '0.13.15', apps: (phase) => app(phase, { podSecurity: 'privileged' }) }));
    expect(missing).toEqual([expect.stringMatching(/fleet\.yaml: defaultNamespace: namespace monitoring needs Pod Security level privileged, but no RKE2 bundle declares it/)]);

    const wrongLevel = problems(() =>
      platform({ fleet: '0.13.15', bootstrap: (phase) => namespace(new Rke2Bundle(phase, 'namespaces'), 'monitoring', 'baseline'), apps: (phase) => app(phase, { podSecurity: 'privileged' }) }),
    );
    expect(wrongLevel).toEqual([expect.stringMatching(/namespace monitoring is declared in an RKE2 bundle without Pod Security level privileged/)]);

    const unlabelled = problems(() =>
      platform({ fleet: '0.13.15', bootstrap: (phase) => namespace(new Rke2Bundle(phase, 'namespaces'), 'monitoring'), apps: (phase) => app(phase, { podSecurity: 'privileged' }) }),
    );
    expect(unlabelled).toHaveLength(1);

    const declared = problems(() =>
      platform({ fleet: '0.13.15', bootstrap: (phase) => namespace(new Rke2Bundle(phase, 'namespaces'), 'monitoring', 'privileged'), apps: (phase) => app(phase, { podSecurity: 'privileged' }) }),
    );
    expect(declared).toEqual([]);
  });

  it('refuses a level Pod Security Admission does not know, from phase code that slipped past the types', () => {
    expect(() => platform({ apps: (phase) => app(phase, { podSecurity: 'privilged' as never }) })).toThrow(/option podSecurity: expected privileged, baseline or restricted/);
  });

  it('does not ask for the namespace of a bundle left out of the GitRepo, nor of one without a namespace', () => {
    expect(problems(() => platform({ apps: (phase) => app(phase, { podSecurity: 'privileged', disabled: { reason: 'later' } }) }))).toEqual([]);
    expect(problems(() => platform({ apps: (phase) => app(phase, { namespace: undefined, podSecurity: 'privileged' }) }))).toEqual([expect.stringMatching(/podSecurity needs the bundle's namespace/)]);
  });
});

describe('CRDs from a separate chart', () => {
  const crdBundle = (phase: FleetPhase) => new FleetBundle(phase, 'operator-crds', { namespace: 'ops', helm: { chart: phase.chart('operator-crds'), releaseName: 'operator-crds' } });

  it('accepts the operator when it depends on the CRD bundle and its own CRDs are off', () => {
    expect(problems(() => platform({ apps: (phase) => new FleetBundle(phase, 'operator', { namespace: 'ops', helm: { chart: phase.chart('operator'), releaseName: 'op' }, dependsOn: [crdBundle(phase)] }) }))).toEqual([]);
  });

  it('refuses it without the dependency: Fleet would deploy it before its CRDs exist', () => {
    const found = problems(() => platform({ apps: (phase) => (crdBundle(phase), new FleetBundle(phase, 'operator', { namespace: 'ops', helm: { chart: phase.chart('operator'), releaseName: 'op' } })) }));
    expect(found).toEqual([expect.stringMatching(/dist\/apps\/operator\/fleet\.yaml: dependsOn: must depend on the bundle that installs operator-crds/)]);
  });

  it('refuses config values that try to turn them back on: the values file wins in Fleet\'s merge, and setting a key twice is refused', () => {
    const found = problems(() =>
      platform({
        charts: [operator],
        apps: (phase) => new FleetBundle(phase, 'operator', { namespace: 'ops', helm: { chart: operator, releaseName: 'op', values: { crds: { enabled: true } } }, dependsOn: [crdBundle(phase)] }),
      }),
    );
    expect(found).toEqual([expect.stringMatching(/charts\/operator\/values\.yaml: crds\.enabled: "crds\.enabled" is set both here and from cluster config/)]);
  });

  it.each([
    ['the values file leaves them on', testChart('operator', { crds: { enabled: true } }, { crds: operator.crds }), undefined],
    ['the values file does not say', testChart('operator', {}, { crds: operator.crds }), undefined],
  ])('refuses it when %s', (_case, chart, values) => {
    const found = problems(() =>
      platform({
        charts: [chart],
        apps: (phase) => new FleetBundle(phase, 'operator', { namespace: 'ops', helm: { chart, releaseName: 'op', ...(values ? { values } : {}) }, dependsOn: [crdBundle(phase)] }),
      }),
    );
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/charts\/operator\/values\.yaml: crds\.enabled: crds\.enabled must be false/)]));
  });

  it('refuses the split for an RKE2 HelmChart, which cannot wait for another release', () => {
    const found = problems(() => platform({ bootstrap: (phase) => new HelmChart(new Rke2Bundle(phase, 'op'), 'chart', { chart: operator, releaseName: 'op', targetNamespace: 'ops' }), apps: () => {} }));
    expect(found).toEqual([expect.stringMatching(/charts\/operator\/chart\.yaml: crds\.install: .*RKE2 HelmCharts cannot wait/)]);
  });
});

describe('bundle size as etcd stores it', () => {
  const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);
  const huge = (id: string) => testChart(id, { blob: tenMegabytes });

  it('refuses 10 MB of Fleet helm values from the chart values file, naming the bundle and the file', () => {
    const found = problems(() => platform({ charts: [huge('big')], apps: (phase) => new FleetBundle(phase, 'big', { namespace: 'a', helm: { chart: phase.chart('big'), releaseName: 'big' } }) }));
    expect(found).toEqual([expect.stringMatching(/^dist\/apps\/big\/fleet\.yaml: the Bundle's helm\.values \(big\.values\.yaml merged .*never compressed\).* etcd refuses a request over 1572864 bytes .*chart archive .* not counted yet[\s\S]*shrink charts\/big\/values\.yaml/)]);
  });

  it('refuses 10 MB of helm values from cluster config too, though they compress to nothing', () => {
    const found = problems(() => platform({ apps: (phase) => app(phase, { helm: { chart: phase.chart('app'), releaseName: 'app', values: { blob: tenMegabytes } } }) }));
    expect(found).toEqual([expect.stringMatching(/^dist\/apps\/app\/fleet\.yaml: the Bundle's helm\.values/)]);
  });

  it('refuses raw manifests that would not fit once Fleet compresses them', () => {
    // Poorly compressible text (short pseudo-random words, a fixed sequence): past 1,000,000 bytes Fleet gzips, which helps little here.
    let state = 1;
    const letter = () => String.fromCharCode(97 + ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 16) % 26);
    const words = Array.from({ length: 500_000 }, () => letter() + letter() + letter() + letter() + letter()).join(' ');
    const found = problems(() =>
      platform({ apps: (phase) => kubeConfigMap(new FleetBundle(phase, 'raw', { namespace: 'a' }), 'cm', { metadata: { name: 'big', namespace: 'a' }, data: { words } }) }),
    );
    expect(found).toEqual([expect.stringMatching(/^dist\/apps\/raw\/fleet\.yaml: the Bundle's files/)]);
  });

  it('refuses an RKE2 HelmChart whose values make the object larger than etcd accepts, naming its file', () => {
    const found = problems(() => platform({ charts: [huge('big')], bootstrap: (phase) => new HelmChart(new Rke2Bundle(phase, 'big'), 'chart', { chart: phase.chart('big'), releaseName: 'big', targetNamespace: 'a' }), apps: () => {} }));
    expect(found).toEqual([expect.stringMatching(/^dist\/bootstrap\/big\/helmchart\.kube-system\.big\.yaml: the HelmChart object .* is \d+ bytes; etcd refuses/)]);
  });

  it('accepts values just under the measured limit and refuses them just over it', () => {
    const overhead = JSON.stringify({ blob: '' }).length;
    const sized = (bytes: number) => testChart('edge', { blob: 'y'.repeat(bytes - overhead) });
    const render = (bytes: number) => problems(() => platform({ charts: [sized(bytes)], apps: (phase) => new FleetBundle(phase, 'edge', { helm: { chart: phase.chart('edge'), releaseName: 'edge' } }) }));
    // The fleet.yaml is counted with the values, so leave room for it.
    expect(render(1024 * 1024 - 2048)).toEqual([]);
    expect(render(1024 * 1024 + 1)).toHaveLength(1);
  });
});
