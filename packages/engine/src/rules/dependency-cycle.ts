import { dependsOn, dependencyEdges } from './depends-on.js';
import { error } from './finding.js';
import { findCycle } from './graph.js';
import type { Rule } from './rule.js';

/** Bundles that depend on each other in a circle all wait for one another forever. */
export const dependencyCycle: Rule = {
  id: 'dependency-cycle',
  summary: 'the dependsOn graph has no cycle',
  check(view) {
    const edges = dependencyEdges(view);
    const cycle = findCycle([...edges.keys()], (bundle) => edges.get(bundle) ?? []);
    if (!cycle?.[0]) return [];
    return [error(this.id, cycle[0].fleetYamlFile, `dependency cycle: ${cycle.map((bundle) => bundle.dir).join(' -> ')}`, { field: 'dependsOn', hint: `remove one of the dependencies (see also ${dependsOn.id})` })];
  },
};
