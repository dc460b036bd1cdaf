import { describe, expect, it } from 'vitest';
import { checkTree, RULES } from './index.js';
import { schema } from './schema.js';
import { ChartCatalog, type ChartEntry } from '../charts/catalog.js';
import { testChart } from '../testing.js';

const gitRepo = (paths: string[]) =>
  `apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: platform\n  namespace: fleet-local\nspec:\n  repo: https://git.example.com/p.git\n  paths:\n${paths.map((path) => `    - ${path}\n`).join('')}`;

const helmBundle = (extra = '') =>
  `helm:\n  repo: https://charts.example.com\n  chart: app\n  version: 1.2.3\n  releaseName: app\n  valuesFiles:\n    - app.values.yaml\n${extra}`;

function tree(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

const context = { phases: ['a', 'b'], kubernetesVersion: '1.31' };
/** Every rule but strict validation, which has its own specifications (these fixtures are minimal objects). */
const rules = (files: Record<string, string>, extra: Partial<typeof context> & { charts?: ChartCatalog } = {}) =>
  checkTree(tree(files), { ...context, ...extra }, RULES.filter((rule) => rule !== schema)).map((finding) => `${finding.rule} ${finding.file}: ${finding.message}`);
/** The context of a platform pinning Fleet `version` (charts/fleet), with more chart entries. */
const withFleet = (version: string, charts: ChartEntry[] = []) => ({ charts: ChartCatalog.of([testChart('fleet', {}, { version }), ...charts]) });
const withSchema = (files: Record<string, string>) => checkTree(tree(files), context).map((finding) => `${finding.rule} ${finding.file}: ${finding.message}`);

describe('the rules, read from the files alone', () => {
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
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^depends-on .*not listed in the GitRepo/), expect.stringMatching(/^phase-order /)]));
  });

  it('rejects a cycle', () => {
    const found = rules({ ...good, 'dist/a/app/fleet.yaml': `${helmBundle()}dependsOn:\n  - name: platform-dist-b-users\n` });
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^dependency-cycle .*dependency cycle/)]));
  });

  it('rejects a range instead of an exact version, and a values file outside the bundle', () => {
    const found = rules({ ...good, 'dist/a/app/fleet.yaml': helmBundle().replace('1.2.3', '^1.2').replace('app.values.yaml', '../../../charts/app/values.yaml') });
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/^helm-pin .*not an exact version/), expect.stringMatching(/^values-inside-bundle .*outside the bundle/)]));
  });

  it('rejects nested bundles, empty or root GitRepo paths, and a CRD beside its resources', () => {
    expect(rules({ ...good, 'dist/a/app/inner/fleet.yaml': 'defaultNamespace: x\n' })).toEqual(expect.arrayContaining([expect.stringMatching(/^nesting /)]));
    expect(rules({ ...good, 'fleet/gitrepo.yaml': gitRepo([]).replace('  paths:\n', '  paths: []\n') })).toEqual(expect.arrayContaining([expect.stringMatching(/^gitrepo-paths .*spec.paths is empty: Fleet would deploy the whole repository/)]));
    expect(rules({ ...good, 'fleet/gitrepo.yaml': gitRepo(['/', 'dist/a/app', 'dist/b/users']) })).toEqual([expect.stringMatching(/^gitrepo-paths .*"\/"/)]);
    const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names:\n    kind: Widget\n';
    const found = rules({ ...good, 'dist/b/users/crd.yaml': crd, 'dist/b/users/widget.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n' });
    expect(found).toEqual([expect.stringMatching(/^crd-split dist\/b\/users\/widget.yaml/)]);
  });

  it('rejects a misspelt fleet.yaml key, which Fleet would silently ignore (the validator\'s closed fleet.yaml schema)', () => {
    expect(withSchema({ ...good, 'dist/a/app/fleet.yaml': helmBundle().replace('releaseName', 'releaseNmae') })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^schema dist\/a\/app\/fleet.yaml: .*releaseNmae/)]),
    );
    expect(withSchema({ ...good, 'dist/b/users/fleet.yaml': 'dependOn:\n  - name: platform-dist-a-app\n' })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^schema dist\/b\/users\/fleet.yaml: .*dependOn/)]),
    );
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
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': labelled('top') }, withFleet(fleetVersion))).toEqual([
        expect.stringMatching(/^pod-security-labels dist\/a\/app\/fleet.yaml: Fleet .* drops namespaceLabels\.pod-security\.kubernetes\.io\/enforce/),
      ]);
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': labelled('target') }, withFleet(fleetVersion))).toEqual([expect.stringMatching(/^pod-security-labels .*targetCustomizations\[0\]\.namespaceLabels\.pod-security\.kubernetes\.io\/warn/)]);
    });

    it('flags them when the Fleet version is unknown, and not for a Fleet that applies them', () => {
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': labelled('top') })).toHaveLength(1);
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': labelled('top') }, withFleet('0.13.10'))).toEqual([]);
    });
  });

  describe('dependsOn entries as Fleet 0.13.15 reads them (deployer.go, checkDependency)', () => {
    it('accepts an entry with only a selector', () => {
      expect(rules({ ...good, 'dist/b/users/fleet.yaml': 'dependsOn:\n  - selector:\n      matchLabels:\n        role: root\n' })).toEqual([]);
    });

    it.each(['dependsOn:\n  - {}\n', 'dependsOn:\n  - name: ""\n', 'dependsOn:\n  - selector: null\n', 'dependsOn:\n  - name: platform-dist-a-app\n  - {}\n'])('flags an entry Fleet skips as a no-op: %j', (text) => {
      expect(rules({ ...good, 'dist/b/users/fleet.yaml': text })).toEqual([expect.stringMatching(/^depends-on dist\/b\/users\/fleet.yaml: a dependsOn entry without name or selector: Fleet skips it/)]);
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
      expect(rules(good, withFleet('0.13.15', [chart]))).toEqual([
        expect.stringMatching(/^injected-drift dist\/a\/app\/fleet.yaml: MutatingWebhookConfiguration \/webhooks\/0\/clientConfig\/caBundle is injected after install/),
        expect.stringMatching(/^injected-drift .*ValidatingWebhookConfiguration \/webhooks\/0\//),
        expect.stringMatching(/^injected-drift .*ValidatingWebhookConfiguration \/webhooks\/1\//),
      ]);
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': patches(mutating + validating('', '/webhooks/0/clientConfig/caBundle')) }, withFleet('0.13.15', [chart]))).toEqual([
        expect.stringMatching(/^injected-drift .*ValidatingWebhookConfiguration \/webhooks\/1\//),
      ]);
      // A patch for another object name does not cover it.
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': patches(mutating + validating('      name: other\n', both)) }, withFleet('0.13.15', [chart]))).toHaveLength(2);
    });

    it('accepts patches that cover every field, by name or for every object of the kind', () => {
      for (const name of ['', '      name: app-webhook\n']) {
        expect(rules({ ...good, 'dist/a/app/fleet.yaml': patches(mutating + validating(name, both)) }, withFleet('0.13.15', [chart]))).toEqual([]);
      }
    });

    it('asks nothing of a Fleet that ignores injected caBundles itself, or of a chart that declares none', () => {
      expect(rules(good, withFleet('0.15.6', [chart]))).toEqual([]);
      expect(rules(good, withFleet('0.13.15', [testChart('app', {}, { repo: 'https://charts.example.com', version: '1.2.3' })]))).toEqual([]);
    });
  });

  describe('size as etcd stores it', () => {
    const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);

    it('flags 10 MB of helm values, from a values file or inline, though they gzip to almost nothing', () => {
      expect(rules({ ...good, 'dist/a/app/app.values.yaml': `blob: ${tenMegabytes}\n` })).toEqual([expect.stringMatching(/^bundle-size dist\/a\/app\/fleet.yaml: the Bundle's helm.values .*never compressed.*chart archive/)]);
      expect(rules({ ...good, 'dist/a/app/fleet.yaml': `${helmBundle()}  values:\n    blob: ${tenMegabytes}\n` })).toEqual([expect.stringMatching(/^bundle-size dist\/a\/app\/fleet.yaml/)]);
    });

    it('flags an RKE2 HelmChart larger than etcd accepts', () => {
      const helmChart = `apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata:\n  name: big\n  namespace: kube-system\nspec:\n  chart: big\n  version: 1.0.0\n  valuesContent: ${tenMegabytes}\n`;
      expect(rules({ ...good, 'dist/bootstrap/big/helmchart.kube-system.big.yaml': helmChart })).toEqual([expect.stringMatching(/^bundle-size dist\/bootstrap\/big\/helmchart.kube-system.big.yaml: the HelmChart object .* is \d+ bytes; etcd refuses/)]);
    });
  });
});

describe('rules that synth used not to run', () => {
  const base = {
    'fleet/gitrepo.yaml': gitRepo(['dist/a/app', 'dist/a/other']),
    'dist/a/app/fleet.yaml': `defaultNamespace: apps\n${helmBundle()}`,
    'dist/a/app/app.values.yaml': 'replicas: 1\n',
    'dist/a/other/fleet.yaml': `defaultNamespace: apps\n${helmBundle().replace('app.values.yaml', 'other.values.yaml').replace('releaseName: app', 'releaseName: other')}`,
    'dist/a/other/other.values.yaml': 'replicas: 1\n',
  };

  it('passes distinct releases', () => expect(rules(base)).toEqual([]));

  it.each([
    ['a release name that is a number', '42', /^release-name dist\/a\/other\/fleet.yaml: release name 42 is not one Helm accepts/],
    ['a release name with capitals', '"Metrics.Server"', /^release-name dist\/a\/other\/fleet.yaml: release name "Metrics.Server" is not one Helm accepts/],
    ['a release name over 53 characters', 'r'.repeat(54), /^release-name dist\/a\/other\/fleet.yaml: release name "r{54}" is not one Helm accepts/],
  ])('refuses %s', (_what, name, message) => {
    const found = rules({ ...base, 'dist/a/other/fleet.yaml': base['dist/a/other/fleet.yaml'].replace('releaseName: other', `releaseName: ${name}`) });
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('refuses two Helm bundles installing one release name into one namespace', () => {
    const found = rules({ ...base, 'dist/a/other/fleet.yaml': base['dist/a/other/fleet.yaml'].replace('releaseName: other', 'releaseName: app') });
    expect(found).toEqual([expect.stringMatching(/^release-name dist\/a\/other\/fleet.yaml: release "app" in namespace apps is also installed by dist\/a\/app\/fleet.yaml/)]);
  });

  it('refuses a HelmChart whose release collides with a Fleet release in its target namespace', () => {
    const helmChart = 'apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata:\n  name: app\n  namespace: kube-system\nspec:\n  chart: app\n  version: 1.0.0\n  repo: https://charts.example.com\n  targetNamespace: apps\n';
    const found = rules({ ...base, 'dist/a/boot/helmchart.kube-system.app.yaml': helmChart });
    expect(found).toEqual([expect.stringMatching(/^release-name dist\/a\/boot\/helmchart.kube-system.app.yaml: release "app" in namespace apps is also installed by dist\/a\/app\/fleet.yaml/)]);
  });

  it('refuses a namespace that is not a DNS label', () => {
    const found = rules({ ...base, 'dist/a/other/fleet.yaml': base['dist/a/other/fleet.yaml'].replace('defaultNamespace: apps', 'defaultNamespace: Kube_System') });
    expect(found).toEqual([expect.stringMatching(/^namespace-name dist\/a\/other\/fleet.yaml: namespace "Kube_System" is not a DNS label/)]);
  });

  it('accepts a dependsOn entry with only a selector (valid in Fleet 0.13), and flags an empty one, which Fleet skips', () => {
    expect(rules({ ...base, 'dist/a/other/fleet.yaml': `${base['dist/a/other/fleet.yaml']}dependsOn:\n  - selector:\n      matchLabels:\n        app: x\n` })).toEqual([]);
    expect(rules({ ...base, 'dist/a/other/fleet.yaml': `${base['dist/a/other/fleet.yaml']}dependsOn:\n  - {}\n` })).toEqual([expect.stringMatching(/^depends-on .*without name or selector: Fleet skips it/)]);
  });

  it('refuses a Helm bundle that also holds manifests, and a bundle with neither', () => {
    expect(rules({ ...base, 'dist/a/other/configmap.apps.x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' })).toEqual([expect.stringMatching(/^bundle-content .*a Helm bundle cannot also hold manifests/)]);
    expect(rules({ ...base, 'fleet/gitrepo.yaml': gitRepo(['dist/a/app', 'dist/a/other', 'dist/a/empty']), 'dist/a/empty/fleet.yaml': 'defaultNamespace: x\n' })).toEqual([expect.stringMatching(/^bundle-content .*neither a Helm chart nor manifests/)]);
  });

  it('reports a file that is not YAML instead of crashing', () => {
    expect(rules({ ...base, 'dist/a/other/fleet.yaml': 'helm: [\n' })).toEqual(expect.arrayContaining([expect.stringMatching(/^yaml dist\/a\/other\/fleet.yaml: not valid YAML/)]));
  });
});

describe('dependsOn entries Fleet 0.13.15 reads in ways that never deploy', () => {
  const base = {
    'fleet/gitrepo.yaml': gitRepo(['dist/a/app', 'dist/b/users']),
    'dist/a/app/fleet.yaml': helmBundle(),
    'dist/a/app/app.values.yaml': 'replicas: 1\n',
    'dist/b/users/configmap.default.x.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
  };
  it.each(['dependsOn:\n  - selector: {}\n', 'dependsOn:\n  - selector:\n      matchLabels: {}\n'])('flags an empty selector, which matches every bundle: %j', (text) => {
    expect(rules({ ...base, 'dist/b/users/fleet.yaml': text })).toEqual([expect.stringMatching(/^depends-on .*matches every bundle, this one included/)]);
  });
  it('takes a null name like a missing one (Fleet skips the entry)', () => {
    expect(rules({ ...base, 'dist/b/users/fleet.yaml': 'dependsOn:\n  - name:\n' })).toEqual([expect.stringMatching(/^depends-on .*without name or selector: Fleet skips it/)]);
  });
});
