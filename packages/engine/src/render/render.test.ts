import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { ChartCatalog } from '../charts/catalog.js';
import { PlatformErrors } from '../errors.js';
import { FleetBundle, Rke2Bundle } from '../model/bundle.js';
import { fleetPhase, rke2Phase, type FleetPhase } from '../model/phase.js';
import { Platform, type AnyPhaseDefinition } from '../model/platform.js';
import { HelmChart } from '../rke2/helm-chart.js';
import { testChart, testConfig } from '../testing.js';
import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-30';
import { GITREPO_FILE, MANIFEST_FILE, parseManifest, renderPlatform, sha256 } from './render.js';

const charts = ChartCatalog.of([testChart('app', { replicas: 1 }), testChart('operator', { crds: { enabled: true } })]);

function platform(build: (phase: FleetPhase) => void, extra: AnyPhaseDefinition[] = []): Platform {
  const apps = fleetPhase({ name: 'apps', summary: 'test', source: 'packages/test', build });
  return new Platform({ config: testConfig(), charts }, [...extra, apps]);
}

function canary(phase: FleetPhase): FleetBundle {
  const bundle = new FleetBundle(phase, 'canary', { namespace: 'default' });
  new k8s.KubeConfigMap(bundle, 'cm', { metadata: { name: 'canary', namespace: 'default' } });
  return bundle;
}

function problems(make: () => Platform): string[] {
  try {
    renderPlatform(make());
  } catch (error) {
    if (error instanceof PlatformErrors) return error.errors.map((problem) => problem.describe());
    throw error;
  }
  throw new Error('expected the render to fail');
}

describe('renderPlatform', () => {
  it('writes one file per object, a fleet.yaml per Fleet bundle and the GitRepo listing exactly the enabled bundles', () => {
    const tree = renderPlatform(
      platform((phase) => {
        canary(phase);
        new FleetBundle(phase, 'off', { helm: { chart: charts.get('app'), releaseName: 'off' }, disabled: { reason: 'not yet' } });
      }),
    );
    expect([...tree.keys()]).toEqual([
      'dist/README.md',
      'dist/SHA256SUMS',
      'dist/apps/canary/configmap.default.canary.yaml',
      'dist/apps/canary/fleet.yaml',
      'dist/apps/off/app.values.yaml',
      'dist/apps/off/fleet.yaml',
      GITREPO_FILE,
    ]);
    const gitRepo = yaml.load(tree.get(GITREPO_FILE) ?? '') as { spec: { paths: string[] } };
    expect(gitRepo.spec.paths).toEqual(['dist/apps/canary']);
    expect(tree.get('dist/apps/off/fleet.yaml')).toContain('NOT DEPLOYED');
  });

  it('writes dependsOn as the names Fleet computes', () => {
    const tree = renderPlatform(
      platform((phase) => {
        const operator = new FleetBundle(phase, 'operator', { helm: { chart: charts.get('operator'), releaseName: 'operator' } });
        const users = new FleetBundle(phase, 'users', { dependsOn: [operator] });
        new k8s.KubeConfigMap(users, 'cm', { metadata: { name: 'x', namespace: 'default' } });
      }),
    );
    const fleetYaml = yaml.load(tree.get('dist/apps/users/fleet.yaml') ?? '') as { dependsOn: Array<{ name: string }> };
    expect(fleetYaml.dependsOn).toEqual([{ name: 'platform-dist-apps-operator' }]);
  });

  it('copies the chart values file byte for byte into the bundle and lists it in valuesFiles', () => {
    const tree = renderPlatform(platform((phase) => new FleetBundle(phase, 'app', { helm: { chart: charts.get('app'), releaseName: 'app' } })));
    expect(tree.get('dist/apps/app/app.values.yaml')).toBe(charts.get('app').valuesText);
    const fleetYaml = yaml.load(tree.get('dist/apps/app/fleet.yaml') ?? '') as { helm: { valuesFiles: string[]; version: string } };
    expect(fleetYaml.helm.valuesFiles).toEqual(['app.values.yaml']);
    expect(fleetYaml.helm.version).toBe('1.0.0');
  });

  it('embeds the values file byte for byte as a HelmChart valuesContent', () => {
    const bootstrap = rke2Phase({
      name: 'boot',
      summary: 'test',
      source: 'packages/test',
      build(phase) {
        new HelmChart(new Rke2Bundle(phase, 'app'), 'chart', { chart: charts.get('app'), releaseName: 'app', targetNamespace: 'app' });
      },
    });
    const tree = renderPlatform(platform(canary, [bootstrap]));
    const helmChart = yaml.load(tree.get('dist/boot/app/helmchart.kube-system.app.yaml') ?? '') as { spec: { valuesContent: string } };
    expect(helmChart.spec.valuesContent).toBe(charts.get('app').valuesText);
  });

  it('records every generated file with its sha256 in the ownership manifest', () => {
    const tree = renderPlatform(platform(canary));
    const manifest = parseManifest(tree.get(MANIFEST_FILE) ?? '');
    expect([...manifest.keys()]).toEqual([...tree.keys()].filter((path) => path !== MANIFEST_FILE));
    for (const [path, digest] of manifest) expect(digest).toBe(sha256(tree.get(path) ?? ''));
  });
});

