import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, renameSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPlatforms, readOutputTree, renderPlatforms } from '@platform/engine';
import { copyRepository } from '@platform/engine/testing';
import { phases } from './phases.js';
import { repositoryRoot } from './repository.js';

const MAIN = join(repositoryRoot, 'packages/platform/src/main.ts');
const TSX = pathToFileURL(join(repositoryRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const args = (root: string, ...rest: string[]) => ['--import', TSX, MAIN, 'synth', '--root', root, ...rest];

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** A scratch checkout whose committed tree is the current render, with clusters/dev.yaml changed so the next synth must write. */
function scratch(): { root: string; oldTree: Record<string, string>; newTree: Record<string, string> } {
  const copy = copyRepository(repositoryRoot, ['clusters', 'charts', 'dist', 'fleet']);
  cleanups.push(copy.cleanup);
  const oldTree = sorted(readOutputTree(copy.dir));
  const config = join(copy.dir, 'clusters/dev.yaml');
  writeFileSync(config, readFileSync(config, 'utf8').replace('replicaCount: 2', 'replicaCount: 3').replace('pollingInterval: 60s', 'pollingInterval: 30s'));
  const newTree = sorted(renderPlatforms(loadPlatforms({ root: copy.dir }, phases)));
  return { root: copy.dir, oldTree, newTree };
}

/** The output tree with paths in sorted order, so comparisons do not depend on directory listing order. */
const sorted = (tree: Iterable<[string, string]>) => Object.fromEntries([...tree].sort(([a], [b]) => (a < b ? -1 : 1)));
const current = (root: string) => sorted(readOutputTree(root));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

describe('synth under faults', () => {
  it('killed at random moments, leaves the old tree or the new one, and the next synth recovers', async () => {
    const { root, oldTree, newTree } = scratch();
    const seed = Number(process.env.KILL_SEED ?? 20261121);
    let state = seed;
    const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const started = performance.now();
    expect(spawnSync(process.execPath, args(root), { encoding: 'utf8' }).status).toBe(0);
    const duration = performance.now() - started;
    const outcomes = { old: 0, new: 0, midSwap: 0 };
    for (let round = 0; round < 8; round += 1) {
      writeTree(root, oldTree);
      const child = spawn(process.execPath, args(root), { stdio: 'ignore' });
      const done = exited(child);
      await sleep(duration * (0.4 + 0.6 * random()));
      child.kill('SIGKILL');
      await done;
      const after = current(root);
      if (JSON.stringify(after) === JSON.stringify(oldTree)) outcomes.old += 1;
      else if (JSON.stringify(after) === JSON.stringify(newTree)) outcomes.new += 1;
      else {
        // Only between the two directory renames: the commit marker says the swap is decided.
        expect(existsSync(join(root, '.synth/commit')), `round ${round} (seed ${seed}): mixed tree without a commit marker`).toBe(true);
        outcomes.midSwap += 1;
      }
      const next = spawnSync(process.execPath, args(root), { encoding: 'utf8' });
      expect(next.status, next.stderr).toBe(0);
      expect(current(root)).toEqual(newTree);
      expect(existsSync(join(root, '.synth/stage'))).toBe(false);
    }
    expect(outcomes.old + outcomes.new + outcomes.midSwap).toBe(8);
  }, 180_000);

  it('two synths started at once both succeed and leave one complete tree', async () => {
    const { root, newTree } = scratch();
    // The second synth renders other inputs: the cluster file is replaced (by rename, atomically) between the two starts.
    const config = join(root, 'clusters/dev.yaml');
    const other = join(root, 'dev.other.yaml');
    writeFileSync(other, readFileSync(config, 'utf8').replace('pollingInterval: 30s', 'pollingInterval: 45s'));
    const a = exited(spawn(process.execPath, args(root), { stdio: 'ignore' }));
    renameSync(other, config);
    const b = exited(spawn(process.execPath, args(root), { stdio: 'ignore' }));
    const otherTree = sorted(renderPlatforms(loadPlatforms({ root }, phases)));
    expect(await a).toBe(0);
    expect(await b).toBe(0);
    const after = JSON.stringify(current(root));
    expect([JSON.stringify(newTree), JSON.stringify(otherTree)]).toContain(after);
    expect(existsSync(join(root, '.synth/lock'))).toBe(false);
  }, 30_000);

  it('an output directory that cannot be written gives a clear error and loses nothing', (context) => {
    const { root, oldTree } = scratch();
    const lock = readOnly(join(root, 'dist'));
    if (!lock) return context.skip('neither chattr (as root) nor permissions can make a directory read-only here');
    try {
      const result = spawnSync(process.execPath, args(root), { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/cannot replace the output directories \((EPERM|EACCES)\); dist\/ and fleet\/ were left as they were/);
    } finally {
      lock();
    }
    expect(current(root)).toEqual(oldTree);
  });

  it('a full disk gives a clear error and loses nothing', (context) => {
    const { root, oldTree } = scratch();
    const disk = join(root, '..', `${root.split('/').pop()}-disk`);
    mkdirSync(disk);
    cleanups.push(() => rmSync(disk, { recursive: true, force: true }));
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk]).status !== 0) return context.skip('cannot mount a small tmpfs here');
    cleanups.push(() => spawnSync('umount', [disk]));
    for (const path of ['clusters', 'charts', 'dist', 'fleet']) spawnSync('cp', ['-r', join(root, path), disk]);
    spawnSync('dd', ['if=/dev/zero', `of=${join(disk, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
    const before = current(disk);
    const result = spawnSync(process.execPath, args(disk), { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/ENOSPC\); dist\/ and fleet\/ were left as they were[\s\S]*disk is full/);
    expect(current(disk)).toEqual(before);
    expect(before).toEqual(oldTree);
  });
});

describe('synth on a hostile file system', () => {
  /** One line of error (and its hint), exit 1, no stack trace, no raw errno message. */
  function refused(result: ReturnType<typeof spawnSync>, pattern: RegExp): void {
    const stderr = String(result.stderr);
    expect(result.status, stderr).toBe(1);
    expect(stderr).toMatch(pattern);
    expect(stderr).not.toMatch(/^\s+at |ENOTDIR|EISDIR|ELOOP/m);
    expect(stderr.split('\n').filter((line) => line.startsWith('error: '))).toHaveLength(1);
  }

  for (const place of ['dist', 'fleet', '.synth']) {
    it(`${place} as a regular file: one message naming it, nothing changed`, () => {
      const { root, oldTree } = scratch();
      rmSync(join(root, place), { recursive: true, force: true });
      writeFileSync(join(root, place), 'a file\n');
      refused(spawnSync(process.execPath, args(root), { encoding: 'utf8' }), new RegExp(`^error: ${place.replace('.', '\\.')}: ${place.replace('.', '\\.')} is a file, but synth keeps a directory there`, 'm'));
      expect(readFileSync(join(root, place), 'utf8')).toBe('a file\n');
      const rest = Object.fromEntries(Object.entries(oldTree).filter(([path]) => !path.startsWith(`${place}/`)));
      if (place !== '.synth') expect(() => current(root)).toThrow(/is a file/);
      else expect(current(root)).toEqual(rest);
    });

    it(`${place} as a link out of the repository: refused, the target untouched`, () => {
      const { root } = scratch();
      const target = mkdtempSync(join(tmpdir(), 'outside-'));
      cleanups.push(() => rmSync(target, { recursive: true, force: true }));
      for (const name of ['old', 'stage', 'private.key']) writeFileSync(join(target, name), `${name}\n`);
      rmSync(join(root, place), { recursive: true, force: true });
      symlinkSync(target, join(root, place));
      refused(spawnSync(process.execPath, args(root), { encoding: 'utf8' }), new RegExp(`^error: ${place.replace('.', '\\.')}: ${place.replace('.', '\\.')} is a symbolic link; synth does not follow links`, 'm'));
      expect(readdirSync(target).sort()).toEqual(['old', 'private.key', 'stage']);
    });
  }

  it('an immutable file left in dist/ (chattr +i): synth swaps, names what it could not remove, and the next synth works', (context) => {
    const { root, newTree } = scratch();
    const stuck = join(root, 'dist/locked.txt');
    writeFileSync(stuck, 'root-owned and immutable\n');
    if (process.getuid?.() !== 0 || spawnSync('chattr', ['+i', stuck]).status !== 0) return context.skip('chattr +i needs root and a file system that supports it');
    cleanups.push(() => spawnSync('chattr', ['-R', '-i', root]));
    const first = spawnSync(process.execPath, args(root), { encoding: 'utf8' });
    expect(first.status, first.stderr).toBe(0);
    // The old dist/ moved aside holds the immutable file: it stays, and synth says so.
    expect(first.stderr).toMatch(/^warning: could not remove \.synth\/run-[0-9a-f]{16}\/old\/dist\/locked\.txt \(EPERM\); synth works without it/m);
    expect(first.stderr).not.toMatch(/^\s+at /m);
    expect(current(root)).toEqual({ ...newTree, 'dist/locked.txt': 'root-owned and immutable\n' });
    // The next synths work (the leftover is never reused) and keep naming it until someone removes it.
    writeFileSync(join(root, 'clusters/dev.yaml'), readFileSync(join(root, 'clusters/dev.yaml'), 'utf8').replace('pollingInterval: 30s', 'pollingInterval: 40s'));
    const second = spawnSync(process.execPath, args(root), { encoding: 'utf8' });
    expect(second.status, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/could not remove \.synth\/run-[0-9a-f]{16}\/old\/dist\/locked\.txt \(EPERM\)/);
    expect(current(root)['fleet/dev/gitrepo.yaml']).toContain('pollingInterval: 40s');
    spawnSync('chattr', ['-R', '-i', root]);
    const third = spawnSync(process.execPath, args(root), { encoding: 'utf8' });
    expect(third.status, third.stderr).toBe(0);
    expect(third.stderr).not.toContain('could not remove');
    expect(readdirSync(join(root, '.synth'))).toEqual([]);
  }, 60_000);
});

/** Makes a directory unwritable even for root (chattr +i), or by permissions otherwise; returns the undo. */
function readOnly(dir: string): (() => void) | undefined {
  if (process.getuid?.() === 0) {
    if (spawnSync('chattr', ['+i', dir]).status !== 0) return undefined;
    return () => spawnSync('chattr', ['-i', dir]);
  }
  spawnSync('chmod', ['a-w', dir]);
  return () => spawnSync('chmod', ['u+w', dir]);
}

function writeTree(root: string, tree: Record<string, string>): void {
  for (const dir of ['dist', 'fleet']) rmSync(join(root, dir), { recursive: true, force: true });
  rmSync(join(root, '.synth'), { recursive: true, force: true });
  for (const [path, content] of Object.entries(tree)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}
