import { dropsPodSecurityNamespaceLabels, podSecurityKeys } from '../fleet/behaviour.js';
import { error, type Finding } from './finding.js';
import { fleetVersionOf } from './fleet-version.js';
import type { Rule } from './rule.js';

/**
 * Fleet 0.13.11 and later drop every pod-security.kubernetes.io/* key of
 * namespaceLabels (rancher/fleet v0.13.15 internal/cmd/agent/deployer/
 * deployer.go, addLabelsFromOptions; GHSA-864g-863m-vcvq, rancher/fleet#5156),
 * so such a key is a level that never reaches the namespace.
 */
export const podSecurityLabels: Rule = {
  id: 'pod-security-labels',
  summary: 'no Pod Security level in namespaceLabels for a Fleet that drops them',
  check(view) {
    const version = fleetVersionOf(view);
    if (version !== undefined && !dropsPodSecurityNamespaceLabels(version)) return [];
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      const customizations = Array.isArray(bundle.fleetYaml.targetCustomizations) ? (bundle.fleetYaml.targetCustomizations as Array<{ namespaceLabels?: Record<string, unknown> } | null>) : [];
      const places: Array<[string, unknown]> = [['namespaceLabels', bundle.fleetYaml.namespaceLabels], ...customizations.map((target, index): [string, unknown] => [`targetCustomizations[${index}].namespaceLabels`, target?.namespaceLabels])];
      for (const [field, labels] of places) {
        const keys = podSecurityKeys(labels && typeof labels === 'object' ? (labels as Record<string, unknown>) : undefined);
        if (keys.length === 0) continue;
        findings.push(
          error(this.id, bundle.fleetYamlFile, `Fleet ${version ?? '0.13.11+'} drops ${keys.map((key) => `${field}.${key}`).join(', ')}, so namespace ${String(bundle.fleetYaml.defaultNamespace ?? '(none)')} would get no Pod Security level`, {
            field,
            hint: 'set podSecurity on the bundle and declare the Namespace with that level in an RKE2 bundle',
          }),
        );
      }
    }
    return findings;
  },
};
