import { describe, expect, it } from 'vitest';
import { bundleRenames } from './renames.js';

const gitRepo = (name: string, paths: string[]) =>
  `apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: ${name}\n  namespace: fleet-local\nspec:\n  repo: https://git.example.com/p.git\n  paths:\n${paths.map((path) => `    - ${path}\n`).join('')}`;
const helm = (releaseName: string, extra = '') => `defaultNamespace: monitoring\nhelm:\n  chart: app\n  releaseName: ${releaseName}\n${extra}`;
const tree = (name: string, bundles: Record<string, string>) =>
  new Map([['fleet/gitrepo.yaml', gitRepo(name, Object.keys(bundles))], ...Object.entries(bundles).map(([dir, text]) => [`${dir}/fleet.yaml`, text] as [string, string])]);
const report = (before: Map<string, string>, after: Map<string, string>) => bundleRenames(before, after).map((problem) => `${problem.rule} ${problem.file}: ${problem.message}`);

describe('what a change to the tree does on a cluster, beyond an update', () => {
  const committed = tree('platform', { 'dist/a/app': helm('app'), 'dist/a/raw': 'defaultNamespace: default\n' });

  it('reports nothing when names and releases stay', () => {
    expect(report(committed, tree('platform', { 'dist/a/app': helm('app', '  version: 2.0.0\n'), 'dist/a/raw': 'defaultNamespace: default\n' }))).toEqual([]);
  });

  it('reports a moved directory as a delete and a fresh install of the same release (rancher/fleet#719, #795)', () => {
    expect(report(committed, tree('platform', { 'dist/b/app': helm('app'), 'dist/a/raw': 'defaultNamespace: default\n' }))).toEqual([
      expect.stringMatching(/^bundle-rename dist\/b\/app\/fleet.yaml: Bundle platform-dist-a-app becomes platform-dist-b-app: Fleet deletes platform-dist-a-app, uninstalling release monitoring\/app/),
    ]);
  });

  it('reports a bundle that is gone as an uninstall', () => {
    expect(report(committed, tree('platform', { 'dist/a/raw': 'defaultNamespace: default\n' }))).toEqual([
      expect.stringMatching(/^bundle-rename dist\/a\/app\/fleet.yaml: Bundle platform-dist-a-app is no longer in the GitRepo: Fleet deletes it and uninstalls release monitoring\/app/),
    ]);
  });

  it('reports a renamed GitRepo, a name override and a raw bundle\'s release, which follows its name', () => {
    const found = report(committed, tree('platform2', { 'dist/a/app': helm('app'), 'dist/a/raw': 'defaultNamespace: default\n' }));
    expect(found).toEqual([
      expect.stringMatching(/^bundle-rename dist\/a\/app\/fleet.yaml: Bundle platform-dist-a-app becomes platform2-dist-a-app: Fleet deletes platform-dist-a-app, uninstalling release monitoring\/app .* installs monitoring\/app as new/),
      expect.stringMatching(/^bundle-rename dist\/a\/raw\/fleet.yaml: .*uninstalling release default\/platform-dist-a-raw .* installs default\/platform2-dist-a-raw as new/),
    ]);
    expect(report(committed, tree('platform', { 'dist/a/app': `name: app\n${helm('app')}`, 'dist/a/raw': 'defaultNamespace: default\n' }))).toEqual([
      expect.stringMatching(/^bundle-rename .*Bundle platform-dist-a-app becomes app:/),
    ]);
  });

  it('reports a releaseName or namespace change of the same Bundle: the agent uninstalls the old release (cleanup.go)', () => {
    expect(report(committed, tree('platform', { 'dist/a/app': helm('app2'), 'dist/a/raw': 'defaultNamespace: default\n' }))).toEqual([
      'release-rename dist/a/app/fleet.yaml: Helm release monitoring/app becomes monitoring/app2: Fleet uninstalls monitoring/app with everything it installed and installs monitoring/app2 from scratch',
    ]);
    expect(report(committed, tree('platform', { 'dist/a/app': helm('app').replace('monitoring', 'observability'), 'dist/a/raw': 'defaultNamespace: default\n' }))).toEqual([
      expect.stringMatching(/^release-rename .*monitoring\/app becomes observability\/app/),
    ]);
  });

  it('says nothing about bundles that were never deployed, or when nothing was committed yet', () => {
    const unlisted = new Map([...committed, ['fleet/gitrepo.yaml', gitRepo('platform', ['dist/a/raw'])]]);
    expect(report(unlisted, tree('platform', { 'dist/b/app': helm('app2'), 'dist/a/raw': 'defaultNamespace: default\n' }))).toEqual([]);
    expect(report(new Map(), committed)).toEqual([]);
  });
});

