import { describe, expect, it } from 'vitest';
import { renderWithRealCharts, testConfig } from '@platform/engine/testing';
import { storage } from './index.js';

describe('storage phase (seed 000 §6)', () => {
  const config = testConfig({ storage: { replicaCount: 3 }, cluster: { domain: 'rke2.example.org' } });
  const { file } = renderWithRealCharts([storage], config);
  const helmChart = file('dist/storage/longhorn/helmchart.kube-system.longhorn.yaml');

  it('installs Longhorn with RKE2 helm-controller into longhorn-system', () => {
    expect(helmChart.apiVersion).toBe('helm.cattle.io/v1');
    expect(helmChart.spec.targetNamespace).toBe('longhorn-system');
    expect(helmChart.spec.chart).toBe('longhorn');
  });

  it('labels longhorn-system privileged for Pod Security', () => {
    expect(file('dist/storage/longhorn/namespace.longhorn-system.yaml').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  it('takes the replica count from config', () => {
    expect(helmChart.spec.set['persistence.defaultClassReplicaCount']).toBe(3);
    expect(helmChart.spec.set['defaultSettings.defaultReplicaCount']).toBe(3);
  });

  it('makes Longhorn the default StorageClass and creates default disks only on labelled nodes', () => {
    expect(helmChart.spec.valuesContent).toMatch(/^\s*defaultClass: true/m);
    expect(helmChart.spec.valuesContent).toMatch(/^\s*createDefaultDiskLabeledNodes: true/m);
  });

  it('puts the UI behind basic auth from the pre-seeded Secret, over TLS on longhorn.<domain>', () => {
    const ingress = file('dist/storage/longhorn/ingress.longhorn-system.longhorn-ui.yaml');
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.rules[0].host).toBe('longhorn.rke2.example.org');
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/auth-type']).toBe('basic');
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/auth-secret']).toBe(config.secrets.longhornBasicAuth);
    expect(ingress.spec.tls[0].hosts).toEqual(['longhorn.rke2.example.org']);
  });
});
