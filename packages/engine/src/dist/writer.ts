import * as nodeFs from 'node:fs';
import { dirname, join } from 'node:path';
import { PlatformError } from '../errors.js';
import { MANIFEST_FILE, OUTPUT_DIRS, parseManifest, type Tree } from '../render/render.js';
import { readOutputTree } from './read.js';

/** The file operations the writer uses; tests inject faults (a full disk, a read-only directory) through it. */
export type FileSystem = Pick<typeof nodeFs, 'mkdirSync' | 'writeFileSync' | 'renameSync' | 'rmSync' | 'existsSync' | 'readFileSync' | 'openSync' | 'closeSync' | 'unlinkSync'>;

/** Synth's private scratch space beside dist/ (same file system, so renames are atomic). Git-ignored. */
export const WORK_DIR = '.synth';

export interface WriteResult {
  readonly changed: boolean;
  readonly written: number;
  readonly removed: string[];
  /** Files in dist/ or fleet/ that synth did not generate; kept, but check reports them. */
  readonly foreign: string[];
}

export interface WriteOptions {
  readonly fs?: FileSystem;
  /** How long to wait for another synth to finish before giving up. */
  readonly lockTimeoutMs?: number;
}

/**
 * Replaces dist/ and fleet/ with `tree`, all or nothing. The new tree is staged
 * beside the old one; a commit marker is written atomically; then each
 * directory is swapped by rename. A run killed before the marker leaves the old
 * tree; killed after it, the next run finishes the swap. Nothing outside
 * dist/, fleet/ and .synth/ is touched.
 */
export function writeTree(root: string, tree: Tree, options: WriteOptions = {}): WriteResult {
  const fs = options.fs ?? nodeFs;
  const release = acquireLock(root, fs, options.lockTimeoutMs ?? 30_000);
  try {
    recover(root, fs);
    const current = readOutputTree(root);
    const previous = parseManifest(current.get(MANIFEST_FILE) ?? '');
    const foreign = [...current.keys()].filter((path) => !tree.has(path) && !previous.has(path)).sort();
    const removed = [...current.keys()].filter((path) => !tree.has(path) && previous.has(path)).sort();
    const changed = removed.length > 0 || [...tree].some(([path, content]) => current.get(path) !== content);
    if (!changed) return { changed, written: 0, removed, foreign };
    const stage = join(root, WORK_DIR, 'stage');
    try {
      fs.rmSync(stage, { recursive: true, force: true });
      for (const [path, content] of tree) writeFile(fs, join(stage, path), content);
      // Files synth does not own survive the swap; `check` reports them.
      for (const path of foreign) writeFile(fs, join(stage, path), current.get(path) ?? '');
      for (const dir of OUTPUT_DIRS) fs.mkdirSync(join(stage, dir), { recursive: true });
    } catch (error) {
      fs.rmSync(stage, { recursive: true, force: true });
      throw ioError(error, 'cannot stage the new tree', WORK_DIR);
    }
    commit(root, fs);
    return { changed, written: tree.size, removed, foreign };
  } finally {
    release();
  }
}

function writeFile(fs: FileSystem, path: string, content: string): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  fs.writeFileSync(path, content);
}

const marker = (root: string) => join(root, WORK_DIR, 'commit');

function commit(root: string, fs: FileSystem): void {
  const temporary = `${marker(root)}.tmp`;
  try {
    fs.writeFileSync(temporary, 'swap dist and fleet from .synth/stage\n');
    fs.renameSync(temporary, marker(root));
  } catch (error) {
    fs.rmSync(join(root, WORK_DIR, 'stage'), { recursive: true, force: true });
    throw ioError(error, 'cannot record the commit marker', WORK_DIR);
  }
  try {
    rollForward(root, fs);
  } catch (error) {
    rollBack(root, fs);
    throw ioError(error, 'cannot replace the output directories', 'dist/');
  }
  cleanUp(root, fs);
}

