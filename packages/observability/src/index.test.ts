import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { renderWithRealCharts, testConfig } from '@platform/engine/testing';
import { gitops } from '../../gitops/src/index.js';
import { observability } from './index.js';

describe('observability phase (seed 000 §9)', () => {
  const config = testConfig({ cluster: { domain: 'rke2.example.org' } });
  // gitops declares the Pod Security-labelled monitoring namespace the bundles need.
  const { file, tree } = renderWithRealCharts([gitops, observability], config);
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
    const promtail = renderWithRealCharts([gitops, observability], testConfig({ observability: { logShipper: 'promtail' } }));
    expect(promtail.file('dist/observability/promtail/fleet.yaml').helm.chart).toBe('promtail');
    expect(promtail.tree.get('dist/observability/promtail/promtail.values.yaml')).toContain('loki-gateway.monitoring.svc');
    expect(promtail.tree.has('dist/observability/alloy/fleet.yaml')).toBe(false);
  });

  it('takes the operator CRDs from prometheus-operator-crds at the operator version kube-prometheus-stack ships, and waits for them', () => {
    const crds = file('dist/observability/prometheus-operator-crds/fleet.yaml');
    // kube-prometheus-stack 88.5.3's Chart.yaml appVersion is v0.93.1; prometheus-operator-crds 31.0.1 is the release with that appVersion.
    expect(kps.helm.version).toBe('88.5.3');
    expect(crds.helm).toMatchObject({ repo: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus-operator-crds', version: '31.0.1' });
    expect(kps.dependsOn).toEqual([{ name: 'platform-dist-observability-prometheus-operator-crds' }]);
    // Its own copy sits in crds/, which Helm installs once and never upgrades.
    expect(kpsValues.crds.enabled).toBe(false);
    const crdValues = yaml.load(tree.get('dist/observability/prometheus-operator-crds/prometheus-operator-crds.values.yaml') ?? '') as { crds: Record<string, { enabled: boolean }> };
    expect(Object.keys(crdValues.crds).sort()).toEqual(['alertmanagerconfigs', 'alertmanagers', 'podmonitors', 'probes', 'prometheusagents', 'prometheuses', 'prometheusrules', 'scrapeconfigs', 'servicemonitors', 'thanosrulers']);
    expect(Object.values(crdValues.crds).every((crd) => crd.enabled)).toBe(true);
  });

  it('leaves Pod Security to the monitoring Namespace RKE2 applies, never to namespaceLabels, which Fleet 0.13.15 drops', () => {
    const monitoring = file('dist/gitops/namespaces/namespace.monitoring.yaml');
    expect(monitoring.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
    const fleetYamls = [...tree.keys()].filter((path) => path.endsWith('/fleet.yaml')).map((path) => file(path));
    expect(fleetYamls.length).toBeGreaterThan(3);
    for (const fleetYaml of fleetYamls) expect(Object.keys(fleetYaml.namespaceLabels ?? {}).filter((key) => key.startsWith('pod-security.kubernetes.io/'))).toEqual([]);
  });

  it('ignores the caBundle the admission patch Job injects into kube-prometheus-stack\'s webhooks, so the bundle does not turn Modified', () => {
    expect(kps.diff.comparePatches).toEqual([
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] },
      { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', jsonPointers: ['/webhooks/0/clientConfig/caBundle'] },
    ]);
  });
});
