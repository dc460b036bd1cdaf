import type { AnyPhaseDefinition } from '../model/platform.js';
import type { Io } from './io.js';

/** What every command runs against: the checkout, the platform's phases, and where output goes. */
export interface CliContext {
  /** Repository root (where cluster.yaml, charts/, dist/ and fleet/ live). */
  readonly root: string;
  /** The platform's phases, in rollout order. */
  readonly phases: readonly AnyPhaseDefinition[];
  readonly io?: Io;
}
