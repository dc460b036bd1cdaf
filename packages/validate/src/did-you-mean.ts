/**
 * The known word a typo most likely meant: within two edits (transposed or
 * doubled letters), or with a few letters dropped or added after the same
 * first letter (`imagePolicy` for `imagePullPolicy`). Otherwise no guess,
 * rather than a wrong one. Used for unknown fields and unknown flags.
 *
 * A dozen lines of Levenshtein instead of `leven` or `fastest-levenshtein`:
 * the candidate lists are a few dozen short words, so speed is irrelevant,
 * and the subsequence rule above is ours anyway; a dependency would add
 * install and supply-chain surface for no gain.
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    // Both rules below need lengths within 4 of each other; checking first
    // keeps a hostile 5 MB word from costing an edit distance per candidate.
    if (Math.abs(candidate.length - word.length) > 4) continue;
    const other = candidate.toLowerCase();
    const distance = editDistance(lower, other);
    const [short, long] = lower.length <= other.length ? [lower, other] : [other, lower];
    const close = distance <= Math.min(2, Math.floor(word.length / 3)) || (long.length - short.length <= 4 && short[0] === long[0] && isSubsequence(short, long));
    if (close && distance < bestScore) {
      best = candidate;
      bestScore = distance;
    }
  }
  return best;
}

function isSubsequence(short: string, long: string): boolean {
  let index = 0;
  for (const char of long) if (char === short[index]) index += 1;
  return index === short.length;
}

/** Edit distance with adjacent transpositions counting as one edit (optimal string alignment): `jsno` is one edit from `json`. */
export function editDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (before[j - 2] ?? 0) + 1);
      current[j] = best;
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
