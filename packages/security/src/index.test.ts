import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { FleetBundle, fleetPhase } from '@platform/engine';
import { renderWithRealCharts, testConfig } from '@platform/engine/testing';
import { storage } from '../../storage/src/index.js';
import { ingress } from '../../ingress/src/index.js';
import { gitops } from '../../gitops/src/index.js';
import { observability } from '../../observability/src/index.js';
import { certsDns } from '../../certs-dns/src/index.js';
import { security } from './index.js';

const all = [storage, ingress, gitops, observability, certsDns, security];

describe('security phase (seed 000 §11)', () => {
  const { file, documents, tree } = renderWithRealCharts(all);
  const policies = documents('.yaml').filter(({ object }) => object.kind === 'ClusterPolicy').map(({ object }) => object);

  it('ships the four policies, every rule in Audit with the per-rule failureAction', () => {
    expect(policies.map((policy) => policy.metadata.name).sort()).toEqual(['disallow-host-path', 'disallow-latest-tag', 'disallow-privileged', 'require-resource-limits']);
    for (const policy of policies) {
      expect(policy.spec.validationFailureAction).toBeUndefined();
      for (const rule of policy.spec.rules) expect(rule.validate.failureAction).toBe('Audit');
    }
  });

  it('keeps the policies in their own bundle that depends on Kyverno', () => {
    expect(file('dist/security/kyverno-policies/fleet.yaml').dependsOn).toEqual([{ name: 'platform-dist-security-kyverno' }]);
  });

  it('allows hostPath exactly in the namespaces the platform installs into (seed 000: the ten infra namespaces)', () => {
    const hostPath = policies.find((policy) => policy.metadata.name === 'disallow-host-path');
    const allowed = hostPath?.spec.rules[0].exclude.any[0].resources.namespaces as string[];
    expect([...allowed].sort()).toEqual(['cattle-fleet-system', 'cert-manager', 'external-dns', 'falco', 'ingress-nginx', 'kube-system', 'kyverno', 'longhorn-system', 'monitoring', 'trivy-system']);
  });

  it('covers every namespace that runs a hostPath workload', () => {
    // Longhorn's manager, node-exporter, the log shipper, Trivy's node collector and Falco mount host paths.
    const hostPath = policies.find((policy) => policy.metadata.name === 'disallow-host-path');
    const allowed = hostPath?.spec.rules[0].exclude.any[0].resources.namespaces as string[];
    for (const namespace of ['longhorn-system', 'monitoring', 'trivy-system', 'falco', 'kube-system']) expect(allowed).toContain(namespace);
  });

  it('extends the allow-list by itself when a phase installs into a new namespace', () => {
    const extra = fleetPhase({
      name: 'extra',
      summary: 'test',
      source: 'test',
      build(phase) {
        new FleetBundle(phase, 'agent', { namespace: 'node-agent', helm: { chart: phase.chart('promtail'), releaseName: 'agent' } });
      },
    });
    const rendered = renderWithRealCharts([storage, ingress, gitops, extra, security]);
    const hostPath = rendered.file('dist/security/kyverno-policies/clusterpolicy.disallow-host-path.yaml');
    expect(hostPath.spec.rules[0].exclude.any[0].resources.namespaces).toContain('node-agent');
  });

  it('pins the Trivy scanner image to an exact version', () => {
    const values = yaml.load(tree.get('dist/security/trivy-operator/trivy-operator.values.yaml') ?? '') as Record<string, any>;
    expect(String(values.trivy.image.tag)).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('scaffolds Falco but leaves it out of the GitRepo, with the reason where a reader of dist/ sees it', () => {
    expect(tree.get('dist/security/falco/fleet.yaml')).toMatch(/NOT DEPLOYED: .*kernel/);
    expect(file('fleet/gitrepo.yaml').spec.paths).not.toContain('dist/security/falco');
  });

  it('lists Falco once the config switch is on', () => {
    const on = renderWithRealCharts(all, testConfig({ security: { falco: true } }));
    expect(on.file('fleet/gitrepo.yaml').spec.paths).toContain('dist/security/falco');
    expect(on.tree.get('dist/security/falco/fleet.yaml')).not.toContain('NOT DEPLOYED');
  });
});
