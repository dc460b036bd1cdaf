import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { dirname, join } from 'node:path';
import { PlatformError } from '../errors.js';
import { parseManifest } from '../output/manifest.js';
import { DEFAULT_LAYOUT, type Tree } from '../output/layout.js';

// The output directories and the manifest are the same in every layout (OutputLayout decides them).
const { outputDirs: OUTPUT_DIRS, manifestFile: MANIFEST_FILE } = DEFAULT_LAYOUT;
import { errorCode, ioError, type FileSystem, type StepHook } from './fs.js';
import { assertOwnedDirectories, assertTreePath, WORK_DIR } from './layout.js';
import { acquireLock, LOCK_FILE } from './lock.js';
import { readOutputEntries, type OutputEntry } from './read.js';
import { removeBestEffort } from './remove.js';

export type { FileSystem, StepHook, WriterStep } from './fs.js';
export { WORK_DIR } from './layout.js';

export interface WriteResult {
  readonly changed: boolean;
  /** An interrupted synth's swap was finished first. */
  readonly finished: boolean;
  readonly written: number;
  /** Generated files that did not exist before. */
  readonly added: string[];
  /** Generated files whose bytes changed. */
  readonly updated: string[];
  readonly removed: string[];
  /** Entries in dist/ or fleet/ that synth did not generate; kept byte- and mode-exact, and check reports them. */
  readonly foreign: string[];
  /** Scratch files under .synth/ that could not be removed (root-owned, immutable), each with its error code. */
  readonly leftovers: string[];
}

export interface WriteOptions {
  readonly fs?: FileSystem;
  /** How long to wait for another synth to finish before giving up. */
  readonly lockTimeoutMs?: number;
  /** Called between steps; tests widen race windows or kill the process there. */
  readonly step?: StepHook;
  /** Where the lock's "waiting for another synth" goes (stderr by default). */
  readonly onWait?: (message: string) => void;
}

/** The commit marker: once it exists, the swap is decided and the next synth finishes it. */
const MARKER = 'commit';
/** What an older synth wrote in its marker: its stage was `.synth/stage`. */
const LEGACY_MARKER = 'swap dist and fleet from .synth/stage';

/**
 * Replaces dist/ and fleet/ with `tree`, all or nothing. The new tree is staged
 * in a fresh `.synth/run-<id>/stage`; a commit marker naming the run is written
 * atomically; then each directory is swapped by rename (the live one moves to
 * the run's `old/`). A run killed before the marker leaves the old tree; killed
 * after it, the next run finishes the swap. Scratch space is removed best
 * effort: what cannot be removed is reported, and never reused, so it cannot
 * block a later synth. Nothing outside dist/, fleet/ and .synth/ is touched.
 */
