import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * Fleet runs helm values through its own template pass unless
 * helm.disablePreProcess is set (internal/helmdeployer/template.go), so a
 * literal "${" in values is rewritten or breaks the deployment.
 */
export const preprocess: Rule = {
  id: 'preprocess',
  summary: 'values holding "${" set helm.disablePreProcess',
  check(view) {
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      const helm = bundle.fleetYaml.helm;
      if (!helm || helm.disablePreProcess === true) continue;
      if (JSON.stringify(helm.values ?? {}).includes('${')) findings.push(error(this.id, bundle.fleetYamlFile, 'helm.values contains "${" but the bundle does not set helm.disablePreProcess', { field: 'helm.values' }));
      for (const file of bundle.valuesFiles) {
        if ((view.tree.get(file) ?? '').includes('${')) findings.push(error(this.id, file, 'contains "${", which Fleet would treat as a template, but the bundle does not set helm.disablePreProcess', { hint: 'remove it, or set disablePreProcess on the bundle' }));
      }
    }
    return findings;
  },
};
