import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { indexDigest } from './digest.js';
import { EditFailure, withDigest } from './edit-digest.js';
import { ChartError, ChartErrors } from './errors.js';
import { versionWithDigest } from './index-file.js';
import type { Mirror } from './mirror.js';
import { loadChartPins, selectPins, type ChartPin } from './pins.js';
import { ReadFailure, readBoundedText } from './read-text.js';
import { RepositoryIndexes } from './repository.js';
import { lookupEntry, ociError, repositoryError } from './resolve.js';
import { OciClient, ociTarget } from './oci.js';

export interface LockOptions {
  readonly mirror?: Mirror | undefined;
  /** Only these chart ids (all when undefined). */
  readonly only?: readonly string[] | undefined;
  /** Accept a digest that changed for a version already locked (a re-published chart). */
  readonly update?: boolean | undefined;
  readonly maxIndexBytes?: number | undefined;
  readonly idleTimeoutMs?: number | undefined;
}

/**
 * What lock did to one chart:
 * - `added`: it had no digest; the index's is recorded.
 * - `unchanged`: the locked digest is the index's; the file is not touched.
 * - `bumped`: the locked digest is that of another version in the index
 *   (`previousVersion`): the version was bumped, the new one's is recorded.
 * - `updated`: the index lists another digest for the locked version (a
 *   re-publish), accepted because `update` was given.
 */
export interface LockedChart {
  readonly id: string;
  readonly file: string;
  readonly chart: string;
  readonly version: string;
  readonly digest: string;
  readonly change: 'added' | 'unchanged' | 'bumped' | 'updated';
  readonly previousDigest?: string;
  readonly previousVersion?: string;
}

export interface LockResult {
  /** Sorted by chart id. */
  readonly charts: readonly LockedChart[];
  /** Repository-relative chart.yaml files written. */
  readonly written: readonly string[];
}

/**
 * Records each chart's digest from its repository index into its chart.yaml.
 *
 * A locked version whose digest the index now lists differently is refused
 * (a chart re-published under the same version is a supply-chain risk)
 * unless `update` is given. A bump is told from a re-publish by the old
 * digest: if the index lists it for another version of the chart, the
 * version line was changed and the old digest belongs to the old version.
 * (A repository that re-publishes a version and also lists the old archive
 * under another version defeats that test; the merge request still shows a
 * digest line changing under an unchanged version line.)
 *
 * All or nothing: every chart is looked up first, and chart.yaml files are
 * written (each atomically, by rename) only when no chart failed.
 */
export async function lockCharts(root: string, options: LockOptions = {}): Promise<LockResult> {
  const pins = selectPins(loadChartPins(root), options.only);
  const indexes = new RepositoryIndexes(options);
  const registries = new OciClient(options);
  const settled = await Promise.all(
    pins.map((pin) => (pin.repo.startsWith('oci://') ? lockFromRegistry(pin, registries, options) : lockOne(pin, indexes, options.update === true)).catch((error: unknown) => error)),
  );
  const errors = settled.filter((value): value is ChartError => value instanceof ChartError);
  const unexpected = settled.find((value) => value instanceof Error && !(value instanceof ChartError));
  if (unexpected) throw unexpected;
  if (errors.length > 0) throw new ChartErrors(errors);
  const charts = settled as { locked: LockedChart; text?: string; pin: ChartPin }[];
  const written: string[] = [];
  for (const { pin, text } of charts) {
    if (text === undefined) continue;
    writeAtomically(pin, text);
    written.push(pin.file);
  }
  return { charts: charts.map(({ locked }) => locked), written };
}

