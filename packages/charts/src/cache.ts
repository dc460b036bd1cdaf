import { createHash, randomBytes, type Hash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { digestHex, DIGEST } from './digest.js';
import { ChartError } from './errors.js';
import { ReadFailure, readBoundedFile } from './read-text.js';
import { MAX_ARCHIVE_BYTES } from './limits.js';

/** The environment variable that names the cache directory. */
export const CACHE_ENV = 'PLATFORM_CHART_CACHE';

/**
 * The chart cache directory: $PLATFORM_CHART_CACHE, else
 * $XDG_CACHE_HOME/rke2-platform/charts, else ~/.cache/rke2-platform/charts.
 * The XDG Base Directory Specification says a relative XDG_CACHE_HOME is
 * invalid and must be ignored, so it is; a relative PLATFORM_CHART_CACHE is
 * the user's own choice and resolves against the working directory. An empty
 * variable counts as unset, as the specification says for XDG variables.
 */
export function chartCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir(), cwd: string = process.cwd()): string {
  const own = env[CACHE_ENV];
  if (own) return resolve(cwd, own);
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'rke2-platform', 'charts');
  return join(home, '.cache', 'rke2-platform', 'charts');
}

/**
 * Where the archive with this digest lives in the cache:
 * `<cache>/sha256/<64 hex>.tgz`. Content-addressed: the path is made of the
 * digest alone (checked against DIGEST first), never of a chart id, name or
 * version, so nothing in chart.yaml or an index can point it outside the
 * cache; two charts with the same bytes share one file; and a bump never
 * overwrites the archive a checkout of the previous version still renders.
 */
export function archivePath(cacheDir: string, digest: string): string {
  return join(cacheDir, 'sha256', `${digestHex(digest)}.tgz`);
}

/**
 * The path of a pin's archive in the cache, or undefined when the pin has no
 * digest or the cache has no archive with exactly those bytes. The file is
 * hashed on every call (about 2 ms a megabyte): a truncated or altered file,
 * a symbolic link or anything but a regular file counts as not cached, so a
 * renderer never reads bytes that are not the locked ones.
 */
export function cachedChartPath(pin: { readonly digest?: string | undefined }, cacheDir: string): string | undefined {
  if (pin.digest === undefined || !DIGEST.test(pin.digest)) return undefined;
  const path = archivePath(cacheDir, pin.digest);
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(path, MAX_ARCHIVE_BYTES, { noFollow: true });
  } catch (error) {
    if (error instanceof ReadFailure) return undefined;
    throw error;
  }
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}` === pin.digest ? path : undefined;
}

/** Temporary files older than this are left by a killed pull and removed by the next one. */
const STALE_TEMP_MS = 24 * 60 * 60 * 1000;

/**
 * An archive being written into the cache. Bytes go to a file in
 * `<cache>/tmp/` (same file system, so the final rename is atomic) while
 * they are hashed; `commit` renames it to its content address only after
 * the caller has checked the digest, and `discard` removes it. A pull killed
 * at any point leaves at most a file in tmp/, which no lookup ever reads:
 * `archivePath` names only `sha256/<hex>.tgz`, and every lookup re-hashes.
 */
export class CacheWriter {
  private readonly fd: number;
  private readonly hash: Hash = createHash('sha256');
  private closed = false;
  readonly temp: string;
  bytes = 0;

  private constructor(private readonly cacheDir: string) {
    const dir = join(cacheDir, 'tmp');
    this.temp = join(dir, `${process.pid}-${randomBytes(8).toString('hex')}.partial`);
    this.fd = openSync(this.temp, 'wx', 0o644);
  }

  /** Opens a temporary file in the cache, creating the cache's directories. */
  static open(cacheDir: string): CacheWriter {
    try {
      mkdirSync(join(cacheDir, 'tmp'), { recursive: true });
      mkdirSync(join(cacheDir, 'sha256'), { recursive: true });
      return new CacheWriter(cacheDir);
    } catch (error) {
      throw cacheUnusable(cacheDir, error);
    }
  }

  write(chunk: Uint8Array): void {
    this.hash.update(chunk);
    let offset = 0;
    while (offset < chunk.byteLength) offset += writeSync(this.fd, chunk, offset);
    this.bytes += chunk.byteLength;
  }

  /** The digest of everything written, in locked notation. Closes the file (flushed to disk first). */
  finish(): string {
    this.close(true);
    return `sha256:${this.hash.digest('hex')}`;
  }

  /** Moves the finished file to its content address and returns that path. */
  commit(digest: string): string {
    const path = archivePath(this.cacheDir, digest);
    try {
      renameSync(this.temp, path);
    } catch (error) {
      this.discard();
      throw cacheUnusable(this.cacheDir, error);
    }
    return path;
  }

  /** Removes the temporary file (a failed or refused download). */
  discard(): void {
    this.close(false);
    rmSync(this.temp, { force: true });
  }

  private close(sync: boolean): void {
    if (this.closed) return;
    this.closed = true;
    try {
      // Flushed before the rename, so a crash of the machine (not just of the process) cannot leave a named, empty file.
      if (sync) fsyncSync(this.fd);
    } finally {
      closeSync(this.fd);
    }
  }
}

/** Removes temporary files a killed pull left in `<cache>/tmp/` more than a day ago (a running pull's file is never that old). */
export function sweepStaleTemps(cacheDir: string, now = Date.now()): void {
  const dir = join(cacheDir, 'tmp');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isFile() && now - stat.mtimeMs > STALE_TEMP_MS) rmSync(path, { force: true });
  }
}

function cacheUnusable(cacheDir: string, error: unknown): ChartError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new ChartError('cache-unusable', `cannot write to the chart cache ${cacheDir} (${code})`, {
    field: 'cache',
    hint: `point ${CACHE_ENV} or --cache at a writable directory`,
  });
}
