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
