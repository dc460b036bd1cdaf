import { posix } from 'node:path';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * Fleet reads helm.valuesFiles relative to the bundle directory and only
 * from files packed into the Bundle; it also drops from the Bundle's
 * resources every file whose base name matches a values file
 * (internal/bundlereader), so names must be unique and never values.yaml.
 */
export const valuesFiles: Rule = {
  id: 'values-inside-bundle',
  summary: 'values files live inside their bundle, exist, and have unique base names',
  check(view) {
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      const names = bundle.fleetYaml.helm?.valuesFiles;
      if (!Array.isArray(names)) continue;
      const bases = new Set<string>();
      for (const name of names.map(String)) {
        const resolved = posix.normalize(`${bundle.dir}/${name}`);
        if (name.startsWith('/') || !resolved.startsWith(`${bundle.dir}/`)) findings.push(error(this.id, bundle.fleetYamlFile, `values file ${name} is outside the bundle`, { field: 'helm.valuesFiles' }));
        else if (!view.tree.has(resolved)) findings.push(error(this.id, bundle.fleetYamlFile, `values file ${name} does not exist`, { field: 'helm.valuesFiles' }));
        const base = posix.basename(name);
        if (base === 'values.yaml' || bases.has(base)) findings.push(error(this.id, bundle.fleetYamlFile, `values file base name ${base} is not unique (Fleet drops files by base name)`, { field: 'helm.valuesFiles' }));
        bases.add(base);
      }
    }
    return findings;
  },
};
