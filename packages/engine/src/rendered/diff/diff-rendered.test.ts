import { applyPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { PlatformError } from '../../errors.js';
import { toYaml } from '../../yaml/yaml.js';
import { renderDiffJson } from '../format/json.js';
import { renderDiffMarkdown } from '../format/markdown.js';
import { renderDiffText } from '../format/text.js';
import {
  bundle,
  cluster,
  clusterRole,
  configMap,
  customResourceDefinition,
  deployment,
  helmBundle,
  horizontalPodAutoscaler,
  ingress,
  permutedTree,
  rendered,
  service,
  serviceAccount,
  tree,
} from '../testing.js';
import { diffRendered } from './diff-rendered.js';
import type { ObjectChange } from './result.js';

const LONGHORN = { name: 'longhorn', namespace: 'longhorn-system' };
const chart = (version: string) => ({ name: 'longhorn', version });

/** Applies an object's diff to the base YAML: the result must be the head YAML, or the diff is wrong. */
function applied(change: ObjectChange, before: unknown | undefined): string | false {
  return applyPatch(before === undefined ? '' : toYaml(before), `${change.diff}\n`);
}

describe('diffRendered: objects added, changed and removed', () => {
  const uiBefore = deployment('longhorn-ui', 'longhorn-system', 'longhornio/longhorn-ui:v1.7.2');
  const uiAfter = deployment('longhorn-ui', 'longhorn-system', 'longhornio/longhorn-ui:v1.8.0');
  const settings = configMap('longhorn-default-setting', 'longhorn-system', { 'default-setting.yaml': 'backup-target: s3://backups@eu-west-1/\n' });
  const frontend = service('longhorn-frontend', 'longhorn-system');
  const base = tree(cluster('prod', [helmBundle('storage-longhorn', LONGHORN, chart('1.7.2'), rendered(uiBefore, settings, serviceAccount('longhorn-ui', 'longhorn-system')))]));
  const head = tree(cluster('prod', [helmBundle('storage-longhorn', LONGHORN, chart('1.7.2'), rendered(uiAfter, frontend, serviceAccount('longhorn-ui', 'longhorn-system')))]));
  const result = diffRendered(base, head);
  const [prod] = result.clusters;
  const objects = prod?.bundles[0]?.objects ?? [];
  const byId = (id: string) => objects.find((object) => object.id === id) as ObjectChange;

  it('reports each changed object once, under its cluster and bundle, with kubectl-style names', () => {
    expect(prod?.name).toBe('prod');
    expect(prod?.bundles.map((item) => item.name)).toEqual(['storage-longhorn']);
    expect(objects.map((object) => [object.status, object.id]).sort()).toEqual([
      ['added', 'Service longhorn-system/longhorn-frontend'],
      ['changed', 'Deployment.apps longhorn-system/longhorn-ui'],
      ['removed', 'ConfigMap longhorn-system/longhorn-default-setting'],
    ]);
  });

  it('counts per bundle, per cluster and in total; the unchanged ServiceAccount is counted, not listed', () => {
    const counts = { added: 1, changed: 1, removed: 1, unchanged: 1 };
    expect(prod?.bundles[0]?.counts).toEqual(counts);
    expect(prod?.counts).toEqual(counts);
    expect(result.totals.counts).toEqual(counts);
    expect(result.totals.clustersChanged).toBe(1);
  });

  it('gives each object a unified diff that turns the base YAML into the head YAML', () => {
    expect(applied(byId('Deployment.apps longhorn-system/longhorn-ui'), uiBefore)).toBe(toYaml(uiAfter));
    expect(applied(byId('Service longhorn-system/longhorn-frontend'), undefined)).toBe(toYaml(frontend));
    expect(applied(byId('ConfigMap longhorn-system/longhorn-default-setting'), settings)).toBe('');
  });

  it('shows a change as hunks around it, not as the whole object replaced', () => {
    const change = byId('Deployment.apps longhorn-system/longhorn-ui');
    expect(change.diff.split('\n').filter((line) => /^[-+](?![-+]{2} )/.test(line))).toEqual(['-        - image: longhornio/longhorn-ui:v1.7.2', '+        - image: longhornio/longhorn-ui:v1.8.0']);
    expect([change.linesAdded, change.linesRemoved]).toEqual([1, 1]);
    expect(change.diff.split('\n').slice(0, 2)).toEqual(['--- a/prod/storage-longhorn/Deployment.apps/longhorn-system/longhorn-ui.yaml', '+++ b/prod/storage-longhorn/Deployment.apps/longhorn-system/longhorn-ui.yaml']);
  });

  it('names /dev/null as the missing side of an added or removed object', () => {
    expect(byId('Service longhorn-system/longhorn-frontend').diff.split('\n')[0]).toBe('--- /dev/null');
    expect(byId('ConfigMap longhorn-system/longhorn-default-setting').diff.split('\n')[1]).toBe('+++ /dev/null');
  });

  it('finds nothing when only key order differs, and says so', () => {
    const same = diffRendered(base, permutedTree(base, 11));
    expect(same.totals.clustersChanged).toBe(0);
    expect(same.clusters.map((item) => [item.name, item.status, item.bundles.length])).toEqual([['prod', 'unchanged', 0]]);
    expect(renderDiffText(same).split('\n')[0]).toBe('Rendered diff: No cluster changes (1 cluster, 3 objects unchanged)');
  });

  it('caps one object diff at maxObjectDiffLines and counts what it left out', () => {
    const big = configMap('dashboards', 'monitoring', Object.fromEntries(Array.from({ length: 400 }, (_, index) => [`panel-${String(index).padStart(3, '0')}.json`, `{"id":${index}}`])));
    const capped = diffRendered(tree(cluster('prod', [])), tree(cluster('prod', [bundle('dash', rendered(big))])), { maxObjectDiffLines: 50 });
    const change = capped.clusters[0]?.bundles[0]?.objects[0] as ObjectChange;
    expect(change.diff.split('\n')).toHaveLength(50);
    // Every line of the YAML is an added line; with the two headers and one hunk header, all of them but 50 are cut.
    expect(change.cutLines).toBe(toYaml(big).trimEnd().split('\n').length + 3 - 50);
    expect(renderDiffText(capped)).toContain(`... (${change.cutLines} more diff lines not shown)`);
  });
});

describe('diffRendered: identity is group, kind, namespace and name', () => {
  it('treats a new apiVersion of the same group as the same object changed, as the API server and Helm do', () => {
    const base = tree(cluster('prod', [bundle('web', rendered(horizontalPodAutoscaler('autoscaling/v2beta2', 'web', 'apps', 5)))]));
    const head = tree(cluster('prod', [bundle('web', rendered(horizontalPodAutoscaler('autoscaling/v2', 'web', 'apps', 5)))]));
    const [change] = diffRendered(base, head).clusters[0]?.bundles[0]?.objects ?? [];
    expect(change?.status).toBe('changed');
    expect(change?.apiVersion).toEqual({ base: 'autoscaling/v2beta2', head: 'autoscaling/v2' });
    expect(change?.diff).toContain('-apiVersion: autoscaling/v2beta2\n+apiVersion: autoscaling/v2');
    expect(renderDiffText(diffRendered(base, head))).toContain('changed HorizontalPodAutoscaler.autoscaling apps/web, apiVersion autoscaling/v2beta2 → autoscaling/v2');
  });

  it('treats a new group as another resource: one object removed and one added', () => {
    const base = tree(cluster('prod', [bundle('web', rendered(ingress('extensions/v1beta1', 'web', 'apps', 'web.example.com')))]));
    const head = tree(cluster('prod', [bundle('web', rendered(ingress('networking.k8s.io/v1', 'web', 'apps', 'web.example.com')))]));
    const objects = diffRendered(base, head).clusters[0]?.bundles[0]?.objects ?? [];
    expect(objects.map((object) => [object.status, object.id])).toEqual([
      ['removed', 'Ingress.extensions apps/web'],
      ['added', 'Ingress.networking.k8s.io apps/web'],
    ]);
  });

  it('tells objects apart by namespace, and a cluster-scoped object by name alone', () => {
    const base = tree(cluster('prod', [bundle('rbac', rendered(serviceAccount('agent', 'a'), clusterRole('agent', ['pods'])))]));
    const head = tree(cluster('prod', [bundle('rbac', rendered(serviceAccount('agent', 'b'), clusterRole('agent', ['pods', 'nodes'])))]));
    const objects = diffRendered(base, head).clusters[0]?.bundles[0]?.objects ?? [];
    expect(objects.map((object) => [object.status, object.id])).toEqual([
      ['changed', 'ClusterRole.rbac.authorization.k8s.io agent'],
      ['removed', 'ServiceAccount a/agent'],
      ['added', 'ServiceAccount b/agent'],
    ]);
  });

  it('expands Lists into their items, as Helm and kubectl do, so a List and its items compare equal', () => {
    const items = [configMap('a', 'apps', { k: '1' }), configMap('b', 'apps', { k: '2' })];
    const asList = tree(cluster('prod', [bundle('cfg', [{ object: { apiVersion: 'v1', kind: 'List', items: [items[0], { apiVersion: 'v1', kind: 'ConfigMapList', items: [items[1]] }] } }])]));
    const asItems = tree(cluster('prod', [bundle('cfg', rendered(...items))]));
    expect(diffRendered(asList, asItems).totals.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 2 });
  });

  it('ignores empty and scalar documents, as helm template emits them between objects', () => {
    const withEmpty = tree(cluster('prod', [bundle('cfg', [{ object: null }, { object: configMap('a', 'apps', {}) }, { object: 'just text' }])]));
    expect(diffRendered(withEmpty, tree(cluster('prod', [bundle('cfg', rendered(configMap('a', 'apps', {})))]))).totals.counts).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 1 });
  });

  it('keeps two objects of the same identity in one bundle apart, numbered by content, whatever the input order', () => {
    const first = configMap('dup', 'apps', { v: '1' });
    const second = configMap('dup', 'apps', { v: '2' });
    const head = (objects: unknown[]) => tree(cluster('prod', [bundle('cfg', objects.map((object) => ({ object })))]));
    const one = diffRendered(tree(), head([first, second]));
    const other = diffRendered(tree(), head([second, first]));
    expect(one.clusters[0]?.bundles[0]?.objects.map((object) => object.id)).toEqual(['ConfigMap apps/dup', 'ConfigMap apps/dup (#2)']);
    expect(renderDiffJson(one)).toBe(renderDiffJson(other));
  });

  it('refuses a tree that names a cluster, or a bundle within a cluster, twice', () => {
    expect(() => diffRendered(tree(cluster('prod', []), cluster('prod', [])), tree())).toThrow(PlatformError);
    expect(() => diffRendered(tree(), tree(cluster('prod', [bundle('x', []), bundle('x', [])])))).toThrow(/bundle "x" appears twice/);
  });
});

