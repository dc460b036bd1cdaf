import { validate } from '@platform/validate';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * Every object and every fleet.yaml validates strictly (unknown fields are
 * errors) against the schemas of the cluster's Kubernetes version and the
 * pinned CRDs. The API server and Fleet drop unknown fields silently, which is
 * how a misspelt key ships and does nothing.
 */
export const schema: Rule = {
  id: 'schema',
  summary: "objects and fleet.yaml files are valid, strictly, for the cluster's Kubernetes version",
  check(view) {
    const inputs = [...view.tree].filter(([path]) => /\.ya?ml$/.test(path)).map(([path, content]) => ({ path, content }));
    const report = validate(inputs, { strict: true, kubernetesVersion: view.kubernetesVersion });
    const findings: Finding[] = [];
    for (const file of report.files) {
      for (const resource of file.resources) {
        for (const problem of resource.errors) {
          const at = [problem.resource, problem.path].filter(Boolean).join(': ');
          findings.push(error(this.id, file.path, `${at ? `${at}: ` : ''}${problem.message} (${resource.status})`, problem.line ? { line: problem.line } : {}));
        }
      }
    }
    return findings;
  },
};
