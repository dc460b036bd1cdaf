import { describe, expect, it } from 'vitest';
import { ETCD_REQUEST_LIMIT_BYTES, FLEET_COMPRESS_FROM_BYTES, MAX_MEASURED_OBJECT_BYTES, mergeValues, storedHelmValuesBytes, storedObjectBytes, storedResourcesBytes } from './stored-size.js';

describe('what a bundle stores in etcd', () => {
  it('keeps a margin under etcd\'s 1.5 MiB request limit', () => {
    expect(ETCD_REQUEST_LIMIT_BYTES).toBe(1_572_864);
    expect(MAX_MEASURED_OBJECT_BYTES).toBeLessThan(ETCD_REQUEST_LIMIT_BYTES);
  });

  it('merges values files over helm.values as Fleet does: maps key by key, anything else replaced', () => {
    const values = { a: { b: 1, c: [1, 2] }, d: 'x', e: { f: 1 } };
    const file = { a: { c: [3], g: true }, d: { now: 'a map' }, e: null };
    expect(mergeValues(values, file)).toEqual({ a: { b: 1, c: [3], g: true }, d: { now: 'a map' }, e: null });
    expect(values).toEqual({ a: { b: 1, c: [1, 2] }, d: 'x', e: { f: 1 } });
  });

  it('counts helm.values as uncompressed JSON of the merge, whatever it compresses to', () => {
    const big = { blob: 'a'.repeat(2_000_000) };
    expect(storedHelmValuesBytes(undefined, [big])).toBe(JSON.stringify(big).length);
    expect(storedHelmValuesBytes({ x: 'é' }, [])).toBe(Buffer.byteLength('{"x":"é"}'));
    // A key set in both is stored once, as the file has it.
    expect(storedHelmValuesBytes({ k: 'long value from config' }, [{ k: 'v' }])).toBe('{"k":"v"}'.length);
  });

  it('counts bundle files as they are below Fleet\'s compression threshold and gzipped plus base64 above it', () => {
    expect(storedResourcesBytes(['abc', 'déf'])).toBe(3 + 4);
    const repetitive = 'kind: ConfigMap\n'.repeat(Math.ceil(FLEET_COMPRESS_FROM_BYTES / 16));
    const stored = storedResourcesBytes([repetitive]);
    expect(stored).toBeLessThan(repetitive.length / 10);
    expect(stored % 4).toBe(0);
  });

  it('counts an object as its JSON', () => {
    expect(storedObjectBytes({ kind: 'HelmChart', spec: { valuesContent: 'x' } })).toBe('{"kind":"HelmChart","spec":{"valuesContent":"x"}}'.length);
  });
});
