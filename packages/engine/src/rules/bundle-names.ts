import { isValidBundleNameOverride } from '../fleet/names.js';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * Every Bundle of a GitRepo needs its own name. Fleet computes it from the
 * GitRepo name and the path (names.HelmReleaseName: dashes collapsed,
 * truncated to 53 with a hash), so two directories can collide, and a second
 * Bundle of one name silently replaces the first. A fleet.yaml `name:` is
 * used verbatim, also as the Helm release name, so it must be a DNS label of
 * at most 53 characters.
 */
export const bundleNames: Rule = {
  id: 'bundle-name',
  summary: 'bundle names are unique after Fleet computes them, and overrides are valid release names',
  check(view) {
    const findings: Finding[] = [];
    const seen = new Map<string, string>();
    for (const bundle of view.bundles) {
      const override = bundle.fleetYaml.name;
      if (override !== undefined && (typeof override !== 'string' || !isValidBundleNameOverride(override))) {
        findings.push(error(this.id, bundle.fleetYamlFile, `name override "${String(override)}" must be a DNS label of at most 53 characters`, { field: 'name', hint: 'Fleet uses it verbatim as a label value and Helm release name' }));
      }
      const clash = seen.get(bundle.name);
      if (clash) {
        findings.push(error(this.id, bundle.fleetYamlFile, `Fleet would name this bundle "${bundle.name}", the same as ${clash}; one would silently overwrite the other`, { hint: 'rename one directory (Fleet collapses repeated dashes and truncates names to 53 characters)' }));
      } else {
        seen.set(bundle.name, bundle.dir);
      }
    }
    return findings;
  },
};
