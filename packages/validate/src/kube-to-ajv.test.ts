import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

import { registerKeywords } from './formats.js';
import { kubeToAjv } from './kube-to-ajv.js';
import type { KubeSchema } from './schema-types.js';

function accepts(schema: KubeSchema, value: unknown, strict = true): boolean {
  const ajv = new Ajv({ strict: false, allErrors: true });
  registerKeywords(ajv);
  return ajv.compile(kubeToAjv(schema, { strict }))(value);
}

describe('kubeToAjv: structural schema semantics', () => {
  const closed: KubeSchema = { type: 'object', properties: { a: { type: 'string' } } };

  it('closes objects in strict mode only, as pruning would', () => {
    expect(accepts(closed, { a: 'x', b: 1 })).toBe(false);
    expect(accepts(closed, { a: 'x', b: 1 }, false)).toBe(true);
    // An object with no properties keeps nothing, unless it preserves unknown fields.
    expect(accepts({ type: 'object' }, { b: 1 })).toBe(false);
  });

  it('lets anything through below x-kubernetes-preserve-unknown-fields, but checks declared fields', () => {
    const open: KubeSchema = { ...closed, 'x-kubernetes-preserve-unknown-fields': true };
    expect(accepts(open, { a: 'x', b: { deep: [1, 2] } })).toBe(true);
    expect(accepts(open, { a: 1 })).toBe(false);
  });

  it('takes an integer or a string for x-kubernetes-int-or-string, nothing else', () => {
    const schema: KubeSchema = { 'x-kubernetes-int-or-string': true };
    expect([1, '50%', 1.5, true, null].map((value) => accepts(schema, value))).toEqual([true, true, false, false, false]);
    expect(accepts({ ...schema, nullable: true }, null)).toBe(true);
  });

  it('requires apiVersion and kind in an x-kubernetes-embedded-resource and allows metadata', () => {
    const embedded: KubeSchema = {
      type: 'object',
      'x-kubernetes-embedded-resource': true,
      properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
    };
    expect(accepts(embedded, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { x: 1 } })).toBe(true);
    expect(accepts(embedded, { kind: 'Pod', spec: {} })).toBe(false);
    expect(accepts(embedded, { apiVersion: 'v1', kind: 'Pod', other: 1 })).toBe(false);
  });

  it('checks quantities and Go durations, and the one-of rules', () => {
    expect(accepts({ format: 'quantity' }, 2)).toBe(true);
    expect(accepts({ format: 'quantity' }, '1GB')).toBe(false);
    expect(accepts({ type: 'string', format: 'duration' }, '1h')).toBe(true);
    expect(accepts({ type: 'string', format: 'duration' }, '1d')).toBe(false);
    const one: KubeSchema = { type: 'object', 'x-exactly-one-of': ['a', 'b'], properties: { a: {}, b: {} } };
    expect([{ a: 1 }, {}, { a: 1, b: 2 }].map((value) => accepts(one, value))).toEqual([true, false, false]);
    const most: KubeSchema = { type: 'object', 'x-at-most-one-of': ['a', 'b', 'c'], properties: { a: {}, b: {}, c: {} } };
    expect([{}, { c: 1 }, { a: 1, c: 1 }].map((value) => accepts(most, value))).toEqual([true, true, false]);
  });
});

describe('kubeToAjv: the rest of the CRD schema keywords', () => {
  it('reads OpenAPI 3.0 boolean exclusive bounds as JSON Schema numeric ones', () => {
    const range: KubeSchema = { type: 'integer', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true };
    expect([0, 1, 9, 10].map((value) => accepts(range, value))).toEqual([false, true, true, false]);
    const inclusive: KubeSchema = { type: 'integer', minimum: 0, maximum: 10 };
    expect([0, 10].map((value) => accepts(inclusive, value))).toEqual([true, true]);
  });

  it('checks maxItems, uniqueItems, min/maxProperties and multipleOf', () => {
    expect(accepts({ type: 'array', items: { type: 'string' }, maxItems: 1 }, ['a', 'b'])).toBe(false);
    expect(accepts({ type: 'array', items: { type: 'string' }, uniqueItems: true }, ['a', 'a'])).toBe(false);
    expect(accepts({ type: 'object', additionalProperties: { type: 'string' }, minProperties: 1 }, {})).toBe(false);
    expect(accepts({ type: 'object', additionalProperties: { type: 'string' }, maxProperties: 1 }, { a: 'x', b: 'y' })).toBe(false);
    expect(accepts({ type: 'integer', multipleOf: 5 }, 12)).toBe(false);
  });

  it('lets allOf/anyOf/oneOf/not branches constrain values without closing objects, even in strict mode', () => {
    const either: KubeSchema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'string' } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
    };
    expect(accepts(either, { a: 'x' })).toBe(true);
    expect(accepts(either, { a: 'x', b: 'y' })).toBe(false);
    expect(accepts(either, {})).toBe(false);
    const branchWithProperties: KubeSchema = {
      type: 'object',
      properties: { a: { type: 'string' }, b: { type: 'integer' } },
      anyOf: [{ properties: { a: { minLength: 2 } } }],
    };
    expect(accepts(branchWithProperties, { a: 'xy', b: 1 })).toBe(true);
    expect(accepts(branchWithProperties, { a: 'x', b: 1 })).toBe(false);
    expect(accepts({ type: 'string', not: { enum: ['forbidden'] } }, 'forbidden')).toBe(false);
  });
});
