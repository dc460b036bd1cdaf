import type { Ajv } from 'ajv';

import type { AjvSchema } from './schema-types.js';

/**
 * Value formats as the Kubernetes API server (and the controllers that parse
 * these fields) understand them. They are expressed in plain JSON Schema
 * (`pattern`, bounds) rather than as ajv format functions, so that compiled
 * validators are self-contained and can be generated ahead of time
 * (see core/build.ts). `x-format` keeps the name for error messages.
 */

// resource.Quantity: a signed decimal with a binary (Ki..Ei), decimal
// (n, u, m, k, M..E) or exponent suffix. `1GB` is not one.
const QUANTITY = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)))?$';

// time.ParseDuration: one or more number+unit pairs; `0` alone needs no unit.
// Days and weeks are not Go units, which is why `1d` fails at run time.
const GO_DURATION = '^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$';

const RFC3339 = '^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$';
const BASE64 = '^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';

const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };

const quantityPattern = new RegExp(QUANTITY, 'u');
const durationPattern = new RegExp(GO_DURATION, 'u');

export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && quantityPattern.test(value);
}

export function isGoDuration(value: string): boolean {
  return durationPattern.test(value);
}

/** What each format expects, in words, for error messages. */
export const FORMAT_DESCRIPTIONS: Record<string, string> = {
  duration: 'a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h; no d or w)',
  'date-time': 'an RFC 3339 timestamp such as 2024-01-31T12:00:00Z',
  byte: 'base64-encoded data',
  quantity: 'a Kubernetes quantity such as 500m, 128Mi, 1Gi or 2',
};

/**
 * The JSON Schema keywords that check a format, merged into the converted
 * schema. A quantity may also be a JSON number, so it widens the type.
 */
export function formatKeywords(format: string): AjvSchema {
  switch (format) {
    case 'quantity':
      return { type: ['number', 'string'], pattern: QUANTITY, 'x-format': 'quantity' };
    case 'duration':
      return { pattern: GO_DURATION, 'x-format': 'duration' };
    case 'date-time':
      return { pattern: RFC3339, 'x-format': 'date-time' };
    case 'byte':
      return { pattern: BASE64, 'x-format': 'byte' };
    case 'int32':
      return { ...INT32 };
    default:
      // int64, double and the like add nothing a JSON type does not check.
      return {};
  }
}

/** Exactly one of `fields` is set; upstream checks this in webhooks. */
export function exactlyOneOf(fields: readonly string[]): AjvSchema {
  return { oneOf: fields.map((field) => ({ required: [field] })), 'x-exactly-one-of': [...fields] };
}

/** At most one of `fields` is set: no two of them together. */
export function atMostOneOf(fields: readonly string[]): AjvSchema {
  const pairs: string[][] = [];
  fields.forEach((first, index) => fields.slice(index + 1).forEach((second) => pairs.push([first, second])));
  return { not: { anyOf: pairs.map((pair) => ({ required: pair })) }, 'x-at-most-one-of': [...fields] };
}

/**
 * Declares the annotation keywords so ajv's strict mode does not choke on
 * them: the `x-kubernetes-*` vocabulary (for a schema passed through as is)
 * and our `x-*` markers that messages.ts reads back.
 */
export function registerKeywords(ajv: Ajv): void {
  ajv.addVocabulary([
    'x-kubernetes-int-or-string',
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-embedded-resource',
    'x-kubernetes-list-type',
    'x-kubernetes-list-map-keys',
    'x-kubernetes-map-type',
    'x-kubernetes-validations',
    'x-format',
    'x-exactly-one-of',
    'x-at-most-one-of',
  ]);
}
