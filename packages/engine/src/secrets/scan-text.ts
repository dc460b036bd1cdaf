import type { SecretFinding } from './finding.js';
import { stringHits } from './rules/index.js';

/**
 * Scans the bytes of a file with the string rules: what the parsed scan
 * cannot see (comments, a duplicate key's lost value, text that is not YAML
 * at all). The rules run once over the whole text (not line by line, which
 * costs a regex pass per line); findings name the line and cannot be
 * allow-listed: a comment is rephrased, not excused.
 */
export function scanText(file: string, text: string): SecretFinding[] {
  const hits = stringHits(text);
  if (hits.length === 0) return [];
  const starts = lineStarts(text);
  return hits.map((hit) => ({ file, path: `line ${lineOf(starts, hit.index)}`, what: hit.what, match: hit.match }));
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** 1-based line of a character offset (binary search over line starts). */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