describe('diffRendered: clusters and bundles that come and go', () => {
  it('reports a new cluster with everything added and a dropped one with everything removed', () => {
    const objects = rendered(configMap('a', 'apps', {}), service('web', 'apps'));
    const result = diffRendered(tree(cluster('old', [bundle('web', objects)])), tree(cluster('new', [bundle('web', objects)])));
    expect(result.clusters.map((item) => [item.name, item.status, item.counts.added, item.counts.removed])).toEqual([
      ['new', 'added', 2, 0],
      ['old', 'removed', 0, 2],
    ]);
  });

  it('lists bundles added and removed per cluster and counts them in total', () => {
    const result = diffRendered(tree(cluster('prod', [bundle('gone', rendered(configMap('a', 'x', {}))), bundle('kept', [])])), tree(cluster('prod', [bundle('kept', []), bundle('fresh', rendered(configMap('b', 'x', {})))])));
    expect([result.clusters[0]?.bundlesAdded, result.clusters[0]?.bundlesRemoved]).toEqual([['fresh'], ['gone']]);
    expect([result.totals.bundlesAdded, result.totals.bundlesRemoved]).toEqual([1, 1]);
  });

  it('names an object that leaves one bundle for another of the same cluster', () => {
    const crd = customResourceDefinition('certificates', 'cert-manager.io', 'Certificate');
    const result = diffRendered(tree(cluster('prod', [bundle('certs', rendered(crd)), bundle('certs-crds', [])])), tree(cluster('prod', [bundle('certs', []), bundle('certs-crds', rendered(crd))])));
    expect(result.clusters[0]?.moved).toEqual([{ id: 'CustomResourceDefinition.apiextensions.k8s.io certificates.cert-manager.io', from: 'certs', to: 'certs-crds' }]);
  });
});

