import { describe, expect, it } from 'vitest';
import { lintTree } from './fleet-lint.js';

const gitRepo = (paths: string[]) =>
  `apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: platform\n  namespace: fleet-local\nspec:\n  repo: https://git.example.com/p.git\n  paths:\n${paths.map((path) => `    - ${path}\n`).join('')}`;

const helmBundle = (extra = '') =>
  `helm:\n  repo: https://charts.example.com\n  chart: app\n  version: 1.2.3\n  releaseName: app\n  valuesFiles:\n    - app.values.yaml\n${extra}`;

function tree(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

const rules = (files: Record<string, string>) => lintTree(tree(files), ['a', 'b']).map((problem) => `${problem.rule} ${problem.file}: ${problem.message}`);

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
});
