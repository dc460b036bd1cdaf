import { describe, expect, it } from 'vitest';
import { OutputLayout } from '../output/layout.js';
import { runInventoryRules } from './index.js';
import { viewOf } from './view.js';

/** One cluster's GitRepo and one bundle, as synth writes them under dist/<cluster>/ and fleet/<cluster>/. */
function clusterFiles(cluster: string, gitRepo: string, namespace: string, nameOverride?: string): [string, string][] {
  const dir = `dist/${cluster}/apps/web`;
  return [
    [`fleet/${cluster}/gitrepo.yaml`, `apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: ${gitRepo}\n  namespace: ${namespace}\nspec:\n  repo: https://git.example.com/p.git\n  paths:\n    - ${dir}\n`],
    [`${dir}/fleet.yaml`, `defaultNamespace: web\n${nameOverride ? `name: ${nameOverride}\n` : ''}`],
  ];
}

const tree = new Map([
  ...clusterFiles('dev', 'platform', 'fleet-local'),
  ...clusterFiles('qa', 'platform', 'fleet-local'),
  ...clusterFiles('prod', 'platform-prod', 'fleet-default'),
  ...clusterFiles('prod-eu', 'platform-prod', 'fleet-default'),
  ...clusterFiles('edge', 'platform-edge', 'fleet-default', 'web'),
  ...clusterFiles('edge-2', 'platform-edge-2', 'fleet-default', 'web'),
]);

const view = (cluster: string, fleetInstance: string) => viewOf(tree, { phases: ['apps'], kubernetesVersion: '1.31', layout: new OutputLayout(cluster), fleetInstance });
const findings = (...views: ReturnType<typeof view>[]) => runInventoryRules(views).map((finding) => `${finding.file}: ${finding.message}`);

describe('names across clusters on one Fleet', () => {
  it('lets standalone clusters reuse GitRepo and Bundle names: each has a Fleet of its own', () => {
    expect(findings(view('dev', 'standalone dev'), view('qa', 'standalone qa'))).toEqual([]);
  });

  it('refuses two GitRepos of one name in one namespace of one manager, naming both files', () => {
    expect(findings(view('prod', 'manager rancher'), view('prod-eu', 'manager rancher'))).toEqual([
      expect.stringMatching(/^fleet\/prod-eu\/gitrepo.yaml: GitRepo "platform-prod" is also fleet\/prod\/gitrepo.yaml in namespace fleet-default of manager rancher; applying one replaces the other$/),
    ]);
    // On two managers, the same names are two objects.
    expect(findings(view('prod', 'manager rancher'), view('prod-eu', 'manager rancher-eu'))).toEqual([]);
  });

  it('refuses two Bundles of one name on one manager even when the GitRepos differ (a fleet.yaml name override)', () => {
    expect(findings(view('edge', 'manager rancher'), view('edge-2', 'manager rancher'))).toEqual([
      expect.stringMatching(/^dist\/edge-2\/apps\/web\/fleet.yaml: Fleet would name this Bundle "web", the same as dist\/edge\/apps\/web\/fleet.yaml/),
    ]);
  });

  it('sees each cluster\'s own files only', () => {
    expect(view('dev', 'x').bundles.map((bundle) => bundle.dir)).toEqual(['dist/dev/apps/web']);
    expect(view('dev', 'x').gitRepo?.file).toBe('fleet/dev/gitrepo.yaml');
  });
});
