import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { renderWithRealCharts, testConfig } from '@platform/engine/testing';
import { ingress } from './index.js';

describe('ingress phase (seed 000 §6.2, §6.3)', () => {
  const { file } = renderWithRealCharts([ingress], testConfig({ cluster: { loadBalancerIP: '203.0.113.7' } }));
  const helmChart = file('dist/ingress/ingress-nginx/helmchart.kube-system.ingress-nginx.yaml');
  const values = yaml.load(helmChart.spec.valuesContent) as Record<string, any>;

  it('runs the controller as a hostNetwork DaemonSet behind a ClusterIP Service', () => {
    expect(values.controller.kind).toBe('DaemonSet');
    expect(values.controller.hostNetwork).toBe(true);
    expect(values.controller.service.type).toBe('ClusterIP');
  });

  it('publishes the load balancer IP from config into Ingress status, not the Service address', () => {
    expect(values.controller.publishService.enabled).toBe(false);
    expect(helmChart.spec.set['controller.extraArgs.publish-status-address']).toBe('203.0.113.7');
  });

  it('creates IngressClass nginx and marks it default', () => {
    expect(values.controller.ingressClassResource.name).toBe('nginx');
    expect(values.controller.ingressClassResource.default).toBe(true);
  });
});