/** Finishes or undoes a swap that a killed synth left behind. */
export function recover(root: string, fs: FileSystem = nodeFs): 'clean' | 'rolled-forward' | 'rolled-back' {
  const work = join(root, WORK_DIR);
  if (!fs.existsSync(work)) return 'clean';
  if (fs.existsSync(marker(root))) {
    rollForward(root, fs);
    cleanUp(root, fs);
    return 'rolled-forward';
  }
  const leftovers = ['stage', 'old'].some((name) => fs.existsSync(join(work, name)));
  for (const name of ['stage', 'old', 'commit.tmp']) fs.rmSync(join(work, name), { recursive: true, force: true });
  return leftovers ? 'rolled-back' : 'clean';
}

/** For each output directory: move the live one aside, then move the staged one in. Safe to repeat. */
function rollForward(root: string, fs: FileSystem): void {
  const work = join(root, WORK_DIR);
  fs.mkdirSync(join(work, 'old'), { recursive: true });
  for (const dir of OUTPUT_DIRS) {
    const staged = join(work, 'stage', dir);
    if (!fs.existsSync(staged)) continue;
    const live = join(root, dir);
    if (fs.existsSync(live)) fs.renameSync(live, join(work, 'old', dir));
    fs.renameSync(staged, live);
  }
}

/** Undoes a partial roll-forward after an I/O error: the old directories go back. */
function rollBack(root: string, fs: FileSystem): void {
  const work = join(root, WORK_DIR);
  for (const dir of OUTPUT_DIRS) {
    const old = join(work, 'old', dir);
    if (!fs.existsSync(old)) continue;
    const live = join(root, dir);
    if (fs.existsSync(live)) fs.renameSync(live, join(work, 'stage', dir));
    fs.renameSync(old, live);
  }
  fs.rmSync(marker(root), { force: true });
  for (const name of ['stage', 'old']) fs.rmSync(join(work, name), { recursive: true, force: true });
}

function cleanUp(root: string, fs: FileSystem): void {
  const work = join(root, WORK_DIR);
  fs.rmSync(marker(root), { force: true });
  for (const name of ['old', 'stage']) fs.rmSync(join(work, name), { recursive: true, force: true });
}

/**
 * One synth at a time. The lock file holds the owner's pid; a lock whose
 * owner is gone (killed) is taken over.
 */
function acquireLock(root: string, fs: FileSystem, timeoutMs: number): () => void {
  const work = join(root, WORK_DIR);
  const lock = join(work, 'lock');
  try {
    fs.mkdirSync(work, { recursive: true });
  } catch (error) {
    throw ioError(error, 'cannot create the scratch directory', WORK_DIR);
  }
  const deadline = performance.now() + timeoutMs;
  let announced = false;
  for (;;) {
    try {
      const handle = fs.openSync(lock, 'wx');
      fs.writeFileSync(handle, `${process.pid}\n`);
      fs.closeSync(handle);
      return () => fs.rmSync(lock, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(error, 'cannot create the lock file', `${WORK_DIR}/lock`);
    }
    const owner = Number.parseInt(readOr(fs, lock, ''), 10);
    if (!Number.isInteger(owner) || !isAlive(owner)) {
      fs.rmSync(lock, { force: true });
      continue;
    }
    if (performance.now() > deadline) {
      throw new PlatformError(`another synth (pid ${owner}) is still writing dist/ and fleet/`, { file: `${WORK_DIR}/lock`, hint: 'wait for it to finish, then run synth again' });
    }
    if (!announced) {
      process.stderr.write(`waiting for another synth (pid ${owner}) to finish writing dist/ and fleet/...\n`);
      announced = true;
    }
    sleep(50);
  }
}

function readOr(fs: FileSystem, path: string, fallback: string): string {
  try {
    return fs.readFileSync(path, 'utf8') as string;
  } catch {
    return fallback;
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function ioError(error: unknown, what: string, file: string): PlatformError {
  const code = (error as NodeJS.ErrnoException).code;
  const hints: Record<string, string> = {
    ENOSPC: 'the disk is full: free some space and run synth again',
    EROFS: 'the file system is read-only',
    EACCES: 'check the permissions of the repository directory',
    EPERM: 'check the permissions of the repository directory',
  };
  return new PlatformError(`${what} (${code ?? String(error)}); dist/ and fleet/ were left as they were`, { file, hint: hints[code ?? ''] ?? 'fix the cause and run synth again' });
}
