import { excerpt } from '../yaml/yaml.js';
import { stringHits } from './rules/index.js';

/**
 * A user's value as an error message may show it: cut short, and not at all
 * when it looks like a credential. A token pasted into the wrong field fails
 * that field's check first, and its message must not print it to a CI log.
 */
export function quoteValue(value: string, max = 60): string {
  return stringHits(value).length > 0 ? '(a value that looks like a credential, not shown)' : JSON.stringify(excerpt(value, max));
}
