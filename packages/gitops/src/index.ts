import { HelmChart, Rke2Bundle, rke2Phase } from '@platform/engine';

export const FLEET_NAMESPACE = 'cattle-fleet-system';

/**
 * Phase 4: Fleet itself. RKE2 installs and keeps reconciling it, which is
 * why this directory is never a Fleet bundle: Fleet would fight
 * helm-controller over its own release. The GitRepo is generated into fleet/.
 */
export const gitops = rke2Phase({
  name: 'gitops',
  summary: 'Fleet (fleet-crd, then fleet); the GitRepo in fleet/ points it at dist/',
  source: 'packages/gitops',
  build(phase) {
    const bundle = new Rke2Bundle(phase, 'fleet');
    new HelmChart(bundle, 'crd', {
      chart: phase.chart('fleet-crd'),
      releaseName: 'fleet-crd',
      targetNamespace: FLEET_NAMESPACE,
      createNamespace: true,
    });
    new HelmChart(bundle, 'controller', {
      chart: phase.chart('fleet'),
      releaseName: 'fleet',
      targetNamespace: FLEET_NAMESPACE,
      createNamespace: true,
    });
  },
});
