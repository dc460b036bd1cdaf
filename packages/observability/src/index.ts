import { FleetBundle, fleetPhase, kubeConfigMap, podSecurityLabels, publicHost, publicIngressAnnotations } from '@platform/engine';

export const MONITORING_NAMESPACE = 'monitoring';
/** node-exporter (hostNetwork, hostPID) and the log shipper (hostPath /var/log) need the privileged level. */
const monitoringLabels = podSecurityLabels('privileged');

/**
 * Phase 5: metrics, dashboards and logs, and the canary that proves Fleet
 * reconciles. From here on Fleet pulls everything from git.
 */
export const observability = fleetPhase({
  name: 'observability',
  summary: 'Fleet canary, kube-prometheus-stack, Loki and the log shipper (Alloy or Promtail)',
  source: 'packages/observability',
  build(phase) {
    const { config } = phase;

    // One empty ConfigMap: if it is missing from `default`, Fleet itself is broken.
    const canary = new FleetBundle(phase, 'canary', { namespace: 'default' });
    kubeConfigMap(canary, 'configmap', { metadata: { name: 'fleet-canary', namespace: 'default' } });

    const grafanaHost = publicHost(config, 'grafana');
    new FleetBundle(phase, 'kube-prometheus-stack', {
      namespace: MONITORING_NAMESPACE,
      namespaceLabels: monitoringLabels,
      helm: {
        chart: phase.chart('kube-prometheus-stack'),
        releaseName: 'kps',
        values: {
          grafana: {
            admin: { existingSecret: config.secrets.grafanaAdmin },
            ingress: {
              hosts: [grafanaHost],
              annotations: publicIngressAnnotations(config, grafanaHost),
              tls: [{ secretName: 'grafana-tls', hosts: [grafanaHost] }],
            },
          },
        },
      },
    });

    const loki = new FleetBundle(phase, 'loki', {
      namespace: MONITORING_NAMESPACE,
      namespaceLabels: monitoringLabels,
      helm: { chart: phase.chart('loki'), releaseName: 'loki' },
    });

    // Alloy by default; Promtail (end of life 2026-03-02) stays selectable in cluster.yaml.
    const shipper = config.observability.logShipper;
    new FleetBundle(phase, shipper, {
      namespace: MONITORING_NAMESPACE,
      namespaceLabels: monitoringLabels,
      helm: { chart: phase.chart(shipper), releaseName: shipper },
      dependsOn: [loki],
    });
  },
});