describe('renderPlatform refuses, naming the bundle and what to do', () => {
  it('a GitRepo without paths (Fleet would deploy the repository root)', () => {
    expect(problems(() => platform((phase) => new FleetBundle(phase, 'off', { helm: { chart: charts.get('app'), releaseName: 'a' }, disabled: { reason: 'x' } })))).toEqual([
      expect.stringContaining('fleet/gitrepo.yaml: spec.paths: spec.paths is empty: Fleet would deploy the whole repository'),
    ]);
  });

  it('a dependency cycle', () => {
    const found = problems(() =>
      platform((phase) => {
        canary(phase);
        const a = new FleetBundle(phase, 'a', { helm: { chart: charts.get('app'), releaseName: 'a' } });
        const b = new FleetBundle(phase, 'b', { helm: { chart: charts.get('app'), releaseName: 'b' }, dependsOn: [a] });
        a.dependOn(b);
      }),
    );
    expect(found).toEqual([expect.stringMatching(/dist\/apps\/a\/fleet.yaml: dependsOn: dependency cycle: dist\/apps\/a -> dist\/apps\/b -> dist\/apps\/a/)]);
  });

  it('a dependency on a bundle of another platform', () => {
    let foreign: FleetBundle | undefined;
    platform((phase) => {
      foreign = canary(phase);
    });
    const found = problems(() =>
      platform((phase) => {
        canary(phase);
        new FleetBundle(phase, 'x', { helm: { chart: charts.get('app'), releaseName: 'x' }, dependsOn: foreign ? [foreign] : [] });
      }),
    );
    expect(found).toEqual([expect.stringContaining('depends on a bundle that is not part of this platform')]);
  });

  it('a dependency on a later phase', () => {
    let later: FleetBundle | undefined;
    const first = fleetPhase({
      name: 'first',
      summary: 'test',
      source: 'packages/test',
      build(phase) {
        const early = canary(phase);
        laterHook = (bundle) => early.dependOn(bundle);
      },
    });
    let laterHook: (bundle: FleetBundle) => void = () => undefined;
    const found = problems(() =>
      platform((phase) => {
        later = new FleetBundle(phase, 'later', { helm: { chart: charts.get('app'), releaseName: 'later' } });
        laterHook(later);
      }, [first]),
    );
    expect(found).toEqual([expect.stringContaining('from the later phase "apps"')]);
  });

  it('a dependency on a bundle left out of the GitRepo', () => {
    const found = problems(() =>
      platform((phase) => {
        canary(phase);
        const off = new FleetBundle(phase, 'off', { helm: { chart: charts.get('app'), releaseName: 'off' }, disabled: { reason: 'x' } });
        new FleetBundle(phase, 'on', { helm: { chart: charts.get('app'), releaseName: 'on' }, dependsOn: [off] });
      }),
    );
    expect(found).toEqual([expect.stringContaining('not listed in the GitRepo')]);
  });

  it('two bundles whose Fleet names collide after dash collapsing', () => {
    const found = problems(() =>
      platform((phase) => {
        canary(phase);
        new FleetBundle(phase, 'kube-stack', { helm: { chart: charts.get('app'), releaseName: 'a' } });
        new FleetBundle(phase, 'kube--stack', { helm: { chart: charts.get('app'), releaseName: 'b' } });
      }),
    );
    expect(found).toEqual([expect.stringContaining('Fleet would name this bundle "platform-dist-apps-kube-stack", the same as dist/apps/kube--stack')]);
  });

  it('two bundles whose Fleet names collide after truncation to 53 characters', () => {
    const found = problems(() =>
      platform((phase) => {
        canary(phase);
        new FleetBundle(phase, 'a-directory-name-long-enough-to-be-truncated', { helm: { chart: charts.get('app'), releaseName: 'a' } });
        new FleetBundle(phase, 'a-directory-name-long-enough-to-be--truncated', { helm: { chart: charts.get('app'), releaseName: 'b' } });
      }),
    );
    expect(found).toEqual([expect.stringMatching(/Fleet would name this bundle "platform-dist-apps-a-directory-name-long-enough-[0-9a-f]{5}", the same as/)]);
  });

  it('a name override longer than 53 characters or not a DNS label', () => {
    const found = problems(() =>
      platform((phase) => {
        canary(phase);
        new FleetBundle(phase, 'a', { helm: { chart: charts.get('app'), releaseName: 'a' }, nameOverride: 'x'.repeat(54) });
        new FleetBundle(phase, 'b', { helm: { chart: charts.get('app'), releaseName: 'b' }, nameOverride: 'Not_A_Label' });
      }),
    );
    expect(found.filter((problem) => problem.includes('fleet.yaml: name: name override'))).toHaveLength(2);
  });

  it('a CRD and a resource of its kind in one bundle', () => {
    const found = problems(() =>
      platform((phase) => {
        const bundle = canary(phase);
        new k8s.KubeCustomResourceDefinition(bundle, 'crd', {
          metadata: { name: 'widgets.example.com' },
          spec: { group: 'example.com', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced', versions: [] },
        });
        new ApiObject(bundle, 'widget', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } });
      }),
    );
    expect(found).toEqual(expect.arrayContaining([expect.stringContaining('dist/apps/canary/widget.default.w.yaml: a Widget shares bundle dist/apps/canary with its CRD')]));
  });

  it('a Secret with data, or a value that looks like a credential, naming the file and path', () => {
    const found = problems(() =>
      platform((phase) => {
        const bundle = canary(phase);
        new k8s.KubeSecret(bundle, 'secret', { metadata: { name: 'leak', namespace: 'default' }, stringData: { password: 'x' } });
        new k8s.KubeConfigMap(bundle, 'key', { metadata: { name: 'key', namespace: 'default' }, data: { 'tls.key': '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n' } });
      }),
    );
    expect(found).toEqual([
      expect.stringMatching(/^dist\/apps\/canary\/configmap.default.key.yaml: data\["tls.key"\]: looks like a PEM private key/),
      expect.stringMatching(/^dist\/apps\/canary\/secret.default.leak.yaml: stringData: looks like a Secret with its payload in stringData/),
    ]);
  });

  it('config values that repeat a key of the chart values file', () => {
    const found = problems(() =>
      platform((phase) => {
        canary(phase);
        new FleetBundle(phase, 'app', { helm: { chart: charts.get('app'), releaseName: 'app', values: { replicas: 3 } } });
      }),
    );
    expect(found).toEqual([expect.stringMatching(/^charts\/app\/values.yaml: replicas: "replicas" is set both here and from cluster config/)]);
  });

  it('a chart that does not support the cluster Kubernetes version', () => {
    const old = ChartCatalog.of([testChart('old', {}, { kubernetes: { min: '1.20', max: '1.29' } })]);
    const apps = fleetPhase({
      name: 'apps',
      summary: 'test',
      source: 'packages/test',
      build(phase) {
        canary(phase);
        new FleetBundle(phase, 'old', { helm: { chart: old.get('old'), releaseName: 'old' } });
      },
    });
    expect(problems(() => new Platform({ config: testConfig(), charts: old }, [apps]))).toEqual([
      expect.stringMatching(/^charts\/old\/chart.yaml: version: old 1.0.0 supports Kubernetes 1.20 to 1.29, but the cluster runs 1.31/),
    ]);
  });
});
