import type { RenderCache } from '../cache/render-cache.js';
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

/** What runCli is given: a CliContext whose phases may be loaded on demand, and a render cache to use. */
export interface CliOptions extends Omit<CliContext, 'phases'> {
  /** The phases, or a function that imports them (only commands that render call it). */
  readonly phases: readonly AnyPhaseDefinition[] | (() => Promise<readonly AnyPhaseDefinition[]>);
  /** Where synth and check may keep renders, keyed by the code and every input; none when omitted (tests). */
  readonly renderCache?: RenderCache | undefined;
}
