import { gzipSync } from 'node:zlib';

/**
 * What etcd accepts in one request: its default --max-request-bytes is
 * 1.5 MiB, and every Kubernetes object is written in one request.
 */
export const ETCD_REQUEST_LIMIT_BYTES = 1.5 * 1024 * 1024;

/**
 * What this project lets the measured part of one stored object take: two
 * thirds of etcd's limit. The margin is for what is not measured yet: Fleet
 * adds the downloaded chart archive to the Bundle (rancher/fleet
 * internal/bundlereader/resources.go, addRemoteCharts), which needs the
 * chart itself to measure.
 */
export const MAX_MEASURED_OBJECT_BYTES = 1024 * 1024;

/**
 * Past this many bytes of JSON, `fleet apply` re-reads the bundle with its
 * resources gzipped and base64-encoded (rancher/fleet v0.13.15
 * internal/bundlereader/read.go, loadBundle: `size < 1000000`). Helm values
 * are never compressed.
 */
export const FLEET_COMPRESS_FROM_BYTES = 1_000_000;

type Values = Record<string, unknown>;

function isMap(value: unknown): value is Values {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Merges two values trees as Fleet does: maps merge key by key, anything
 * else in `over` replaces what `base` has (rancher/fleet v0.13.15
 * internal/bundlereader/resources.go, generateValues → mergeGenericMap →
 * data.MergeMaps, with each values file merged over helm.values).
 */
export function mergeValues(base: Values, over: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = merged[key];
    merged[key] = isMap(existing) && isMap(value) ? mergeValues(existing, value) : value;
  }
  return merged;
}

/**
 * Bytes of `spec.helm.values` in the Bundle: helm.values with every values
 * file merged over it, stored as uncompressed JSON (parseValuesFiles puts the
 * merge into helm.values; the values files are left out of the resources).
 */
export function storedHelmValuesBytes(values: Values | undefined, valuesFiles: readonly Values[]): number {
  const merged = valuesFiles.reduce<Values>((result, file) => mergeValues(result, file), values ?? {});
  return Buffer.byteLength(JSON.stringify(merged), 'utf8');
}

/**
 * Bytes the bundle's own files take in `Bundle.spec.resources`: as they are
 * up to Fleet's compression threshold, base64 of their gzip past it.
 */
export function storedResourcesBytes(contents: readonly string[]): number {
  const raw = contents.reduce((total, content) => total + Buffer.byteLength(content, 'utf8'), 0);
  if (raw < FLEET_COMPRESS_FROM_BYTES) return raw;
  return Math.ceil(gzipSync(contents.join('\n')).length / 3) * 4;
}

/** Bytes of one Kubernetes object as the API server stores it (JSON). */
export function storedObjectBytes(object: unknown): number {
  return Buffer.byteLength(JSON.stringify(object), 'utf8');
}

/** The message for an object that would not fit; `unmeasured` says what comes on top that is not counted. */
export function sizeMessage(what: string, bytes: number, unmeasured?: string): string {
  return (
    `${what} is ${bytes} bytes; etcd refuses a request over ${ETCD_REQUEST_LIMIT_BYTES} bytes (1.5 MiB), and this project keeps it under ${MAX_MEASURED_OBJECT_BYTES}` +
    (unmeasured ? ` because ${unmeasured}` : '')
  );
}

/** What a Fleet Helm Bundle holds on top of what is measured here. */
export const CHART_ARCHIVE_NOT_COUNTED = 'the chart archive Fleet adds to the same Bundle is not counted yet';

/** One file Fleet puts in `Bundle.spec.resources`: its name there and its bytes. */
export interface BundleFile {
  readonly name: string;
  readonly data: Buffer;
}

/**
 * Bytes of `Bundle.spec.resources` as `fleet apply` writes them: one entry
 * per file, `{"name":…,"content":…}` with the content as a JSON string when
 * it is valid UTF-8, else base64 of its gzip with `"encoding":"base64+gz"`
 * (rancher/fleet v0.13.15 internal/bundlereader/loaddirectory.go,
 * loadDirectory: `opts.compress || !utf8.Valid(data)`); and every entry that
 * way once the Bundle's JSON passes 1,000,000 bytes (read.go, loadBundle).
 * `otherBytes` is the rest of the Bundle's JSON (its values), which counts
 * toward that threshold but is never compressed.
 */
export function storedBundleResourcesBytes(files: readonly BundleFile[], otherBytes = 0): number {
  const entry = (file: BundleFile, compress: boolean): number => {
    const name = Buffer.byteLength(JSON.stringify(file.name), 'utf8');
    if (!compress && isUtf8(file.data)) return name + Buffer.byteLength(JSON.stringify(file.data.toString('utf8')), 'utf8') + '{"name":,"content":},'.length;
    return name + Math.ceil(gzipSync(file.data).length / 3) * 4 + 2 + '{"name":,"content":,"encoding":"base64+gz"},'.length;
  };
  const plain = files.reduce((total, file) => total + entry(file, false), 0);
  if (plain + otherBytes < FLEET_COMPRESS_FROM_BYTES) return plain;
  return files.reduce((total, file) => total + entry(file, true), 0);
}

function isUtf8(data: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}
