import { describe, expect, it } from 'vitest';
import { testChart } from '../testing.js';
import { lintTree, type LintOptions } from './fleet-lint.js';

const gitRepo = (paths: string[]) =>
  `apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: platform\n  namespace: fleet-local\nspec:\n  repo: https://git.example.com/p.git\n  paths:\n${paths.map((path) => `    - ${path}\n`).join('')}`;

const helmBundle = (extra = '') =>
  `helm:\n  repo: https://charts.example.com\n  chart: app\n  version: 1.2.3\n  releaseName: app\n  valuesFiles:\n    - app.values.yaml\n${extra}`;

function tree(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

const rules = (files: Record<string, string>, options: LintOptions = {}) =>
  lintTree(tree(files), ['a', 'b'], options).map((problem) => `${problem.rule} ${problem.file}: ${problem.message}`);

describe('lintTree (Fleet rules, read from the files alone)', () => {
  const good = {
    'fleet/gitrepo.yaml': gitRepo(['dist/a/app', 'dist/b/users']),
    'dist/a/app/fleet.yaml': helmBundle(),
    'dist/a/app/app.values.yaml': 'replicas: 1\n',
    'dist/b/users/fleet.yaml': 'dependsOn:\n  - name: platform-dist-a-app\n',
    'dist/b/users/configmap.default.x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
  };

  it('passes a correct tree', () => {
    expect(rules(good)).toEqual([]);
  });

  it('rejects a dependsOn whose name is not what Fleet computes', () => {
    expect(rules({ ...good, 'dist/b/users/fleet.yaml': 'dependsOn:\n  - name: platform-a-app\n' })).toEqual([expect.stringMatching(/^depends-on dist\/b\/users\/fleet.yaml: dependsOn "platform-a-app" names no bundle/)]);
  });

  it('rejects a dependency on a later phase and on an unlisted bundle', () => {
    const found = rules({ ...good, 'fleet/gitrepo.yaml': gitRepo(['dist/a/app']), 'dist/a/app/fleet.yaml': `${helmBundle()}dependsOn:\n  - name: platform-dist-b-users\n` });
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^depends-on .*not listed in the GitRepo paths/), expect.stringMatching(/^phase-order /)]));
  });

  it('rejects a cycle', () => {
    const found = rules({ ...good, 'dist/a/app/fleet.yaml': `${helmBundle()}dependsOn:\n  - name: platform-dist-b-users\n` });
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^depends-on .*dependency cycle/)]));
  });

  it('rejects a range instead of an exact version, and a values file outside the bundle', () => {
    const found = rules({ ...good, 'dist/a/app/fleet.yaml': helmBundle().replace('1.2.3', '^1.2').replace('app.values.yaml', '../../../charts/app/values.yaml') });
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^exact-version /), expect.stringMatching(/^values-inside-bundle .*outside the bundle/)]));
  });

  it('rejects nested bundles, empty or root GitRepo paths, and a CRD beside its resources', () => {
    expect(rules({ ...good, 'dist/a/app/inner/fleet.yaml': 'defaultNamespace: x\n' })).toEqual(expect.arrayContaining([expect.stringMatching(/^nesting /)]));
    expect(rules({ ...good, 'fleet/gitrepo.yaml': gitRepo([]).replace('  paths:\n', '  paths: []\n') })).toEqual(expect.arrayContaining([expect.stringMatching(/^gitrepo-paths .*repository root/)]));
    expect(rules({ ...good, 'fleet/gitrepo.yaml': gitRepo(['/', 'dist/a/app', 'dist/b/users']) })).toEqual([expect.stringMatching(/^gitrepo-paths .*"\/"/)]);
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names:\n    kind: Widget\n';
    const found = rules({ ...good, 'dist/b/users/crd.yaml': crd, 'dist/b/users/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n' });
    expect(found).toEqual([expect.stringMatching(/^crd-split dist\/b\/users\/widget.yaml/)]);
  });

  it('rejects a misspelt fleet.yaml key, which Fleet would silently ignore', () => {
    expect(rules({ ...good, 'dist/a/app/fleet.yaml': helmBundle().replace('releaseName', 'releaseNmae') })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^fleet-yaml-keys .*unknown key "helm.releaseNmae"/)]),
    );
    expect(rules({ ...good, 'dist/b/users/fleet.yaml': 'dependOn:\n  - name: platform-dist-a-app\n' })).toEqual([expect.stringMatching(/^fleet-yaml-keys .*unknown key "dependOn"/)]);
  });

  it('rejects ${ in values without disablePreProcess', () => {
    expect(rules({ ...good, 'dist/a/app/app.values.yaml': 'image: ${REGISTRY}/app\n' })).toEqual([expect.stringMatching(/^preprocess /)]);
    expect(rules({ ...good, 'dist/a/app/fleet.yaml': `${helmBundle()}  disablePreProcess: true\n`, 'dist/a/app/app.values.yaml': 'image: ${REGISTRY}/app\n' })).toEqual([]);
  });

  describe('Pod Security keys in namespaceLabels (Fleet 0.13.11+ drops them: deployer.go, addLabelsFromOptions)', () => {
    const labelled = (where: 'top' | 'target') =>
      where === 'top'
        ? `${helmBundle()}namespaceLabels:\n  pod-security.kubernetes.io/enforce: privileged\n  team: a\n`
        : `${helmBundle()}targetCustomizations:\n  - name: prod\n    namespaceLabels:\n      pod-security.kubernetes.io/warn: baseline\n`;

    it.each(['0.13.11', '0.13.15', '0.15.2', '0.16.1'])('flags them at the top and in targetCustomizations for Fleet %s', (fleetVersion) => {
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': labelled('top') }, { fleetVersion })).toEqual([
        expect.stringMatching(/^pod-security-labels dist\/a\/app\/fleet.yaml: namespaceLabels.pod-security.kubernetes.io\/enforce: Fleet .* drops/),
      ]);
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': labelled('target') }, { fleetVersion })).toEqual([expect.stringMatching(/^pod-security-labels .*targetCustomizations\[0\]\.namespaceLabels\.pod-security\.kubernetes\.io\/warn/)]);
    });

    it('flags them when the Fleet version is unknown, and not for a Fleet that applies them', () => {
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': labelled('top') })).toHaveLength(1);
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': labelled('top') }, { fleetVersion: '0.13.10' })).toEqual([]);
    });
  });

  describe('dependsOn entries as Fleet 0.13.15 reads them (deployer.go, checkDependency)', () => {
    it('accepts an entry with only a selector', () => {
      expect(rules({ ...good, 'dist/b/users/fleet.yaml': 'dependsOn:\n  - selector:\n      matchLabels:\n        role: root\n' })).toEqual([]);
    });

    it.each(['dependsOn:\n  - {}\n', 'dependsOn:\n  - name: ""\n', 'dependsOn:\n  - selector: null\n', 'dependsOn:\n  - name: platform-dist-a-app\n  - {}\n'])('flags an entry Fleet skips as a no-op: %j', (text) => {
      expect(rules({ ...good, 'dist/b/users/fleet.yaml': text })).toEqual([expect.stringMatching(/^depends-on dist\/b\/users\/fleet.yaml: a dependsOn entry with neither name nor selector: Fleet skips it/)]);
    });
  });

  describe('fields a controller injects (Modified blocks dependents before rancher/fleet#5369)', () => {
    const chart = testChart('app', {}, {
      repo: 'https://charts.example.com',
      version: '1.2.3',
      injected: [
        { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', jsonPointers: ['/webhooks/0/clientConfig/caBundle'], by: 'a cainjector' },
        { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', name: 'app-webhook', jsonPointers: ['/webhooks/0/clientConfig/caBundle', '/webhooks/1/clientConfig/caBundle'], by: 'a cainjector' },
      ],
    });
    const patches = (entries: string) => `${helmBundle()}diff:\n  comparePatches:\n${entries}`;
    const mutating = '    - apiVersion: admissionregistration.k8s.io/v1\n      kind: MutatingWebhookConfiguration\n      jsonPointers: [/webhooks/0/clientConfig/caBundle]\n';
    const validating = (name: string, pointers: string) => `    - apiVersion: admissionregistration.k8s.io/v1\n      kind: ValidatingWebhookConfiguration\n${name}      jsonPointers: [${pointers}]\n`;
    const both = '/webhooks/0/clientConfig/caBundle, /webhooks/1/clientConfig/caBundle';

    it('flags every injected field a Fleet without the fix would count as drift', () => {
      expect(rules(good, { fleetVersion: '0.13.15', charts: [chart] })).toEqual([
        expect.stringMatching(/^injected-drift dist\/a\/app\/fleet.yaml: MutatingWebhookConfiguration \/webhooks\/0\/clientConfig\/caBundle is injected after install/),
        expect.stringMatching(/^injected-drift .*ValidatingWebhookConfiguration \/webhooks\/0\//),
        expect.stringMatching(/^injected-drift .*ValidatingWebhookConfiguration \/webhooks\/1\//),
      ]);
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': patches(mutating + validating('', '/webhooks/0/clientConfig/caBundle')) }, { fleetVersion: '0.13.15', charts: [chart] })).toEqual([
        expect.stringMatching(/^injected-drift .*ValidatingWebhookConfiguration \/webhooks\/1\//),
      ]);
      // A patch for another object name does not cover it.
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': patches(mutating + validating('      name: other\n', both)) }, { fleetVersion: '0.13.15', charts: [chart] })).toHaveLength(2);
    });

    it('accepts patches that cover every field, by name or for every object of the kind', () => {
      for (const name of ['', '      name: app-webhook\n']) {
        expect(rules({ ...good, 'dist/a/app/fleet.yaml': patches(mutating + validating(name, both)) }, { fleetVersion: '0.13.15', charts: [chart] })).toEqual([]);
      }
    });

    it('asks nothing of a Fleet that ignores injected caBundles itself, or of a chart that declares none', () => {
      expect(rules(good, { fleetVersion: '0.15.6', charts: [chart] })).toEqual([]);
      expect(rules(good, { fleetVersion: '0.13.15', charts: [testChart('app', {}, { repo: 'https://charts.example.com', version: '1.2.3' })] })).toEqual([]);
    });
  });

  describe('size as etcd stores it', () => {
    const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);

    it('flags 10 MB of helm values, from a values file or inline, though they gzip to almost nothing', () => {
      expect(rules({ ...good, 'dist/a/app/app.values.yaml': `blob: ${tenMegabytes}\n` })).toEqual([expect.stringMatching(/^size dist\/a\/app\/fleet.yaml: the Bundle \(helm.values \d+ bytes uncompressed.*chart archive/)]);
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': `${helmBundle()}  values:\n    blob: ${tenMegabytes}\n` })).toEqual([expect.stringMatching(/^size dist\/a\/app\/fleet.yaml/)]);
    });

    it('flags an RKE2 HelmChart larger than etcd accepts', () => {
      const helmChart = `apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata:\n  name: big\n  namespace: kube-system\nspec:\n  chart: big\n  valuesContent: ${tenMegabytes}\n`;
      expect(rules({ ...good, 'dist/bootstrap/big/helmchart.kube-system.big.yaml': helmChart })).toEqual([expect.stringMatching(/^size dist\/bootstrap\/big\/helmchart.kube-system.big.yaml: the HelmChart object is \d+ bytes; etcd refuses/)]);
    });
  });
});
