import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../errors.js';
import { sha256 } from '../render/render.js';
import { readOutputTree } from './read.js';
import { recover, writeTree, type FileSystem } from './writer.js';

/** A generated tree with its ownership manifest, as render produces it. */
function generated(files: Record<string, string>): Map<string, string> {
  const manifest = Object.keys(files).sort().map((path) => `${sha256(files[path] ?? '')}  ${path}\n`).join('');
  return new Map([...Object.entries(files), ['dist/SHA256SUMS', manifest]]);
}
const OLD = generated({ 'dist/a/x.yaml': 'old x\n', 'dist/a/gone.yaml': 'old only\n', 'fleet/gitrepo.yaml': 'old repo\n' });
const NEW = generated({ 'dist/a/x.yaml': 'new x\n', 'dist/b/y.yaml': 'new y\n', 'fleet/gitrepo.yaml': 'new repo\n' });

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

function fresh(): string {
  root = mkdtempSync(join(tmpdir(), 'writer-test-'));
  writeTree(root, OLD);
  return root;
}

/** A file system that dies (every call throws) after `steps` mutating calls, like a process killed at that moment. */
function dyingAfter(steps: number): FileSystem & { died: boolean } {
  let left = steps;
  const state = { died: false };
  const mutate = <T extends (...args: never[]) => unknown>(operation: T): T =>
    ((...args: never[]) => {
      if (left-- <= 0) {
        state.died = true;
        throw Object.assign(new Error('killed'), { code: 'EKILLED' });
      }
      return operation(...args);
    }) as T;
  return Object.assign(state, {
    existsSync: fs.existsSync,
    readFileSync: fs.readFileSync,
    openSync: mutate(fs.openSync),
    closeSync: fs.closeSync,
    unlinkSync: mutate(fs.unlinkSync),
    mkdirSync: mutate(fs.mkdirSync),
    writeFileSync: mutate(fs.writeFileSync),
    renameSync: mutate(fs.renameSync),
    rmSync: mutate(fs.rmSync),
  }) as FileSystem & { died: boolean };
}

const asObject = (tree: Map<string, string>) => Object.fromEntries([...tree].sort());

describe('writeTree', () => {
  it('replaces dist/ and fleet/, removing files no longer generated', () => {
    writeTree(fresh(), NEW);
    expect(asObject(readOutputTree(root))).toEqual(asObject(NEW));
  });

  it('keeps a file it did not generate, and says so', () => {
    fresh();
    fs.writeFileSync(join(root, 'dist/notes.md'), 'mine\n');
    expect(writeTree(root, NEW).foreign).toEqual(['dist/notes.md']);
    expect(fs.readFileSync(join(root, 'dist/notes.md'), 'utf8')).toBe('mine\n');
  });

  it('leaves the tree alone when nothing changed', () => {
    expect(writeTree(fresh(), OLD).changed).toBe(false);
  });

  it('is all-old or all-new after being killed at any step, and the next run recovers without help', () => {
    let step = 0;
    for (; step < 200; step += 1) {
      fresh();
      const dying = dyingAfter(step);
      try {
        writeTree(root, NEW, { fs: dying });
      } catch {
        // killed
      }
      // The killed process is gone: its lock now names a dead pid.
      if (fs.existsSync(join(root, '.synth/lock'))) fs.writeFileSync(join(root, '.synth/lock'), '999999999\n');
      recover(root);
      const after = asObject(readOutputTree(root));
      expect([asObject(OLD), asObject(NEW)], `killed after ${step} steps`).toContainEqual(after);
      writeTree(root, NEW);
      expect(asObject(readOutputTree(root))).toEqual(asObject(NEW));
      rmSync(root, { recursive: true, force: true });
      if (!dying.died) break;
    }
    expect(step).toBeGreaterThan(10);
  });

  it('reports a full disk with a clear error and loses nothing', () => {
    fresh();
    const full: FileSystem = {
      ...fs,
      writeFileSync: ((path: fs.PathOrFileDescriptor, data: string) => {
        if (String(path).includes('stage')) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
        fs.writeFileSync(path, data);
      }) as typeof fs.writeFileSync,
    };
    let error: unknown;
    try {
      writeTree(root, NEW, { fs: full });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).describe()).toMatch(/ENOSPC.*left as they were[\s\S]*disk is full/);
    expect(asObject(readOutputTree(root))).toEqual(asObject(OLD));
  });

  it('waits for, then refuses to race, a synth that holds the lock', () => {
    fresh();
    fs.writeFileSync(join(root, '.synth/lock'), `${process.ppid}\n`);
    expect(() => writeTree(root, NEW, { lockTimeoutMs: 100 })).toThrow(/another synth \(pid \d+\) is still writing/);
    expect(asObject(readOutputTree(root))).toEqual(asObject(OLD));
  });

  it('takes over the lock of a synth that was killed', () => {
    fresh();
    fs.writeFileSync(join(root, '.synth/lock'), '999999999\n');
    writeTree(root, NEW, { lockTimeoutMs: 100 });
    expect(asObject(readOutputTree(root))).toEqual(asObject(NEW));
  });
});
