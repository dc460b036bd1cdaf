import { PlatformError } from '../errors.js';
import { excerpt } from '../yaml/yaml.js';
import { closest } from '@platform/validate';
import { HELM_RELEASE_NAME as RELEASE_NAME } from '../fleet/names.js';

/**
 * What one option of a phase-code constructor must be. Phase code is
 * TypeScript, but a cast, a value from a loop or plain JavaScript reaches
 * run time unchecked, and a misspelt key (`namespce:`) would otherwise render
 * a bundle without a namespace, silently.
 */
export type OptionRule =
  | 'string'
  | 'boolean'
  | 'object'
  | 'array'
  /** A namespace or label-like name: RFC 1123 label, at most 63. */
  | 'dns-label'
  /** A Helm release name: Helm 3's pattern (lowercase, digits, - and .), at most 53. */
  | 'release-name'
  | ((value: unknown) => string | undefined);

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks `options` against `rules`: unknown keys, wrong types and invalid names each give one message naming the option. */
export function checkOptions(options: unknown, rules: Readonly<Record<string, OptionRule>>, where: { file: string; what: string }): void {
  if (options === undefined) return;
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw new PlatformError(`${where.what}: options must be an object`, { file: where.file });
  for (const [key, value] of Object.entries(options)) {
    const rule = rules[key];
    if (!rule) {
      const known = Object.keys(rules);
      const near = closest(key, known);
      throw new PlatformError(`${where.what}: unknown option "${excerpt(key)}"${near ? ` (did you mean ${near}?)` : ''}`, { file: where.file, hint: `options: ${known.join(', ')}` });
    }
    if (value === undefined) continue;
    const problem = typeof rule === 'function' ? rule(value) : checkRule(rule, value);
    if (problem) throw new PlatformError(`${where.what}: option ${key}: ${problem}`, { file: where.file });
  }
}

function checkRule(rule: Exclude<OptionRule, (value: unknown) => unknown>, value: unknown): string | undefined {
  const shown = typeof value === 'string' ? `"${excerpt(value)}"` : excerpt(JSON.stringify(value) ?? String(value));
  switch (rule) {
    case 'string':
      return typeof value === 'string' ? undefined : `expected a string, got ${shown}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${shown}`;
    case 'array':
      return Array.isArray(value) ? undefined : `expected a list, got ${shown}`;
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) ? undefined : `expected an object, got ${shown}`;
    case 'dns-label':
      return typeof value === 'string' && value.length <= 63 && DNS_LABEL.test(value) ? undefined : `got ${shown}, expected a DNS label (lowercase letters, digits and -, at most 63)`;
    case 'release-name':
      return typeof value === 'string' && value.length <= 53 && RELEASE_NAME.test(value)
        ? undefined
        : `got ${shown}, expected a Helm release name (lowercase letters, digits, - and ., at most 53: Helm refuses others)`;
  }
}
