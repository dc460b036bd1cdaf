import type { TreeView } from './view.js';

/** The Fleet version that will read the tree: charts/fleet's pin. Unknown means the newest behaviour is assumed. */
export function fleetVersionOf(view: TreeView): string | undefined {
  return view.charts?.all().find((entry) => entry.id === 'fleet')?.version;
}
