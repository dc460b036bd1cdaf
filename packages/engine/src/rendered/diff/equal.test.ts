import { describe, expect, it } from 'vitest';
import { deepEqual } from './equal.js';

describe('deepEqual', () => {
  it('ignores key order at every depth', () => {
    expect(deepEqual({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(true);
  });

  it('keeps array order: containers and args are ordered', () => {
    expect(deepEqual({ args: ['--a', '--b'] }, { args: ['--b', '--a'] })).toBe(false);
  });

  it('treats a key holding undefined as absent, on either side', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1, c: 2 })).toBe(false);
  });

  it('tells null from a missing key, and a string from a number', () => {
    expect(deepEqual({ a: null }, {})).toBe(false);
    expect(deepEqual({ port: '80' }, { port: 80 })).toBe(false);
  });

  it('compares Dates by time (js-yaml reads unquoted timestamps as Dates)', () => {
    expect(deepEqual({ at: new Date('2024-01-01T00:00:00Z') }, { at: new Date('2024-01-01T00:00:00Z') })).toBe(true);
    expect(deepEqual({ at: new Date('2024-01-01T00:00:00Z') }, { at: new Date('2025-01-01T00:00:00Z') })).toBe(false);
    expect(deepEqual({ at: new Date(0) }, { at: {} })).toBe(false);
  });

  it('tells an array from an object with the same entries', () => {
    expect(deepEqual({ a: ['x'] }, { a: { 0: 'x' } })).toBe(false);
    expect(deepEqual({ a: { 0: 'x' } }, { a: ['x'] })).toBe(false);
  });

  it('counts NaN equal to itself, so a value read twice compares equal', () => {
    expect(deepEqual({ a: Number.NaN }, { a: Number.NaN })).toBe(true);
  });
});
