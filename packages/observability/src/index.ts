import { FleetBundle, fleetPhase, kubeConfigMap, publicHost, publicIngressAnnotations } from '@platform/engine';

export const MONITORING_NAMESPACE = 'monitoring';
/**
 * node-exporter (hostNetwork, hostPID) and the log shipper (hostPath /var/log)
 * need the privileged level; the Namespace carrying it is an RKE2 manifest
 * (dist/gitops/namespaces), since Fleet drops pod-security namespaceLabels.
 */
const MONITORING_POD_SECURITY = 'privileged';

/**
 * Phase 5: metrics, dashboards and logs, and the canary that proves Fleet
 * reconciles. From here on Fleet pulls everything from git.
 */
export const observability = fleetPhase({
  name: 'observability',
  summary: 'Fleet canary, the prometheus-operator CRDs, kube-prometheus-stack, Loki and the log shipper (Alloy or Promtail)',
  source: 'packages/observability',
  build(phase) {
    const { config } = phase;

    // One empty ConfigMap: if it is missing from `default`, Fleet itself is broken.
    const canary = new FleetBundle(phase, 'canary', { namespace: 'default' });
    kubeConfigMap(canary, 'configmap', { metadata: { name: 'fleet-canary', namespace: 'default' } });

    // The operator's CRDs, upgraded with every bump (kube-prometheus-stack's own copy sits in crds/,
    // which Helm never upgrades; charts/kube-prometheus-stack/chart.yaml, crds).
    const operatorCrds = new FleetBundle(phase, 'prometheus-operator-crds', {
      namespace: MONITORING_NAMESPACE,
      helm: { chart: phase.chart('prometheus-operator-crds'), releaseName: 'prometheus-operator-crds' },
    });

    const grafanaHost = publicHost(config, 'grafana');
    new FleetBundle(phase, 'kube-prometheus-stack', {
      namespace: MONITORING_NAMESPACE,
      podSecurity: MONITORING_POD_SECURITY,
      dependsOn: [operatorCrds],
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
      podSecurity: MONITORING_POD_SECURITY,
      helm: { chart: phase.chart('loki'), releaseName: 'loki' },
    });

    // Alloy by default; Promtail (end of life 2026-03-02) stays selectable in cluster.yaml.
    const shipper = config.observability.logShipper;
    new FleetBundle(phase, shipper, {
      namespace: MONITORING_NAMESPACE,
      podSecurity: MONITORING_POD_SECURITY,
      helm: { chart: phase.chart(shipper), releaseName: shipper },
      dependsOn: [loki],
    });
  },
});
