import { HelmChart, Rke2Bundle, namespace, rke2Phase } from '@platform/engine';

export const INGRESS_NAMESPACE = 'ingress-nginx';

/**
 * Phase 3: ingress-nginx as a hostNetwork DaemonSet behind the Azure LB.
 * Installed as our own release with RKE2's bundled rke2-ingress-nginx
 * disabled (see README), so the version and values are ours to pin.
 */
export const ingress = rke2Phase({
  name: 'ingress',
  summary: 'ingress-nginx on every node’s :80/:443, IngressClass nginx (default)',
  source: 'packages/ingress',
  build(phase) {
    const bundle = new Rke2Bundle(phase, 'ingress-nginx');
    // hostNetwork pods are outside the baseline Pod Security level.
    namespace(bundle, INGRESS_NAMESPACE, 'privileged');
    new HelmChart(bundle, 'chart', {
      chart: phase.chart('ingress-nginx'),
      releaseName: 'ingress-nginx',
      targetNamespace: INGRESS_NAMESPACE,
      set: {
        // Load-bearing: Ingress status must carry the public LB address, not the ClusterIP,
        // or external-dns publishes an internal IP and every HTTP-01 challenge fails.
        'controller.extraArgs.publish-status-address': phase.config.cluster.loadBalancerIP,
      },
    });
  },
});
