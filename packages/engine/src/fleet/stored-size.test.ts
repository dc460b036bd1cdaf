import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { ETCD_REQUEST_LIMIT_BYTES, FLEET_COMPRESS_FROM_BYTES, MAX_MEASURED_OBJECT_BYTES, mergeValues, storedBundleResourcesBytes, storedHelmValuesBytes, storedObjectBytes, storedResourcesBytes } from './stored-size.js';

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

describe('Bundle resources as fleet apply stores them, file by file', () => {
  const text = (name: string, content: string) => ({ name, data: Buffer.from(content, 'utf8') });
  /** What Fleet writes for an uncompressed UTF-8 file: one JSON object in the resources list, and its comma. */
  const asJson = (name: string, content: string) => Buffer.byteLength(JSON.stringify({ name, content }), 'utf8') + 1;

  it('stores valid UTF-8 as a JSON string, escapes included', () => {
    const files = [text('templates/a.yaml', 'kind: ConfigMap\n"quoted"\n'), text('.chart/x/app/values.yaml', 'é: 1\n')];
    expect(storedBundleResourcesBytes(files)).toBe(asJson('templates/a.yaml', 'kind: ConfigMap\n"quoted"\n') + asJson('.chart/x/app/values.yaml', 'é: 1\n'));
  });

  it('stores a file that is not UTF-8 as base64 of its gzip, however small the Bundle', () => {
    const blank = { name: 'files/blank.bin', data: Buffer.alloc(3_000_000, 0xff) };
    const stored = storedBundleResourcesBytes([blank]);
    // 3 MB of one byte gzips to a few KB: what is stored is that, not 3 MB (nor its UTF-8 replacement characters).
    expect(stored).toBeLessThan(20_000);
    expect(stored).toBeGreaterThan(Math.ceil(gzipSync(blank.data).length / 3) * 4);
  });

  it('compresses every file once the Bundle passes 1,000,000 bytes of JSON, values included', () => {
    const lines = Array.from({ length: 12_000 }, (_, index) => `key${index}: value ${index}\n`).join('');
    const under = storedBundleResourcesBytes([text('templates/big.yaml', lines)]);
    expect(under).toBeGreaterThan(200_000);
    expect(under).toBeLessThan(FLEET_COMPRESS_FROM_BYTES);
    // The same file, with values that push the Bundle over the threshold: now gzipped and base64.
    const over = storedBundleResourcesBytes([text('templates/big.yaml', lines)], FLEET_COMPRESS_FROM_BYTES);
    expect(over).toBeLessThan(under / 3);
  });
});