async function lockOne(pin: ChartPin, indexes: RepositoryIndexes, update: boolean): Promise<{ locked: LockedChart; text?: string; pin: ChartPin }> {
  let index;
  try {
    index = await indexes.index(pin.repo, pin.chart);
  } catch (error) {
    throw repositoryError(pin, indexes, error);
  }
  const { entry } = lookupEntry(pin, indexes, index);
  const digest = indexDigest(entry.digest);
  const base = { id: pin.id, file: pin.file, chart: pin.chart, version: pin.version, digest };
  if (digest === undefined) {
    throw new ChartError('index-entry-invalid', `the repository ${pin.repo} lists no SHA-256 digest for ${pin.chart} ${pin.version}, so there is nothing to lock`, {
      chart: pin.id,
      file: pin.file,
      field: 'digest',
      hint: 'download the archive from a source you trust, check it, and write its digest as `digest: sha256:<hex>` by hand',
    });
  }
  if (pin.digest === digest) return { pin, locked: { ...base, digest, change: 'unchanged' } };
  let locked: LockedChart;
  if (pin.digest === undefined) {
    locked = { ...base, digest, change: 'added' };
  } else {
    const previousVersion = versionWithDigest(index, pin.chart, pin.digest, indexDigest);
    if (previousVersion !== undefined && previousVersion !== entry.version) {
      locked = { ...base, digest, change: 'bumped', previousDigest: pin.digest, previousVersion };
    } else if (update) {
      locked = { ...base, digest, change: 'updated', previousDigest: pin.digest };
    } else {
      throw new ChartError('digest-changed', `the repository now lists digest ${digest} for ${pin.chart} ${pin.version}, but ${pin.digest} is locked: the version was re-published`, {
        chart: pin.id,
        file: pin.file,
        field: 'digest',
        hint: 'a chart re-published under the same version is a supply-chain risk: find out upstream why it changed, then accept it with `platform charts lock --update`',
      });
    }
  }
  return { pin, locked, text: editedText(pin, digest) };
}

/**
 * An OCI chart: the digest is the chart layer of the manifest its tag names.
 * A registry lists no other versions' digests, so a changed digest cannot be
 * told from a bump here: it is refused unless `update` is given, with a hint
 * that says both cases.
 */
async function lockFromRegistry(pin: ChartPin, registries: OciClient, options: LockOptions): Promise<{ locked: LockedChart; text?: string; pin: ChartPin }> {
  let digest: string;
  try {
    digest = await registries.chartDigest(ociTarget(pin.repo, pin.chart, pin.version, options.mirror));
  } catch (error) {
    throw ociError(pin, error, 'manifest');
  }
  const base = { id: pin.id, file: pin.file, chart: pin.chart, version: pin.version, digest };
  if (pin.digest === digest) return { pin, locked: { ...base, change: 'unchanged' } };
  if (pin.digest !== undefined && options.update !== true) {
    throw new ChartError('digest-changed', `the tag of ${pin.chart} ${pin.version} in ${pin.repo} names ${digest}, but ${pin.digest} is locked`, {
      chart: pin.id,
      file: pin.file,
      field: 'digest',
      hint: 'a registry cannot say which version the locked digest belonged to: after a version bump, run `platform charts lock --update`; if the version did not change, the tag was re-pointed (a supply-chain risk): find out upstream why first',
    });
  }
  const locked: LockedChart = pin.digest === undefined ? { ...base, change: 'added' } : { ...base, change: 'updated', previousDigest: pin.digest };
  return { pin, locked, text: editedText(pin, digest) };
}

function editedText(pin: ChartPin, digest: string): string {
  // Read again: loadChartPins parsed the file, this edits its exact bytes.
  try {
    return withDigest(readBoundedText(pin.path, 64 * 1024), digest);
  } catch (error) {
    if (!(error instanceof EditFailure || error instanceof ReadFailure)) throw error;
    throw new ChartError('lock-write', error.message, { chart: pin.id, file: pin.file, field: 'digest' });
  }
}

/** Writes chart.yaml by rename from a temporary file beside it, keeping its mode: a killed lock leaves the old file or the new one. */
function writeAtomically(pin: ChartPin, text: string): void {
  const temp = join(dirname(pin.path), `.${basename(pin.path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const mode = statSync(pin.path).mode & 0o7777;
    const fd = openSync(temp, 'wx', mode);
    try {
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < bytes.length) offset += writeSync(fd, bytes, offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, pin.path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ChartError('lock-write', `cannot write the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { chart: pin.id, file: pin.file });
  }
}