describe('renames across clusters and layouts', () => {
  /** An inventory tree: each cluster's GitRepo under fleet/<cluster>/, its bundles under dist/<cluster>/. */
  const inventory = (clusters: Record<string, { name: string; namespace?: string; bundles: Record<string, string> }>) =>
    new Map(
      Object.entries(clusters).flatMap(([cluster, { name, namespace, bundles }]) => [
        [`fleet/${cluster}/gitrepo.yaml`, gitRepo(name, Object.keys(bundles).map((dir) => `dist/${cluster}/${dir}`)).replace('fleet-local', namespace ?? 'fleet-local')] as [string, string],
        ...Object.entries(bundles).map(([dir, text]) => [`dist/${cluster}/${dir}/fleet.yaml`, text] as [string, string]),
      ]),
    );
  const bundles = { 'observability/loki': helm('loki'), 'certs-dns/issuers': 'defaultNamespace: default\n' };

  it('reports the move of a single-cluster tree into dist/<cluster>/ as a rename of every Bundle of that cluster, raw bundles included', () => {
    const single = tree('platform', { 'dist/observability/loki': helm('loki'), 'dist/certs-dns/issuers': 'defaultNamespace: default\n' });
    expect(report(single, inventory({ dev: { name: 'platform', bundles } }))).toEqual([
      expect.stringMatching(/^bundle-rename dist\/dev\/observability\/loki\/fleet.yaml: cluster dev: Bundle platform-dist-observability-loki becomes platform-dist-dev-observability-loki: .*release monitoring\/loki/),
      expect.stringMatching(/^bundle-rename dist\/dev\/certs-dns\/issuers\/fleet.yaml: cluster dev: Bundle platform-dist-certs-dns-issuers becomes platform-dist-dev-certs-dns-issuers: .*release default\/platform-dist-certs-dns-issuers .* installs default\/platform-dist-dev-certs-dns-issuers as new/),
    ]);
  });

  it('reports nothing for a cluster added beside others, and keeps each standalone cluster\'s Fleet apart', () => {
    const one = inventory({ dev: { name: 'platform', bundles } });
    expect(report(one, inventory({ dev: { name: 'platform', bundles }, qa: { name: 'platform', bundles } }))).toEqual([]);
  });

  it('reports every Bundle of a cluster removed from the inventory as uninstalled, on that cluster only', () => {
    const two = inventory({ dev: { name: 'platform', bundles }, qa: { name: 'platform', bundles } });
    const found = report(two, inventory({ dev: { name: 'platform', bundles } }));
    expect(found).toHaveLength(2);
    expect(found.every((line) => line.includes('cluster qa: Bundle platform-dist-qa-') && line.includes('is no longer in the GitRepo'))).toBe(true);
  });

  it('treats GitRepos in a manager\'s workspace as one Fleet: a Bundle moved between two clusters\' GitRepos is still deleted and recreated', () => {
    const before = inventory({ prod: { name: 'platform-prod', namespace: 'fleet-default', bundles } });
    const after = inventory({ prod: { name: 'platform-prod2', namespace: 'fleet-default', bundles } });
    expect(report(before, after)).toHaveLength(2);
  });
});
