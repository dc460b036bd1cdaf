import { FleetBundle, fleetPhase, infrastructureNamespaces } from '@platform/engine';
import { auditPolicies } from './policies.js';

export const FALCO_DEFERRED_REASON =
  'Falco is deferred: its bundled DKMS driver does not build against the Ubuntu 24.04 kernel 6.17 series and the prebuilt modern-bpf driver failed to load. Set security.falco: true in cluster.yaml to deploy it once a driver works.';

/**
 * Phase 7: posture and admission. Trivy Operator scans workloads, Kyverno
 * audits them against four policies; Falco is scaffolded but deferred.
 */
export const security = fleetPhase({
  name: 'security',
  summary: 'Trivy Operator, Kyverno with four audit policies; Falco scaffolded (deferred)',
  source: 'packages/security',
  build(phase) {
    new FleetBundle(phase, 'trivy-operator', {
      namespace: 'trivy-system',
      // The node collector mounts host paths for the infrastructure assessment; the labelled
      // Namespace is an RKE2 manifest (dist/gitops/namespaces): Fleet drops pod-security namespaceLabels.
      podSecurity: 'privileged',
      helm: { chart: phase.chart('trivy-operator'), releaseName: 'trivy-operator' },
    });

    const kyverno = new FleetBundle(phase, 'kyverno', {
      namespace: 'kyverno',
      helm: { chart: phase.chart('kyverno'), releaseName: 'kyverno' },
    });

    new FleetBundle(phase, 'falco', {
      namespace: 'falco',
      podSecurity: 'privileged',
      helm: { chart: phase.chart('falco'), releaseName: 'falco' },
      ...(phase.config.security.falco ? {} : { disabled: { reason: FALCO_DEFERRED_REASON } }),
    });

    // Separate bundle: the ClusterPolicy kind exists only once Kyverno's CRDs are installed.
    const policies = new FleetBundle(phase, 'kyverno-policies', { dependsOn: [kyverno] });
    auditPolicies(policies, infrastructureNamespaces([...phase.earlier, phase]));
  },
});
