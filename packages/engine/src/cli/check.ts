import type { CliContext } from './main.js';

/** Placeholder until the CI-gate issue lands. */
export function runCheck(_args: string[], context: Required<CliContext>): number {
  context.io.stderr('check: not implemented yet\n');
  return 2;
}
