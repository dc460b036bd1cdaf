import { createRequire } from 'node:module';

type JsDiff = typeof import('diff');
let jsdiff: JsDiff | undefined;

/** One object's unified diff and its size. */
export interface UnifiedDiff {
  /** `---`/`+++` headers and hunks, `\n`-separated, no trailing newline; capped. */
  readonly text: string;
  readonly linesAdded: number;
  readonly linesRemoved: number;
  /** Diff lines left out by the cap (0 when none). */
  readonly cutLines: number;
}

/**
 * Past this many edits jsdiff gives up (its maxEditLength, deterministic
 * unlike its timeout) and the object is shown as replaced: a diff that large
 * is no easier to read as hunks, and Myers' algorithm is quadratic in it.
 */
const MAX_EDIT_LENGTH = 20_000;

/**
 * A unified diff of two YAML texts computed by jsdiff (the `diff` package the
 * engine already uses for check's file diffs), loaded on first use so a run
 * with nothing changed never pays for it. An empty side is `/dev/null`, as
 * in git. At most `maxLines` diff lines are kept; the rest are counted.
 */
export function unifiedDiff(before: string, after: string, names: { base: string; head: string }, context: number, maxLines: number): UnifiedDiff {
  // An object added or removed is one hunk of every line; no need to search for a shortest edit.
  const hunks = before === '' || after === '' ? [replacement(before, after)] : changedHunks(before, after, names, context);
  const lines = [`--- ${before === '' ? '/dev/null' : names.base}`, `+++ ${after === '' ? '/dev/null' : names.head}`];
  let linesAdded = 0;
  let linesRemoved = 0;
  for (const hunk of hunks) {
    lines.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`);
    for (const line of hunk.lines) {
      if (line.startsWith('+')) linesAdded += 1;
      else if (line.startsWith('-')) linesRemoved += 1;
      lines.push(line);
    }
  }
  const cutLines = Math.max(0, lines.length - maxLines);
  return { text: (cutLines > 0 ? lines.slice(0, maxLines) : lines).join('\n'), linesAdded, linesRemoved, cutLines };
}

function changedHunks(before: string, after: string, names: { base: string; head: string }, context: number): Hunk[] {
  jsdiff ??= createRequire(import.meta.url)('diff') as JsDiff;
  const patch = jsdiff.structuredPatch(names.base, names.head, before, after, undefined, undefined, { context, maxEditLength: MAX_EDIT_LENGTH });
  return patch?.hunks ?? [replacement(before, after)];
}

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** A hunk that removes every line of `before` and adds every line of `after`. */
function replacement(before: string, after: string): Hunk {
  const split = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const old = split(before);
  const next = split(after);
  return { oldStart: 1, oldLines: old.length, newStart: 1, newLines: next.length, lines: [...old.map((line) => `-${line}`), ...next.map((line) => `+${line}`)] };
}

/** A hunk range as jsdiff's formatPatch prints it: `start,count`, and `start-1,0` for an empty side (the line before which it is empty). */
function range(start: number, count: number): string {
  return count === 0 ? `${start - 1},0` : `${start},${count}`;
}
