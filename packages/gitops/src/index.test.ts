import { describe, expect, it } from 'vitest';
import { renderWithRealCharts, testConfig } from '@platform/engine/testing';
import { fleetPhase, FleetBundle } from '@platform/engine';
import { k8s } from 'cdk8s-plus-30';
import { gitops } from './index.js';

// The GitRepo needs at least one Fleet bundle to list.
const canaryOnly = fleetPhase({
  name: 'apps',
  summary: 'test',
  source: 'test',
  build(phase) {
    new k8s.KubeConfigMap(new FleetBundle(phase, 'canary', { namespace: 'default' }), 'cm', { metadata: { name: 'c', namespace: 'default' } });
  },
});

describe('gitops phase', () => {
  const config = testConfig({ fleet: { gitRepo: 'canarie-kube', pollingInterval: '60s' } });
  const { file, tree } = renderWithRealCharts([gitops, canaryOnly], config);

  it('installs fleet-crd and fleet with RKE2 helm-controller into cattle-fleet-system', () => {
    for (const name of ['fleet-crd', 'fleet']) {
      const helmChart = file(`dist/gitops/fleet/helmchart.kube-system.${name}.yaml`);
      expect(helmChart.spec.chart).toBe(name);
      expect(helmChart.spec.targetNamespace).toBe('cattle-fleet-system');
    }
  });

  it('keeps Fleet\'s own install out of Fleet: no fleet.yaml, not in the GitRepo paths', () => {
    expect([...tree.keys()].filter((path) => path.startsWith('dist/gitops/') && path.endsWith('/fleet.yaml'))).toEqual([]);
    expect(file('fleet/gitrepo.yaml').spec.paths).toEqual(['dist/apps/canary']);
  });

  it('generates the GitRepo from config', () => {
    const gitRepo = file('fleet/gitrepo.yaml');
    expect(gitRepo.metadata).toEqual({ name: 'canarie-kube', namespace: 'fleet-local' });
    expect(gitRepo.spec).toMatchObject({ repo: config.git.repo, branch: 'main', pollingInterval: '60s', clientSecretName: config.secrets.gitCredentials });
  });
});
