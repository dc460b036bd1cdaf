import { dependencyEdges } from './depends-on.js';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/** Phases roll out in order; a dependency on a later phase inverts the rollout the platform documents. */
export const phaseOrder: Rule = {
  id: 'phase-order',
  summary: 'dependencies point to the same or an earlier phase',
  check(view) {
    const findings: Finding[] = [];
    for (const [bundle, targets] of dependencyEdges(view)) {
      for (const target of targets) {
        if (view.phaseOf(target.dir) > view.phaseOf(bundle.dir)) {
          findings.push(error(this.id, bundle.fleetYamlFile, `depends on ${target.dir} from the later phase "${view.layout.phaseOf(target.dir) ?? ''}"`, { field: 'dependsOn', hint: 'dependencies may only point to the same or an earlier phase' }));
        }
      }
    }
    return findings;
  },
};
