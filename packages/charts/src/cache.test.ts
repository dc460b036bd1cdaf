import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { archivePath, CacheWriter, cachedChartPath, chartCacheDir, sweepStaleTemps } from './cache.js';
import { sha256Digest } from './digest.js';

const bytes = Buffer.from('a chart archive, as far as the cache knows');
const digest = sha256Digest(bytes);

function cache(): string {
  return mkdtempSync(join(tmpdir(), 'chart-cache-'));
}

describe('the cache directory', () => {
  it.each([
    [{ PLATFORM_CHART_CACHE: '/ci/cache/charts', XDG_CACHE_HOME: '/xdg' }, '/ci/cache/charts'],
    [{ PLATFORM_CHART_CACHE: 'relative/charts' }, '/work/here/relative/charts'],
    [{ PLATFORM_CHART_CACHE: '', XDG_CACHE_HOME: '/xdg' }, '/xdg/rke2-platform/charts'],
    // The XDG Base Directory Specification: a relative path in XDG_CACHE_HOME is invalid and ignored.
    [{ XDG_CACHE_HOME: 'relative' }, '/home/u/.cache/rke2-platform/charts'],
    [{}, '/home/u/.cache/rke2-platform/charts'],
  ])('%j -> %s', (env, expected) => {
    expect(chartCacheDir(env, '/home/u', '/work/here')).toBe(expected);
  });
});

describe('the cache is addressed by content: sha256/<hex>.tgz, and a lookup re-hashes', () => {
  it('places an archive by its digest alone; nothing but a valid digest makes a path', () => {
    expect(archivePath('/c', digest)).toBe(`/c/sha256/${digest.slice(7)}.tgz`);
    for (const hostile of ['sha256:../../../etc/passwd', `sha256:${'a'.repeat(63)}/`, `SHA256:${'a'.repeat(64)}`, '', `sha256:${'a'.repeat(64)}\n`]) {
      expect(() => archivePath('/c', hostile)).toThrow(TypeError);
      expect(cachedChartPath({ digest: hostile }, '/c')).toBeUndefined();
    }
  });

  it('finds an archive only when its bytes are the locked ones', () => {
    const dir = cache();
    expect(cachedChartPath({ digest }, dir)).toBeUndefined();
    expect(cachedChartPath({}, dir)).toBeUndefined();
    mkdirSync(join(dir, 'sha256'));
    writeFileSync(archivePath(dir, digest), bytes.subarray(0, 10));
    expect(cachedChartPath({ digest }, dir)).toBeUndefined();
    writeFileSync(archivePath(dir, digest), Buffer.concat([bytes, Buffer.from('x')]));
    expect(cachedChartPath({ digest }, dir)).toBeUndefined();
    writeFileSync(archivePath(dir, digest), bytes);
    expect(cachedChartPath({ digest }, dir)).toBe(archivePath(dir, digest));
  });

  it('does not follow a link, read a FIFO or a directory', () => {
    const dir = cache();
    mkdirSync(join(dir, 'sha256'));
    const elsewhere = join(dir, 'elsewhere.tgz');
    writeFileSync(elsewhere, bytes);
    symlinkSync(elsewhere, archivePath(dir, digest));
    expect(cachedChartPath({ digest }, dir)).toBeUndefined();
    const other = sha256Digest(Buffer.from('other'));
    execFileSync('mkfifo', [archivePath(dir, other)]);
    expect(cachedChartPath({ digest: other }, dir)).toBeUndefined();
    const third = sha256Digest(Buffer.from('third'));
    mkdirSync(archivePath(dir, third));
    expect(cachedChartPath({ digest: third }, dir)).toBeUndefined();
  });

  it('writes through a temporary file: nothing is at the content address until commit, and discard leaves nothing', () => {
    const dir = cache();
    const writer = CacheWriter.open(dir);
    writer.write(bytes.subarray(0, 5));
    writer.write(bytes.subarray(5));
    expect(readdirSync(join(dir, 'sha256'))).toEqual([]);
    expect(writer.finish()).toBe(digest);
    expect(cachedChartPath({ digest }, dir)).toBeUndefined();
    expect(writer.commit(digest)).toBe(archivePath(dir, digest));
    expect(cachedChartPath({ digest }, dir)).toBe(archivePath(dir, digest));
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);

    const refused = CacheWriter.open(dir);
    refused.write(Buffer.from('other bytes'));
    refused.finish();
    refused.discard();
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
  });

  it('sweeps temporary files a killed pull left more than a day ago, and only those', () => {
    const dir = cache();
    mkdirSync(join(dir, 'tmp'));
    writeFileSync(join(dir, 'tmp', 'old.partial'), 'x');
    writeFileSync(join(dir, 'tmp', 'fresh.partial'), 'x');
    const twoDaysAgo = (Date.now() - 2 * 24 * 3600 * 1000) / 1000;
    utimesSync(join(dir, 'tmp', 'old.partial'), twoDaysAgo, twoDaysAgo);
    sweepStaleTemps(dir);
    expect(readdirSync(join(dir, 'tmp'))).toEqual(['fresh.partial']);
    sweepStaleTemps(join(dir, 'missing'));
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('says which directory it cannot write to', () => {
    const dir = cache();
    writeFileSync(join(dir, 'file'), '');
    expect(() => CacheWriter.open(join(dir, 'file', 'cache'))).toThrow(/cannot write to the chart cache .*file\/cache \(ENOTDIR\)/);
  });
});
