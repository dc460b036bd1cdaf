import type { Finding } from './finding.js';
import type { TreeView } from './view.js';

/**
 * One check of a rendered tree. Synth runs every rule before it writes and
 * refuses on any error; check runs the same rules on the committed tree. A
 * rule reads only the view of the files, so it also catches hand edits.
 */
export interface Rule {
  /** Short, stable id, e.g. `depends-on`. */
  readonly id: string;
  /** What the rule protects against, in one sentence (and where the behaviour lives upstream). */
  readonly summary: string;
  check(view: TreeView): Finding[];
}

/** One check across every cluster's tree: what no single cluster can see (two clusters on one Fleet). */
export interface InventoryRule {
  readonly id: string;
  readonly summary: string;
  check(views: readonly TreeView[]): Finding[];
}
