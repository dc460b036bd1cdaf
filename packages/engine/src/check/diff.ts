import { createRequire } from 'node:module';

type JsDiff = typeof import('diff');
let jsdiff: JsDiff | undefined;

/** Most lines of one file's diff shown in a report; the rest is counted. */
export const MAX_DIFF_LINES = 300;

/**
 * A unified diff of the committed and the rendered text: real hunks with
 * `context` lines around each change, computed by jsdiff (the `diff`
 * package: maintained, no dependencies, used by Mocha and Jest). It is loaded
 * on first use, so a check with nothing stale never pays for it.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3, labels: readonly [string, string] = ['committed', 'rendered']): string {
  jsdiff ??= createRequire(import.meta.url)('diff') as JsDiff;
  const patch = jsdiff.createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, labels[0], labels[1], { context });
  // Drop jsdiff's "Index:" and "===" preamble; keep ---/+++ and the hunks.
  const lines = patch.split('\n').filter((line, index) => index > 1 || (!line.startsWith('Index: ') && !/^=+$/.test(line)));
  while (lines.at(-1) === '') lines.pop();
  return lines.length > MAX_DIFF_LINES ? [...lines.slice(0, MAX_DIFF_LINES), `... (${lines.length - MAX_DIFF_LINES} more diff lines: run npm run synth and git diff)`].join('\n') : lines.join('\n');
}
