import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { renderWithRealCharts, testConfig } from '@platform/engine/testing';
import { observability } from './index.js';

describe('observability phase (seed 000 §9)', () => {
  const config = testConfig({ cluster: { domain: 'rke2.example.org' } });
  const { file, tree } = renderWithRealCharts([observability], config);
  const kps = file('dist/observability/kube-prometheus-stack/fleet.yaml');
  const kpsValues = yaml.load(tree.get('dist/observability/kube-prometheus-stack/kube-prometheus-stack.values.yaml') ?? '') as Record<string, any>;

  it('ships an empty ConfigMap canary in default', () => {
    const canary = file('dist/observability/canary/configmap.default.fleet-canary.yaml');
    expect(canary).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'fleet-canary', namespace: 'default' } });
    expect(canary.data).toBeUndefined();
    expect(file('fleet/gitrepo.yaml').spec.paths[0]).toBe('dist/observability/canary');
  });

  it('takes the Grafana admin from the pre-seeded Secret', () => {
    expect(kps.helm.values.grafana.admin.existingSecret).toBe(config.secrets.grafanaAdmin);
    expect(JSON.stringify(kpsValues)).not.toMatch(/adminPassword/);
  });

  it('discovers ServiceMonitors and PodMonitors in every namespace, and dashboards in all namespaces', () => {
    const spec = kpsValues.prometheus.prometheusSpec;
    expect(spec.serviceMonitorSelectorNilUsesHelmValues).toBe(false);
    expect(spec.podMonitorSelectorNilUsesHelmValues).toBe(false);
    expect(kpsValues.grafana.sidecar.dashboards.searchNamespace).toBe('ALL');
  });

  it('exposes Grafana on grafana.<domain> through nginx with cert-manager and external-dns annotations and a TLS Secret', () => {
    expect(kpsValues.grafana.ingress.enabled).toBe(true);
    expect(kpsValues.grafana.ingress.ingressClassName).toBe('nginx');
    const ingress = kps.helm.values.grafana.ingress;
    expect(ingress.hosts).toEqual(['grafana.rke2.example.org']);
    expect(ingress.annotations).toEqual({
      'cert-manager.io/cluster-issuer': config.certificates.issuer,
      'external-dns.alpha.kubernetes.io/hostname': 'grafana.rke2.example.org',
    });
    expect(ingress.tls).toEqual([{ secretName: 'grafana-tls', hosts: ['grafana.rke2.example.org'] }]);
  });

  it('runs Loki as a single binary with persistent storage on the default StorageClass', () => {
    const loki = yaml.load(tree.get('dist/observability/loki/loki.values.yaml') ?? '') as Record<string, any>;
    expect(['Monolithic', 'SingleBinary']).toContain(loki.deploymentMode);
    expect(loki.singleBinary.replicas).toBe(1);
    expect(loki.singleBinary.persistence.enabled).toBe(true);
  });

  it('ships every node\'s pod logs to Loki with Alloy by default', () => {
    const alloy = file('dist/observability/alloy/fleet.yaml');
    expect(alloy.helm.chart).toBe('alloy');
    expect(alloy.dependsOn).toEqual([{ name: 'platform-dist-observability-loki' }]);
    const values = tree.get('dist/observability/alloy/alloy.values.yaml') ?? '';
    expect(values).toContain('loki-gateway.monitoring.svc');
    expect(values).toContain('/var/log/pods');
    expect(tree.has('dist/observability/promtail/fleet.yaml')).toBe(false);
  });

  it('ships with Promtail instead when the config selects it', () => {
    const promtail = renderWithRealCharts([observability], testConfig({ observability: { logShipper: 'promtail' } }));
    expect(promtail.file('dist/observability/promtail/fleet.yaml').helm.chart).toBe('promtail');
    expect(promtail.tree.get('dist/observability/promtail/promtail.values.yaml')).toContain('loki-gateway.monitoring.svc');
    expect(promtail.tree.has('dist/observability/alloy/fleet.yaml')).toBe(false);
  });
});