describe('diffRendered: releases reinstalled and upgraded', () => {
  const objects = rendered(deployment('longhorn-ui', 'longhorn-system', 'longhornio/longhorn-ui:v1.7.2'));

  it('calls a renamed Fleet bundle that keeps its release a reinstall: Fleet deletes the old Bundle and its release', () => {
    const result = diffRendered(tree(cluster('prod', [helmBundle('platform-storage-longhorn', LONGHORN, chart('1.7.2'), objects)])), tree(cluster('prod', [helmBundle('storage-longhorn', LONGHORN, chart('1.7.2'), objects)])));
    const releases = result.clusters[0]?.releases;
    expect(releases?.reinstalled).toEqual([{ reason: 'bundle-renamed', installer: 'fleet', bundle: { base: 'platform-storage-longhorn', head: 'storage-longhorn' }, release: { base: LONGHORN, head: LONGHORN }, chart: { base: chart('1.7.2'), head: chart('1.7.2') } }]);
    expect([releases?.upgraded, releases?.installed, releases?.uninstalled]).toEqual([[], [], []]);
    expect(result.totals.releasesReinstalled).toBe(1);
    // The objects are the same, but they are in another bundle: removed from one, added to the other.
    expect(result.clusters[0]?.moved).toHaveLength(1);
    expect(renderDiffText(result)).toContain('reinstalled: Fleet deletes Bundle platform-storage-longhorn, uninstalling longhorn-system/longhorn with everything it installed');
  });

  it('calls a new release name or namespace under the same bundle a reinstall', () => {
    const moved = { name: 'longhorn', namespace: 'storage' };
    const result = diffRendered(tree(cluster('prod', [helmBundle('storage-longhorn', LONGHORN, chart('1.7.2'), objects)])), tree(cluster('prod', [helmBundle('storage-longhorn', moved, chart('1.7.2'), objects)])));
    expect(result.clusters[0]?.releases.reinstalled.map((item) => [item.reason, item.release])).toEqual([['release-renamed', { base: LONGHORN, head: moved }]]);
  });

  it('calls a release taken over by another existing bundle a reinstall', () => {
    const other = { name: 'other', namespace: 'x' };
    const base = tree(cluster('prod', [helmBundle('a', LONGHORN, chart('1.7.2'), objects), bundle('b', [], { kind: 'manifests' })]));
    const head = tree(cluster('prod', [helmBundle('b', LONGHORN, chart('1.7.2'), objects)]));
    expect(diffRendered(base, head).clusters[0]?.releases.reinstalled.map((item) => [item.reason, item.bundle])).toEqual([['moved-to-another-bundle', { base: 'a', head: 'b' }]]);
    // A bundle that keeps another release of its own is not where the release went.
    const kept = tree(cluster('prod', [helmBundle('a', LONGHORN, chart('1.7.2'), objects), helmBundle('b', other, chart('1.7.2'), [])]));
    const keptHead = tree(cluster('prod', [helmBundle('b', other, chart('1.7.2'), [])]));
    expect(diffRendered(kept, keptHead).clusters[0]?.releases.uninstalled).toEqual([{ bundle: 'a', release: LONGHORN, chart: chart('1.7.2') }]);
  });

  it('says helm-controller reinstalls when an RKE2 HelmChart is renamed', () => {
    const helmChart = (name: string) => bundle(name, objects, { kind: 'rke2-helmchart', release: { name, namespace: 'kube-system' }, chart: { name: 'rke2-ingress-nginx', version: '4.12.100' } });
    const result = diffRendered(tree(cluster('prod', [helmChart('ingress-nginx')])), tree(cluster('prod', [helmChart('rke2-ingress-nginx')])));
    const { reinstalled, installed, uninstalled } = result.clusters[0]?.releases ?? { reinstalled: [], installed: [], uninstalled: [] };
    // A new HelmChart name is a new release name: nothing links the two, so one is uninstalled and one installed.
    expect(reinstalled).toEqual([]);
    expect([installed.map((item) => item.bundle), uninstalled.map((item) => item.bundle)]).toEqual([['rke2-ingress-nginx'], ['ingress-nginx']]);
    // The same release under a renamed HelmChart file (a bundle whose name changes, release kept) is a reinstall by helm-controller.
    const file = (name: string) => bundle(name, objects, { kind: 'rke2-helmchart', release: { name: 'ingress-nginx', namespace: 'kube-system' }, chart: { name: 'rke2-ingress-nginx', version: '4.12.100' } });
    const renamed = diffRendered(tree(cluster('prod', [file('ingress')])), tree(cluster('prod', [file('ingress-nginx')])));
    expect(renamed.clusters[0]?.releases.reinstalled.map((item) => [item.reason, item.installer])).toEqual([['bundle-renamed', 'helm-controller']]);
    expect(renderDiffText(renamed)).toContain('helm-controller uninstalls kube-system/ingress-nginx when HelmChart ingress goes');
  });

  it('calls a chart version bump of the same release an upgrade, from and to, never a reinstall', () => {
    const result = diffRendered(tree(cluster('prod', [helmBundle('storage-longhorn', LONGHORN, chart('1.7.2'), objects)])), tree(cluster('prod', [helmBundle('storage-longhorn', LONGHORN, chart('1.8.0'), objects)])));
    const releases = result.clusters[0]?.releases;
    expect(releases?.upgraded).toEqual([{ bundle: 'storage-longhorn', release: LONGHORN, chart: { base: chart('1.7.2'), head: chart('1.8.0') } }]);
    expect(releases?.reinstalled).toEqual([]);
    // The bundle is listed for its chart change even with no object changed.
    expect(result.clusters[0]?.bundles.map((item) => [item.name, item.status, item.counts.unchanged])).toEqual([['storage-longhorn', 'changed', 1]]);
    expect(renderDiffText(result)).toContain('upgraded: longhorn-system/longhorn (bundle storage-longhorn): chart longhorn 1.7.2 → 1.8.0');
    expect(renderDiffMarkdown(result)).toContain('chart `longhorn` `1.7.2` → `1.8.0`');
  });

  it('lists a release only on one side as installed or uninstalled', () => {
    const result = diffRendered(tree(cluster('prod', [helmBundle('old', { name: 'old', namespace: 'x' }, chart('1.0.0'), [])])), tree(cluster('prod', [helmBundle('new', { name: 'new', namespace: 'x' }, chart('1.0.0'), [])])));
    expect(result.clusters[0]?.releases.installed.map((item) => item.release.name)).toEqual(['new']);
    expect(result.clusters[0]?.releases.uninstalled.map((item) => item.release.name)).toEqual(['old']);
  });
});

