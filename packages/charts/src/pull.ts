import { CacheWriter, cachedChartPath, sweepStaleTemps } from './cache.js';
import { indexDigest } from './digest.js';
import { ChartError, ChartErrors } from './errors.js';
import { DownloadFailure, download } from './http.js';
import type { Mirror } from './mirror.js';
import { loadChartPins, selectPins, type ChartPin } from './pins.js';
import { lookupEntry, ociError, repositoryError } from './resolve.js';
import { manifestUrl, OciClient, ociTarget } from './oci.js';
import { RepositoryIndexes } from './repository.js';
import { redactUrl } from './url.js';
import { versionWithDigest } from './index-file.js';

/** What pull reports as it goes. The callback is awaited, so a caller can pace the pull (tests stop it at each step). */
export type PullEvent =
  | { readonly type: 'cached'; readonly chart: string; readonly path: string }
  | { readonly type: 'index'; readonly chart: string; readonly url: string }
  | { readonly type: 'download'; readonly chart: string; readonly url: string }
  /** The whole archive is in a temporary file and matches the lock; next it is renamed into the cache. */
  | { readonly type: 'written'; readonly chart: string; readonly temp: string }
  | { readonly type: 'stored'; readonly chart: string; readonly path: string };

export interface PullOptions {
  /** The cache directory (chartCacheDir() gives the default). */
  readonly cacheDir: string;
  /** One base URL for every repository (parseMirror). */
  readonly mirror?: Mirror | undefined;
  /** Only these chart ids (all when undefined). */
  readonly only?: readonly string[] | undefined;
  readonly maxIndexBytes?: number | undefined;
  readonly idleTimeoutMs?: number | undefined;
  /** Downloads at a time; 4 by default. */
  readonly concurrency?: number | undefined;
  readonly onEvent?: ((event: PullEvent) => void | Promise<void>) | undefined;
}

/** One chart's archive, in the cache and verified. */
export interface PulledChart {
  readonly id: string;
  readonly file: string;
  readonly chart: string;
  readonly version: string;
  readonly digest: string;
  /** The archive in the cache: `<cache>/sha256/<hex>.tgz`. */
  readonly path: string;
  /** `cache`: it was there already and nothing was asked of the network. */
  readonly source: 'cache' | 'download';
  /** Bytes downloaded (0 for a cache hit). */
  readonly bytes: number;
  /** Where it was downloaded from (credentials removed). */
  readonly url?: string;
}

export interface PullResult {
  readonly cacheDir: string;
  /** Sorted by chart id. */
  readonly charts: readonly PulledChart[];
}

/** Pulls every chart pinned under `<root>/charts` (or `options.only`): see pullPins. */
export async function pullCharts(root: string, options: PullOptions): Promise<PullResult> {
  return pullPins(selectPins(loadChartPins(root), options.only), options);
}

/**
 * Brings each pin's archive into the cache, verified against its locked
 * digest. A pin already cached with the right bytes asks nothing of the
 * network. Otherwise the repository index (once per repository) gives the
 * archive URL, the archive is streamed into a temporary file while it is
 * hashed, and renamed to its content address only when the hash is the
 * locked one; anything else is refused and nothing is cached.
 *
 * A chart from an OCI registry (`repo: oci://...`) is resolved by its tag
 * instead of an index: the tag's manifest must name the locked digest as its
 * chart layer (what Fleet or helm-controller would deploy from that tag),
 * and the blob of that digest is downloaded and verified the same way.
 *
 * Refused before any network: a pin without a digest (pull verifies against
 * the lock, so there must be one). Every chart is tried; the failures are
 * thrown together as ChartErrors, and what did succeed stays cached.
 */
export async function pullPins(pins: readonly ChartPin[], options: PullOptions): Promise<PullResult> {
  const refused = pins
    .filter((pin) => pin.digest === undefined)
    .map(
      (pin) =>
        new ChartError('not-locked', `${pin.chart} ${pin.version} has no locked digest, so a download could not be verified`, {
          chart: pin.id,
          file: pin.file,
          field: 'digest',
          hint: 'run `platform charts lock` to record the digest from the repository index, review it, and commit chart.yaml',
        }),
    );
  if (refused.length > 0) throw new ChartErrors(refused);
  const onEvent = options.onEvent ?? (() => undefined);
  const results = new Map<string, PulledChart>();
  const missing: ChartPin[] = [];
  for (const pin of pins) {
    const path = cachedChartPath(pin, options.cacheDir);
    if (path === undefined) {
      missing.push(pin);
      continue;
    }
    results.set(pin.id, { ...summary(pin), path, source: 'cache', bytes: 0 });
    await onEvent({ type: 'cached', chart: pin.id, path });
  }
  const errors: ChartError[] = [];
  if (missing.length > 0) {
    sweepStaleTemps(options.cacheDir);
    const indexes = new RepositoryIndexes(options);
    const registries = new OciClient(options);
    await eachLimited(missing, options.concurrency ?? 4, async (pin) => {
      try {
        const pulled = pin.repo.startsWith('oci://') ? await pullFromRegistry(pin, registries, options, onEvent) : await pullFromIndex(pin, indexes, options.cacheDir, onEvent);
        results.set(pin.id, pulled);
      } catch (error) {
        if (!(error instanceof ChartError)) throw error;
        errors.push(error);
      }
    });
  }
  if (errors.length > 0) throw new ChartErrors(errors);
  return { cacheDir: options.cacheDir, charts: pins.map((pin) => results.get(pin.id)!) };
}

