import type { StringRule } from './hit.js';

/**
 * Random-looking tokens: generated passwords and keys of any vendor. A token is
 * what lies between spaces, quotes and `,;=()[]{}<>` (a `/`, `+` or `:` stays
 * inside, so AWS and Azure keys, webhook paths and passwords with a slash are
 * one token). It counts as random when it is 16 to 1024 characters long, mixes
 * at least three of lowercase, uppercase, digits and symbols (`.`, `-`, `_`,
 * `/`, `:` and `@` are separators and count as none, so hostnames, paths,
 * label keys, chart names, image references and `sha256:` digests stay out), switches class often (random
 * text switches at about 60 % of positions, camelCase words at 10 to 25 %),
 * is not mostly words (runs of four or more lowercase letters), and has
 * near-maximal Shannon entropy for its length.
 */
const MIN_LENGTH = 16;
const MAX_LENGTH = 1024;
// Bounded: V8's regex engine keeps one backtrack entry per repetition and throws RangeError on a
// multi-megabyte run. A run longer than MAX_LENGTH is skipped whole below, as it was never a token.
const TOKEN = new RegExp(`[^\\s"'\`,;=()[\\]{}<>]{${MIN_LENGTH},${MAX_LENGTH}}`, 'g');
const TOKEN_CHARACTER = /[^\s"'`,;=()[\]{}<>]/;

/** Random-looking tokens in `text`; see the rule above. */
export const highEntropy: StringRule = (text) => {
  const hits: ReturnType<StringRule> = [];
  const pattern = new RegExp(TOKEN);
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    let end = pattern.lastIndex;
    if (end < text.length && TOKEN_CHARACTER.test(text[end] ?? '')) {
      // Longer than any key: skip the rest of the run without regex backtracking.
      while (end < text.length && TOKEN_CHARACTER.test(text[end] ?? '')) end += 1;
      pattern.lastIndex = end;
      continue;
    }
    const token = match[0].replace(/^[:@#]+|[:.]+$/g, '');
    if (looksRandom(token)) {
      hits.push({ what: 'a random-looking password or key', match: token, index: match.index });
      continue;
    }
    // A URL is judged by its parts: a token in a webhook path, a query value or a fragment hides among words otherwise.
    if (token.includes('://') || token.includes('/')) {
      const part = token.split(/[/?#&=]+/).find((segment) => looksRandom(segment));
      if (part) hits.push({ what: 'a random-looking password or key (in a URL)', match: part, index: match.index + match[0].indexOf(part) });
    }
  }
  return hits;
};

const CLASS_TESTS = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9._/:@-]/];

type CharClass = 'lower' | 'upper' | 'digit' | 'symbol' | 'separator';

function classOf(character: string): CharClass {
  if (character >= 'a' && character <= 'z') return 'lower';
  if (character >= 'A' && character <= 'Z') return 'upper';
  if (character >= '0' && character <= '9') return 'digit';
  return '._/:@-'.includes(character) ? 'separator' : 'symbol';
}

/** Whether `token` looks generated rather than written: see {@link highEntropy}. */
export function looksRandom(token: string): boolean {
  const body = token.replace(/=+$/, '');
  if (body.length < MIN_LENGTH || body.length > MAX_LENGTH) return false;
  // Native regex tests first: most long tokens (URLs, paths, image references) fail here, before any per-character loop.
  if (CLASS_TESTS.filter((test) => test.test(body)).length < 3) return false;
  const classes = new Set<CharClass>();
  let switches = 0;
  let previous: CharClass | undefined;
  let counted = 0;
  for (const character of body) {
    const kind = classOf(character);
    if (kind === 'separator') continue;
    classes.add(kind);
    if (previous !== undefined && kind !== previous) switches += 1;
    previous = kind;
    counted += 1;
  }
  if (classes.size < 3 || counted < MIN_LENGTH - 2) return false;
  if (switches / (counted - 1) < 0.3) return false;
  // Words give written identifiers away (Standard_D2ads_v5, PodMonitor2Selector): random text rarely has 4 lowercase letters in a row.
  const wordy = [...body.matchAll(/[A-Z]?[a-z]{4,}/g)].reduce((sum, match) => sum + match[0].length, 0);
  if (wordy / counted >= 0.4) return false;
  return entropy(body) >= Math.min(4.2, 0.8 * Math.log2(body.length));
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / text.length) * Math.log2(count / text.length);
  return bits;
}
