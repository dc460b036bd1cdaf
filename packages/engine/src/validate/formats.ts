import type { Ajv, SchemaValidateFunction } from 'ajv';

/**
 * Value formats as the Kubernetes API server (and the controllers that parse
 * these fields) understand them, registered with ajv under the names the
 * OpenAPI documents use.
 */

// resource.Quantity: a signed decimal with a binary (Ki..Ei), decimal
// (n, u, m, k, M..E) or exponent suffix. `1GB` is not one.
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?(\d+(\.\d*)?|\.\d+)))?$/;

// time.ParseDuration: one or more number+unit pairs; `0` alone needs no unit.
// Days and weeks are not Go units, which is why `1d` fails at run time.
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function isQuantity(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && QUANTITY.test(value);
}

export function isGoDuration(value: string): boolean {
  return GO_DURATION.test(value);
}

/** What each format expects, in words, for error messages. */
export const FORMAT_DESCRIPTIONS: Record<string, string> = {
  duration: 'a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h; no d or w)',
  'date-time': 'an RFC 3339 timestamp such as 2024-01-31T12:00:00Z',
  byte: 'base64-encoded data',
  int32: 'a 32-bit integer',
  int64: 'a 64-bit integer',
  quantity: 'a Kubernetes quantity such as 500m, 128Mi, 1Gi or 2',
};

export function registerFormats(ajv: Ajv): void {
  ajv.addFormat('duration', { type: 'string', validate: isGoDuration });
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => RFC3339.test(value) });
  ajv.addFormat('byte', { type: 'string', validate: (value: string) => BASE64.test(value) });
  ajv.addFormat('int32', {
    type: 'number',
    validate: (value: number) => value >= INT32_MIN && value <= INT32_MAX,
  });
  ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isInteger(value) });
  ajv.addFormat('double', { type: 'number', validate: (value: number) => Number.isFinite(value) });
}

/**
 * Keywords: our own (`k8sQuantity`, `k8sExactlyOneOf`, `k8sAtMostOneOf`),
 * and the `x-kubernetes-*` annotations, declared so that a schema passed
 * through unconverted still compiles under ajv's strict mode.
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
    'x-exactly-one-of',
    'x-at-most-one-of',
  ]);

  ajv.addKeyword({
    keyword: 'k8sQuantity',
    schemaType: 'boolean',
    errors: true,
    validate: keywordValidator((_schema: boolean, data: unknown) =>
      isQuantity(data) ? [] : [{ keyword: 'format', message: '', params: { format: 'quantity' } }],
    ),
  });

  ajv.addKeyword({
    keyword: 'k8sExactlyOneOf',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: keywordValidator((fields: string[], data: Record<string, unknown>) => {
      const present = fields.filter((field) => data[field] !== undefined && data[field] !== null);
      return present.length === 1 ? [] : [{ keyword: 'k8sExactlyOneOf', message: '', params: { fields, present } }];
    }),
  });

  ajv.addKeyword({
    keyword: 'k8sAtMostOneOf',
    type: 'object',
    schemaType: 'array',
    errors: true,
    validate: keywordValidator((fields: string[], data: Record<string, unknown>) => {
      const present = fields.filter((field) => data[field] !== undefined && data[field] !== null);
      return present.length <= 1 ? [] : [{ keyword: 'k8sAtMostOneOf', message: '', params: { fields, present } }];
    }),
  });
}

interface KeywordError {
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

/**
 * Wraps a check returning its errors into the shape ajv calls for a
 * data-validating keyword: a function with an `errors` slot.
 */
function keywordValidator<S, D>(check: (schema: S, data: D) => KeywordError[]): SchemaValidateFunction {
  const validate: SchemaValidateFunction = (schema: S, data: D): boolean => {
    const errors = check(schema, data);
    if (errors.length > 0) validate.errors = errors;
    else delete validate.errors;
    return errors.length === 0;
  };
  return validate;
}