async function pullFromIndex(pin: ChartPin, indexes: RepositoryIndexes, cacheDir: string, onEvent: (event: PullEvent) => void | Promise<void>): Promise<PulledChart> {
  const locked = pin.digest!;
  await onEvent({ type: 'index', chart: pin.id, url: redactUrl(indexes.source(pin.repo).indexUrl) });
  let index;
  try {
    index = await indexes.index(pin.repo, pin.chart);
  } catch (error) {
    throw repositoryError(pin, indexes, error);
  }
  const { entry, url } = lookupEntry(pin, indexes, index);
  const shownUrl = redactUrl(url);
  await onEvent({ type: 'download', chart: pin.id, url: shownUrl });
  const writer = CacheWriter.open(cacheDir);
  let actual: string;
  try {
    await download(url, indexes.archiveLimits(), (chunk) => writer.write(chunk), indexes.mirror);
    actual = writer.finish();
  } catch (error) {
    writer.discard();
    if (!(error instanceof DownloadFailure)) throw error;
    throw new ChartError(error.tooLarge ? 'archive-too-large' : 'archive-unreachable', `cannot download ${pin.chart} ${pin.version}: ${error.message}`, {
      chart: pin.id,
      file: pin.file,
      field: 'version',
    });
  }
  if (actual !== locked) {
    writer.discard();
    const listed = indexDigest(entry.digest);
    const other = versionWithDigest(index, pin.chart, locked, indexDigest);
    const why =
      other !== undefined && other !== entry.version
        ? `; the locked digest is that of version ${other}: was the version bumped without \`platform charts lock\`?`
        : listed === actual
          ? '; the repository index lists the new digest too: the version was re-published'
          : '';
    throw new ChartError('digest-mismatch', `${pin.chart} ${pin.version} from ${shownUrl} has digest ${actual}, but chart.yaml locks ${locked}${why}; nothing was cached`, {
      chart: pin.id,
      file: pin.file,
      field: 'digest',
      hint:
        other !== undefined && other !== entry.version
          ? 'run `platform charts lock` after a version bump, review the new digest, and commit chart.yaml'
          : 'a chart re-published under the same version is a supply-chain risk: find out upstream why it changed before accepting it with `platform charts lock --update`',
    });
  }
  await onEvent({ type: 'written', chart: pin.id, temp: writer.temp });
  const path = writer.commit(actual);
  await onEvent({ type: 'stored', chart: pin.id, path });
  return { ...summary(pin), path, source: 'download', bytes: writer.bytes, url: shownUrl };
}

async function pullFromRegistry(pin: ChartPin, registries: OciClient, options: PullOptions, onEvent: (event: PullEvent) => void | Promise<void>): Promise<PulledChart> {
  const locked = pin.digest!;
  const target = ociTarget(pin.repo, pin.chart, pin.version, options.mirror);
  await onEvent({ type: 'index', chart: pin.id, url: redactUrl(manifestUrl(target)) });
  let tagged: string;
  try {
    tagged = await registries.chartDigest(target);
  } catch (error) {
    throw ociError(pin, error, 'manifest');
  }
  if (tagged !== locked) {
    throw new ChartError('digest-mismatch', `the tag ${target.tag} of ${pin.repo}/${pin.chart} now names the archive ${tagged}, but chart.yaml locks ${locked}; nothing was cached`, {
      chart: pin.id,
      file: pin.file,
      field: 'digest',
      hint: 'after a version bump, run `platform charts lock --update` and review the digest; otherwise the tag was re-pointed (a supply-chain risk): find out upstream why',
    });
  }
  const writer = CacheWriter.open(options.cacheDir);
  let url: string;
  try {
    await onEvent({ type: 'download', chart: pin.id, url: redactUrl(`${target.registryUrl}/v2/${target.repository}/blobs/${locked}`) });
    url = (await registries.downloadBlob(target, locked, (chunk) => writer.write(chunk))).url;
  } catch (error) {
    writer.discard();
    throw ociError(pin, error, 'blob');
  }
  const actual = writer.finish();
  if (actual !== locked) {
    writer.discard();
    throw new ChartError('digest-mismatch', `the registry sent ${actual} for blob ${locked} of ${pin.repo}/${pin.chart}; nothing was cached`, { chart: pin.id, file: pin.file, field: 'digest' });
  }
  await onEvent({ type: 'written', chart: pin.id, temp: writer.temp });
  const path = writer.commit(actual);
  await onEvent({ type: 'stored', chart: pin.id, path });
  return { ...summary(pin), path, source: 'download', bytes: writer.bytes, url: redactUrl(url) };
}

function summary(pin: ChartPin): Pick<PulledChart, 'id' | 'file' | 'chart' | 'version' | 'digest'> {
  return { id: pin.id, file: pin.file, chart: pin.chart, version: pin.version, digest: pin.digest! };
}

/** Runs `work` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
