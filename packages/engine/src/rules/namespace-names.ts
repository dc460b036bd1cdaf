import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Namespaces are DNS labels (the API server refuses anything else), and one
 * that is not would also land as-is in places such as Kyverno's exception lists.
 */
export const namespaceNames: Rule = {
  id: 'namespace-name',
  summary: 'every namespace the tree names is a DNS label',
  check(view) {
    const findings: Finding[] = [];
    const check = (file: string, field: string, value: unknown) => {
      if (value === undefined) return;
      if (typeof value !== 'string' || value.length > 63 || !DNS_LABEL.test(value)) findings.push(error(this.id, file, `namespace "${String(value)}" is not a DNS label (lowercase letters, digits and -, at most 63)`, { field }));
    };
    for (const bundle of view.bundles) {
      check(bundle.fleetYamlFile, 'defaultNamespace', bundle.fleetYaml.defaultNamespace);
      check(bundle.fleetYamlFile, 'namespace', bundle.fleetYaml.namespace);
    }
    for (const { file, object } of view.documents) {
      check(file, 'metadata.namespace', object.metadata?.namespace);
      if (object.kind === 'HelmChart') check(file, 'spec.targetNamespace', (object.spec as { targetNamespace?: unknown } | undefined)?.targetNamespace);
    }
    return findings;
  },
};
