import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readOutputTree } from '@platform/engine';
import { repositoryRoot } from './repository.js';

/**
 * The launcher (packages/platform/bin/platform.mjs) runs a cached esbuild
 * bundle. A checkout copied or moved elsewhere, cache included, must run its
 * own code on its own files: these tests copy an installed checkout (its
 * node_modules are pnpm's relative links, which cp -a keeps), build the cache
 * there, copy that again, delete the first copy, and work in the second.
 */
const LAUNCHER = 'packages/platform/bin/platform.mjs';
const CACHE = 'packages/engine/node_modules/.cache/platform-cli';
const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Copies a checkout (everything but git's pointer and synth's scratch) to a fresh directory. */
function copyCheckout(from: string): string {
  const to = mkdtempSync(join(tmpdir(), 'checkout-copy-'));
  scratch.push(to);
  const entries = readdirSync(from).filter((name) => name !== '.git' && name !== '.synth');
  const copied = spawnSync('cp', ['-a', ...entries.map((name) => join(from, name)), to], { encoding: 'utf8' });
  expect(copied.status, copied.stderr).toBe(0);
  return to;
}

const run = (root: string, args: string[], nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [...nodeArgs, join(root, LAUNCHER), ...args], { encoding: 'utf8', cwd: root, timeout: 120_000, env: { ...process.env, ...env } });
const snapshot = (root: string) => JSON.stringify([...readOutputTree(root)].sort(([a], [b]) => (a < b ? -1 : 1)));

describe('the launcher in a copied or moved checkout', () => {
  it('renders the copy, with the cache the copy brought, after the original is deleted', () => {
    const before = snapshot(repositoryRoot);
    const first = copyCheckout(repositoryRoot);
    // Build the cache in the first copy (a no-op render: its tree is up to date).
    const warm = run(first, ['synth']);
    expect(warm.status, warm.stderr).toBe(0);
    expect(warm.stdout).toMatch(/already up to date/);
    const bundles = readdirSync(join(first, CACHE)).filter((name) => name.endsWith('.mjs')).sort();
    expect(bundles.length).toBeGreaterThan(0);

    const second = copyCheckout(first);
    rmSync(first, { recursive: true, force: true });
    const config = join(second, 'clusters/dev.yaml');
    writeFileSync(config, readFileSync(config, 'utf8').replace('pollingInterval: 60s', 'pollingInterval: 45s'));
    const untouched = snapshot(second);

    const synth = run(second, ['synth']);
    expect(synth.status, synth.stderr).toBe(0);
    expect(synth.stdout).toMatch(/^synth: \d+ added, [1-9]\d* changed, \d+ removed/m);
    // The copy's tree changed, and exactly where its config says.
    expect(readFileSync(join(second, 'fleet/dev/gitrepo.yaml'), 'utf8')).toContain('pollingInterval: 45s');
    expect(snapshot(second)).not.toBe(untouched);
    expect(run(second, ['check']).status).toBe(0);
    // It ran the bundle built in the first copy (no rebuild), and wrote nothing anywhere else.
    expect(readdirSync(join(second, CACHE)).filter((name) => name.endsWith('.mjs')).sort()).toEqual(bundles);
    expect(existsSync(first)).toBe(false);
    expect(snapshot(repositoryRoot)).toBe(before);
  }, 240_000);

  it('prints stack traces that name the TypeScript sources of the checkout that runs', () => {
    const first = copyCheckout(repositoryRoot);
    expect(run(first, ['check']).status).toBe(0);
    const second = copyCheckout(first);
    rmSync(first, { recursive: true, force: true });
    // An unexpected (non-user) error deep in the engine: lstat of one file in dist/ throws a TypeError.
    const preload = join(second, 'fault.mjs');
    writeFileSync(
      preload,
      [
        "import fs from 'node:fs';",
        "import { syncBuiltinESMExports } from 'node:module';",
        'const lstat = fs.lstatSync;',
        "fs.lstatSync = (path, ...rest) => { if (String(path).endsWith('SHA256SUMS')) throw new TypeError('injected fault'); return lstat(path, ...rest); };",
        'syncBuiltinESMExports();',
      ].join('\n'),
    );
    // The CLI reports an internal error in one line; PLATFORM_DEBUG=1 adds the trace.
    const result = run(second, ['check'], ['--import', `file://${preload}`], { PLATFORM_DEBUG: '1' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('TypeError: injected fault');
    const frames = result.stderr.split('\n').filter((line) => line.trim().startsWith('at '));
    expect(frames.some((line) => line.includes(join(second, 'packages/engine/src/dist/read.ts:')))).toBe(true);
    expect(frames.some((line) => line.includes(join(second, 'packages/engine/src/cli/check.ts:')))).toBe(true);
    expect(frames.filter((line) => line.includes('.cache/platform-cli'))).toEqual([]);
    expect(result.stderr).not.toContain(first);
  }, 240_000);
});
