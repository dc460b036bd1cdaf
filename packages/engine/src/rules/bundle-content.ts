import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * The project's convention, not a Fleet limit: a Helm bundle holds its chart
 * only, so what a release owns is exactly what the chart renders, and
 * manifests that depend on it go in a bundle that dependsOn it. A bundle with
 * neither a chart nor manifests deploys nothing.
 */
export const bundleContent: Rule = {
  id: 'bundle-content',
  summary: 'a Fleet bundle holds either a Helm chart or manifests, never both or neither',
  check(view) {
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      const helm = Boolean(bundle.fleetYaml.helm);
      if (helm && bundle.documents.length > 0) findings.push(error(this.id, bundle.fleetYamlFile, 'a Helm bundle cannot also hold manifests: Fleet deploys only the chart', { hint: 'move the manifests to a bundle of their own that depends on this one' }));
      if (!helm && bundle.documents.length === 0) findings.push(error(this.id, bundle.fleetYamlFile, 'the bundle has neither a Helm chart nor manifests'));
    }
    return findings;
  },
};