export function writeTree(root: string, tree: Tree, options: WriteOptions = {}): WriteResult {
  const fs = options.fs ?? nodeFs;
  const step = options.step ?? (() => {});
  for (const path of tree.keys()) assertTreePath(path);
  assertOwnedDirectories(root, fs);
  const work = join(root, WORK_DIR);
  try {
    fs.mkdirSync(work, { recursive: true });
  } catch (error) {
    throw ioError(error, 'cannot create the scratch directory', WORK_DIR);
  }
  const release = acquireLock(work, { fs, step, timeoutMs: options.lockTimeoutMs ?? 30_000, onWait: options.onWait ?? ((message) => process.stderr.write(message)) });
  try {
    assertOwnedDirectories(root, fs);
    const leftovers: string[] = [];
    let finished = false;
    try {
      finished = recover(root, fs, step, leftovers) === 'rolled-forward';
    } catch (error) {
      throw new PlatformError(`cannot finish the swap an interrupted synth left (${errorCode(error) ?? String(error)})`, { file: `${WORK_DIR}/${MARKER}`, hint: 'fix the cause (permissions, disk space) and run synth again; it resumes where the last one stopped' });
    }
    leftovers.push(...sweep(root, fs));
    const current = readCurrent(root, fs);
    const manifest = current.get(MANIFEST_FILE);
    const previous = parseManifest(manifest?.type === 'file' ? manifest.bytes.toString('utf8') : '');
    const generatedDirectories = new Set([...tree.keys()].flatMap(ancestors));
    // An empty directory that synth now fills is not kept as such; anything else not generated is.
    const fills = (path: string) => path.endsWith('/') && generatedDirectories.has(path.slice(0, -1));
    const foreign = [...current.keys()].filter((path) => !tree.has(path) && !previous.has(path) && !fills(path)).sort();
    assertNoCollision(foreign, tree, generatedDirectories);
    const removed = [...current.keys()].filter((path) => !tree.has(path) && previous.has(path)).sort();
    const added = [...tree.keys()].filter((path) => !current.has(path));
    const updated = [...tree].filter(([path, content]) => current.has(path) && !sameFile(current.get(path), content)).map(([path]) => path);
    const changed = removed.length > 0 || added.length > 0 || updated.length > 0;
    if (!changed) return { changed, finished, written: 0, added, updated, removed, foreign, leftovers: [...new Set(leftovers)] };

    const run = join(WORK_DIR, `run-${randomBytes(8).toString('hex')}`);
    const stage = join(root, run, 'stage');
    try {
      for (const [path, content] of tree) writeFile(fs, join(stage, path), Buffer.from(content, 'utf8'));
      // Entries synth does not own survive the swap exactly: bytes, mode, links as links.
      for (const path of foreign) stageForeign(fs, join(stage, path.replace(/\/$/, '')), current.get(path) as OutputEntry);
      for (const dir of OUTPUT_DIRS) fs.mkdirSync(join(stage, dir), { recursive: true });
    } catch (error) {
      removeBestEffort(fs, join(root, run), run);
      throw ioError(error, 'cannot stage the new tree', WORK_DIR);
    }
    step('stage:written');
    leftovers.push(...commit(root, run, fs, step));
    step('cleanup:marker-removed');
    leftovers.push(...removeBestEffort(fs, join(root, run), run));
    return { changed, finished, written: tree.size, added, updated, removed, foreign, leftovers: [...new Set(leftovers)] };
  } finally {
    release();
  }
}

function readCurrent(root: string, fs: FileSystem): Map<string, OutputEntry> {
  try {
    return readOutputEntries(root, fs);
  } catch (error) {
    if (error instanceof PlatformError) throw error;
    throw ioError(error, 'cannot read the current dist/ and fleet/', 'dist/');
  }
}

function sameFile(entry: OutputEntry | undefined, content: string): boolean {
  return entry?.type === 'file' && entry.bytes.equals(Buffer.from(content, 'utf8'));
}

/** `dist/a/b.yaml` → `dist/a`, `dist`: the directories a path needs. */
function ancestors(path: string): string[] {
  const segments = path.split('/');
  return segments.slice(1).map((_, index) => segments.slice(0, index + 1).join('/'));
}

/** A kept entry where synth needs a directory (or inside a path synth writes as a file) would be lost or break the swap. */
function assertNoCollision(foreign: readonly string[], tree: Tree, generatedDirectories: ReadonlySet<string>): void {
  for (const path of foreign) {
    const bare = path.replace(/\/$/, '');
    const blocked = generatedDirectories.has(bare) ? `synth writes the directory ${bare}/ there` : ancestors(bare).find((ancestor) => tree.has(ancestor));
    if (blocked) {
      throw new PlatformError(`${bare} was not generated by synth, and ${generatedDirectories.has(bare) ? blocked : `synth writes the file ${blocked}`}`, { file: bare, hint: 'move it out of the way and run synth again' });
    }
  }
}

function writeFile(fs: FileSystem, path: string, bytes: Buffer): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  fs.writeFileSync(path, bytes, { flag: 'wx' });
}

function stageForeign(fs: FileSystem, path: string, entry: OutputEntry): void {
  fs.mkdirSync(dirname(path), { recursive: true });
  if (entry.type === 'file') {
    fs.writeFileSync(path, entry.bytes, { flag: 'wx' });
    fs.chmodSync(path, entry.mode); // the umask narrowed writeFileSync's mode
  } else if (entry.type === 'link') {
    fs.symlinkSync(entry.target, path);
  } else {
    fs.mkdirSync(path);
    fs.chmodSync(path, entry.mode);
  }
}

const markerPath = (root: string) => join(root, WORK_DIR, MARKER);