describe('diffRendered: the same inputs in any order give the same bytes', () => {
  const objects = (version: string) =>
    rendered(
      deployment('longhorn-ui', 'longhorn-system', `longhornio/longhorn-ui:${version}`),
      deployment('longhorn-driver-deployer', 'longhorn-system', `longhornio/longhorn-manager:${version}`),
      service('longhorn-frontend', 'longhorn-system'),
      clusterRole('longhorn-role', ['nodes', 'pods', version]),
      customResourceDefinition('volumes', 'longhorn.io', 'Volume'),
      configMap('longhorn-storageclass', 'longhorn-system', { 'storageclass.yaml': `version: ${version}\n` }),
    );
  const side = (version: string, renamed: string) =>
    tree(
      cluster('prod', [helmBundle('storage-longhorn', LONGHORN, chart(version), objects(version)), bundle(renamed, rendered(configMap('ingress', 'ingress-nginx', { version })), { release: { name: 'ingress', namespace: 'ingress-nginx' } })]),
      cluster('staging', [helmBundle('storage-longhorn', LONGHORN, chart(version), objects(version))]),
      cluster('lab', [bundle('cfg', rendered(configMap('x', 'y', { version })))]),
    );
  const base = side('v1.7.2', 'ingress');
  const head = side('v1.8.0', 'ingress-nginx');
  const outputs = (result: ReturnType<typeof diffRendered>) => [renderDiffText(result), renderDiffJson(result), renderDiffMarkdown(result)];
  const expected = outputs(diffRendered(base, head));

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('permutation seed %i', (seed) => {
    expect(outputs(diffRendered(permutedTree(base, seed), permutedTree(head, seed * 31)))).toEqual(expected);
  });

  it('orders clusters, bundles and objects by name in code-unit order, not by input or locale', () => {
    const result = diffRendered(base, head);
    expect(result.clusters.map((item) => item.name)).toEqual(['lab', 'prod', 'staging']);
    expect(result.clusters[1]?.bundles.map((item) => item.name)).toEqual(['ingress', 'ingress-nginx', 'storage-longhorn']);
    const ids = result.clusters[1]?.bundles[2]?.objects.map((object) => object.id);
    expect(ids).toEqual(['ClusterRole.rbac.authorization.k8s.io longhorn-role', 'ConfigMap longhorn-system/longhorn-storageclass', 'Deployment.apps longhorn-system/longhorn-driver-deployer', 'Deployment.apps longhorn-system/longhorn-ui']);
  });
});
