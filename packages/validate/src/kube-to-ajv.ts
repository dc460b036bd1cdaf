import { atMostOneOf, exactlyOneOf, formatKeywords } from './formats.js';
import type { KubeSchema } from './schema-types.js';

/** ajv's view of a schema: plain JSON Schema plus `x-` annotations. */
export type { AjvSchema } from './schema-types.js';
import type { AjvSchema } from './schema-types.js';

/** Where core definitions live once added to ajv (see validator.ts). */
export const CORE_SCHEMA_ID = 'k8s-core';

export interface ConvertOptions {
  /** Reject fields the schema does not know (kubeconform -strict, kubectl --validate=strict). */
  strict: boolean;
}

/**
 * Turns a structural (CRD-style) schema into JSON Schema with the meaning the
 * API server gives it:
 * - an object schema without `x-kubernetes-preserve-unknown-fields` keeps only
 *   the fields it declares (the server prunes the rest), so in strict mode any
 *   other field is an error; below preserve-unknown-fields anything goes, but
 *   declared fields are still checked;
 * - `x-kubernetes-int-or-string` accepts an integer or a string;
 * - `x-kubernetes-embedded-resource` requires apiVersion and kind and allows
 *   metadata, whatever else the schema says;
 * - `nullable` admits null.
 */
export function kubeToAjv(schema: KubeSchema, options: ConvertOptions): AjvSchema {
  if (schema.$ref !== undefined) return { $ref: `${CORE_SCHEMA_ID}#/definitions/${schema.$ref}` };

  const out: AjvSchema = {};
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;

  let types: string[] | undefined;
  if (schema['x-kubernetes-int-or-string']) types = ['integer', 'string'];
  else if (schema.type) types = [schema.type];
  if (types && schema.nullable) types.push('null');
  if (types) out.type = types.length === 1 ? types[0] : types;

  if (schema.format !== undefined) {
    const keywords = formatKeywords(schema.format);
    // A quantity widens the type (JSON numbers are quantities too).
    if (keywords.type && schema.nullable) keywords.type = [...(keywords.type as string[]), 'null'];
    Object.assign(out, keywords);
  }
  if (schema.enum) out.enum = schema.nullable ? [...schema.enum, null] : [...schema.enum];
  for (const key of ['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'multipleOf', 'uniqueItems'] as const) {
    if (schema[key] !== undefined) out[key] = schema[key];
  }
  // OpenAPI 3.0's boolean exclusive bounds are JSON Schema's numeric ones.
  if (schema.exclusiveMinimum === true && typeof schema.minimum === 'number') {
    out.exclusiveMinimum = schema.minimum;
    delete out.minimum;
  }
  if (schema.exclusiveMaximum === true && typeof schema.maximum === 'number') {
    out.exclusiveMaximum = schema.maximum;
    delete out.maximum;
  }
  // Branches of allOf/anyOf/oneOf/not only constrain values the outer schema
  // already types (structural-schema rule), so they never forbid fields.
  const branch = (inner: KubeSchema) => kubeToAjv(inner, { ...options, strict: false });
  if (schema.allOf) out.allOf = schema.allOf.map(branch);
  if (schema.anyOf) out.anyOf = schema.anyOf.map(branch);
  if (schema.oneOf) out.oneOf = schema.oneOf.map(branch);
  if (schema.not) out.not = branch(schema.not);

  const properties: Record<string, AjvSchema> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    properties[name] = kubeToAjv(property, options);
  }
  const required = [...(schema.required ?? [])];
  if (schema['x-kubernetes-embedded-resource']) {
    properties.apiVersion ??= { type: 'string', minLength: 1 };
    properties.kind ??= { type: 'string', minLength: 1 };
    properties.metadata ??= { type: 'object' };
    for (const field of ['apiVersion', 'kind']) if (!required.includes(field)) required.push(field);
  }
  if (Object.keys(properties).length > 0) out.properties = properties;
  if (required.length > 0) out.required = required;

  if (typeof schema.additionalProperties === 'object') {
    out.additionalProperties = kubeToAjv(schema.additionalProperties, options);
  } else if (schema.additionalProperties !== true && options.strict && !preserve) {
    const isObject = schema.type === 'object' || schema.properties !== undefined;
    if (isObject) out.additionalProperties = false;
  }
  if (schema.items) out.items = kubeToAjv(schema.items, options);

  if (schema['x-exactly-one-of']) Object.assign(out, exactlyOneOf(schema['x-exactly-one-of']));
  if (schema['x-at-most-one-of']) Object.assign(out, atMostOneOf(schema['x-at-most-one-of']));
  return out;
}

/** All core definitions as one ajv schema document, referenced by `$ref`. */
export function coreDocument(definitions: Record<string, KubeSchema>, options: ConvertOptions): AjvSchema {
  const converted: Record<string, AjvSchema> = {};
  for (const [name, definition] of Object.entries(definitions)) converted[name] = kubeToAjv(definition, options);
  return { $id: CORE_SCHEMA_ID, definitions: converted };
}