/** Records the decision, swaps, and removes the marker; returns the marker if it could not be removed. */
function commit(root: string, run: string, fs: FileSystem, step: StepHook): string[] {
  const temporary = join(root, run, `${MARKER}.tmp`);
  try {
    fs.writeFileSync(temporary, `${run.slice(WORK_DIR.length + 1)}\n`);
    fs.renameSync(temporary, markerPath(root));
  } catch (error) {
    removeBestEffort(fs, join(root, run), run);
    throw ioError(error, 'cannot record the commit marker', WORK_DIR);
  }
  step('commit:marked');
  const old = join(root, run, 'old');
  try {
    rollForward(root, join(root, run, 'stage'), old, fs, step);
  } catch (error) {
    rollBack(root, join(root, run, 'stage'), old, fs);
    throw ioError(error, 'cannot replace the output directories', 'dist/');
  }
  return removeMarker(root, fs);
}

/**
 * Removes the marker, best effort; returns it as a leftover if it stays. A
 * stale marker only makes the next synth repeat a finished (no-op) swap, but
 * check reports it as an interrupted synth until it is gone.
 */
function removeMarker(root: string, fs: FileSystem): string[] {
  return removeBestEffort(fs, markerPath(root), `${WORK_DIR}/${MARKER}`);
}

/**
 * Finishes a swap that a killed synth left behind (its marker exists), or
 * does nothing: without a marker, dist/ and fleet/ were never touched. The
 * killed run's scratch space is left for `sweep`.
 */
export function recover(root: string, fs: FileSystem = nodeFs, step: StepHook = () => {}, leftovers: string[] = []): 'clean' | 'rolled-forward' {
  const stage = pendingStage(root, fs);
  if (stage === undefined) return 'clean';
  rollForward(root, join(root, stage), join(root, WORK_DIR, `run-${randomBytes(8).toString('hex')}`, 'old'), fs, step);
  leftovers.push(...removeMarker(root, fs));
  return 'rolled-forward';
}

/** The stage directory (repository-relative) a commit marker names, or undefined when no swap is pending. */
export function pendingStage(root: string, fs: FileSystem = nodeFs): string | undefined {
  let text: string;
  try {
    // Only a small regular file is a marker: a FIFO or a link there must not block or lead anywhere.
    const stats = fs.lstatSync(markerPath(root));
    if (!stats.isFile() || stats.size > 1024) return undefined;
    text = (fs.readFileSync(markerPath(root), 'utf8') as string).trim();
  } catch {
    return undefined;
  }
  if (/^run-[0-9a-f]{16}$/.test(text)) return join(WORK_DIR, text, 'stage');
  if (text === LEGACY_MARKER) return join(WORK_DIR, 'stage');
  return undefined;
}

/** For each output directory: move the live one aside, then move the staged one in. Safe to repeat. */
function rollForward(root: string, stage: string, old: string, fs: FileSystem, step: StepHook): void {
  for (const dir of OUTPUT_DIRS) {
    const staged = join(stage, dir);
    if (!fs.existsSync(staged)) continue;
    const live = join(root, dir);
    if (fs.existsSync(live)) {
      fs.mkdirSync(old, { recursive: true });
      fs.renameSync(live, join(old, dir));
    }
    step(`swap:${dir}-aside`);
    fs.renameSync(staged, live);
    step(`swap:${dir}-in`);
  }
}

/** Undoes a partial roll-forward after an I/O error: the old directories go back. */
function rollBack(root: string, stage: string, old: string, fs: FileSystem): void {
  for (const dir of OUTPUT_DIRS) {
    const saved = join(old, dir);
    if (!fs.existsSync(saved)) continue;
    const live = join(root, dir);
    if (fs.existsSync(live)) fs.renameSync(live, join(stage, dir));
    fs.renameSync(saved, live);
  }
  removeMarker(root, fs);
  removeBestEffort(fs, dirname(stage), dirname(stage).slice(root.length + 1));
}

/**
 * Removes every scratch entry of finished or killed runs (everything in
 * .synth/ but the lock files), best effort; returns what could not be removed.
 * Each run uses fresh names, so a leftover never blocks a later synth.
 */
function sweep(root: string, fs: FileSystem): string[] {
  const work = join(root, WORK_DIR);
  return (fs.readdirSync(work) as string[])
    .filter((name) => name !== LOCK_FILE && !name.startsWith(`${LOCK_FILE}.`) && name !== MARKER)
    .sort()
    .flatMap((name) => removeBestEffort(fs, join(work, name), `${WORK_DIR}/${name}`));
}
