import { HelmChart, Rke2Bundle, namespace, publicIngress, rke2Phase } from '@platform/engine';

export const LONGHORN_NAMESPACE = 'longhorn-system';

/**
 * Phase 2: Longhorn, the default StorageClass, installed by RKE2's
 * helm-controller because everything after it needs volumes.
 */
export const storage = rke2Phase({
  name: 'storage',
  summary: 'Longhorn block storage, the default StorageClass',
  source: 'packages/storage',
  build(phase) {
    const { config } = phase;
    const longhorn = new Rke2Bundle(phase, 'longhorn');
    // Longhorn's instance manager manipulates block devices: the only way it runs under any Pod Security default.
    namespace(longhorn, LONGHORN_NAMESPACE, 'privileged');
    new HelmChart(longhorn, 'chart', {
      chart: phase.chart('longhorn'),
      releaseName: 'longhorn',
      targetNamespace: LONGHORN_NAMESPACE,
      timeout: '600s',
      set: {
        // Replicas must land on distinct nodes, so this follows the number of storage nodes.
        'persistence.defaultClassReplicaCount': config.storage.replicaCount,
        'defaultSettings.defaultReplicaCount': config.storage.replicaCount,
      },
    });
    publicIngress(longhorn, config, {
      namespace: LONGHORN_NAMESPACE,
      name: 'longhorn-ui',
      subdomain: 'longhorn',
      service: { name: 'longhorn-frontend', port: 80 },
      annotations: {
        // The UI has no login of its own: nginx asks for the pre-seeded htpasswd Secret.
        'nginx.ingress.kubernetes.io/auth-type': 'basic',
        'nginx.ingress.kubernetes.io/auth-secret': config.secrets.longhornBasicAuth,
        'nginx.ingress.kubernetes.io/auth-realm': 'Longhorn',
      },
    });
  },
});
