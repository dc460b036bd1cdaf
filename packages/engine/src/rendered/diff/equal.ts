/**
 * Structural equality of parsed YAML/JSON: key order is irrelevant (the
 * writer sorts keys anyway) and a key holding `undefined` counts as absent,
 * as it does in every serialisation. Most objects do not change between two
 * renders, so this is what the diff spends most of its time on: it stops at
 * the first difference, never serialises, and walks keys with `for...in`
 * (no key arrays allocated; parsed objects have no enumerable inherited keys).
 * Dates (js-yaml reads unquoted timestamps as Date) compare by time.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) if (!deepEqual(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    const value = left[key];
    if (value === undefined) continue;
    count += 1;
    if (!Object.hasOwn(right, key) || !deepEqual(value, right[key])) return false;
  }
  for (const key in right) if (right[key] !== undefined) count -= 1;
  return count === 0;
}
