import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCachedRender, renderKey, RENDER_INPUTS, runCli, type CliOptions, type RenderCache } from '@platform/engine';
import { copyRepository } from '@platform/engine/testing';
import { OUTPUT_FORMATS } from '@platform/report';
import { phases } from './phases.js';
import { repositoryRoot } from './repository.js';

/**
 * synth and check of an unchanged checkout take the render from a cache keyed
 * by the code and every input. The promise: the cache never changes an
 * answer. An edit to any input misses it, a hand edit in dist/ or fleet/ is
 * still found, a damaged entry is a miss, and a check answered from the
 * cache prints exactly what a full render prints, in every format.
 */
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function scratch(): { root: string; cache: RenderCache } {
  const copy = copyRepository(repositoryRoot, ['clusters', 'charts', 'dist', 'fleet']);
  const dir = mkdtempSync(join(tmpdir(), 'render-cache-'));
  cleanups.push(copy.cleanup, () => rmSync(dir, { recursive: true, force: true }));
  return { root: copy.dir, cache: { codeKey: 'test-code', dir } };
}

async function run(root: string, args: string[], options: Partial<CliOptions> = {}) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { root, phases, io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) }, ...options });
  // The timing in a summary is the one thing that differs between two runs.
  const stable = (text: string) => text.replace(/\d+ ms\b/g, 'N ms').replace(/"(time|durationMs|duration_ms|ms)": ?[\d.]+/g, '"$1": N');
  return { status, stdout: stable(stdout), stderr: stable(stderr) };
}

/** Every regular file of the inputs a render reads, relative to the root. */
function inputFiles(root: string): string[] {
  const walk = (relative: string): string[] => {
    try {
      return readdirSync(join(root, relative), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(`${relative}/${entry.name}`) : [`${relative}/${entry.name}`]));
    } catch {
      return [];
    }
  };
  return RENDER_INPUTS.flatMap((input) => walk(input));
}

describe('the render cache', () => {
  it('is filled by synth and used by the next synth and check, which then print what a full render prints', async () => {
    const { root, cache } = scratch();
    expect((await run(root, ['synth'], { renderCache: cache })).status).toBe(0);
    const key = renderKey(root, cache);
    expect(key).toBeDefined();
    expect(readCachedRender(cache, key as string)).toBeDefined();
    // Answered from the cache: the phases (cdk8s, every phase package) are never loaded.
    const unloadable = async (): Promise<never> => {
      throw new Error('the phases were loaded');
    };
    for (const output of OUTPUT_FORMATS) {
      const full = await run(root, ['check', '--output', output]);
      const cached = await run(root, ['check', '--output', output], { renderCache: cache, phases: unloadable });
      expect(cached).toEqual(full);
      expect(cached.status).toBe(0);
    }
    expect(await run(root, ['synth'], { renderCache: cache, phases: unloadable })).toEqual(await run(root, ['synth']));
  });

  it('misses after an edit to any input file: one byte appended, or the file removed', async () => {
    const { root, cache } = scratch();
    const before = renderKey(root, cache);
    const files = inputFiles(root);
    expect(files.length).toBeGreaterThan(10);
    const keys = new Set([before]);
    for (const file of files) {
      const path = join(root, file);
      const original = readFileSync(path);
      appendFileSync(path, ' ');
      keys.add(renderKey(root, cache));
      rmSync(path);
      keys.add(renderKey(root, cache));
      writeFileSync(path, original);
      expect(renderKey(root, cache)).toBe(before);
    }
    // Each edit gave a key of its own.
    expect(keys.size).toBe(1 + 2 * files.length);
  });

  it('misses after a file is added anywhere in the inputs, hidden ones included, or the code changes', async () => {
    const { root, cache } = scratch();
    const before = renderKey(root, cache);
    for (const added of ['clusters/.hidden', 'charts/new-chart/chart.yaml', 'secrets-allowlist.txt', 'cluster.yaml']) {
      mkdirSync(join(root, added, '..'), { recursive: true });
      writeFileSync(join(root, added), '');
      expect(renderKey(root, cache)).not.toBe(before);
      rmSync(join(root, added));
    }
    rmSync(join(root, 'charts/new-chart'), { recursive: true });
    expect(renderKey(root, cache)).toBe(before);
    expect(renderKey(root, { ...cache, codeKey: 'other-code' })).not.toBe(before);
  });

  it('gives no key for an input it cannot read plainly (a link, a FIFO), so the full render reports it', async () => {
    const { root, cache } = scratch();
    symlinkSync('/etc/hostname', join(root, 'clusters/_linked.yaml'));
    expect(renderKey(root, cache)).toBeUndefined();
    rmSync(join(root, 'clusters/_linked.yaml'));
    execFileSync('mkfifo', [join(root, 'secrets-allowlist.txt')]);
    expect(renderKey(root, cache)).toBeUndefined();
    const result = await run(root, ['synth'], { renderCache: cache });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('secrets-allowlist.txt');
  });

  it('still finds a hand edit in dist/ and fleet/ when the render comes from the cache, and synth repairs it', async () => {
    const { root, cache } = scratch();
    expect((await run(root, ['synth'], { renderCache: cache })).status).toBe(0);
    for (const edited of ['dist/dev/observability/loki/loki.values.yaml', 'fleet/dev/gitrepo.yaml', 'dist/SHA256SUMS']) {
      const original = readFileSync(join(root, edited));
      appendFileSync(join(root, edited), '# edit\n');
      const full = await run(root, ['check']);
      const cached = await run(root, ['check'], { renderCache: cache });
      expect(cached).toEqual(full);
      expect(cached.status).toBe(1);
      expect(cached.stdout).toContain(edited);
      const synth = await run(root, ['synth'], { renderCache: cache });
      expect(synth.status).toBe(0);
      expect(synth.stdout).toContain(edited === 'dist/SHA256SUMS' ? '0 added, 0 changed' : `~ ${edited}`);
      expect(readFileSync(join(root, edited))).toEqual(original);
    }
  });

  it('treats a damaged or foreign entry as a miss, never as a tree', async () => {
    const { root, cache } = scratch();
    expect((await run(root, ['synth'], { renderCache: cache })).status).toBe(0);
    const key = renderKey(root, cache) as string;
    const entry = join(cache.dir, `${key}.json`);
    const text = readFileSync(entry, 'utf8');
    for (const damaged of [text.slice(0, -10), text.replace('"files"', '"filez"'), '', 'x'.repeat(64) + '\n{}', text.replace('loki', 'lokj')]) {
      writeFileSync(entry, damaged);
      expect(readCachedRender(cache, key)).toBeUndefined();
    }
    // An entry stored under another key (a copied file) is refused too.
    writeFileSync(entry, text);
    writeFileSync(join(cache.dir, `${'0'.repeat(64)}.json`), text);
    expect(readCachedRender(cache, '0'.repeat(64))).toBeUndefined();
    // And a run with a damaged entry renders in full and gives the same answer.
    writeFileSync(entry, text.replace('loki', 'lokj'));
    expect(await run(root, ['check'], { renderCache: cache })).toEqual(await run(root, ['check']));
  });

  it('stores nothing for input that does not render', async () => {
    const { root, cache } = scratch();
    appendFileSync(join(root, 'clusters/dev.yaml'), 'unknownKey: 1\n');
    expect((await run(root, ['synth'], { renderCache: cache })).status).toBe(1);
    expect(readdirSync(cache.dir)).toEqual([]);
    expect((await run(root, ['check'], { renderCache: cache })).status).toBe(2);
    expect(readdirSync(cache.dir)).toEqual([]);
  });
});
