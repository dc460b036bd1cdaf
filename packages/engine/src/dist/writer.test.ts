import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformError } from '../errors.js';
import { sha256 } from '../render/render.js';
import { processStart } from './owner.js';
import { readOutputEntries, readOutputTree } from './read.js';
import { pendingStage, recover, writeTree, type FileSystem, type WriterStep } from './writer.js';

/** A generated tree with its ownership manifest, as render produces it. */
function generated(files: Record<string, string>): Map<string, string> {
  const manifest = Object.keys(files).sort().map((path) => `${sha256(files[path] ?? '')}  ${path}\n`).join('');
  return new Map([...Object.entries(files), ['dist/SHA256SUMS', manifest]]);
}
const OLD = generated({ 'dist/a/x.yaml': 'old x\n', 'dist/a/gone.yaml': 'old only\n', 'fleet/gitrepo.yaml': 'old repo\n' });
const NEW = generated({ 'dist/a/x.yaml': 'new x\n', 'dist/b/y.yaml': 'new y\n', 'fleet/gitrepo.yaml': 'new repo\n' });

let root = '';
const outside: string[] = [];
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  for (const dir of outside.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fresh(): string {
  root = mkdtempSync(join(tmpdir(), 'writer-test-'));
  writeTree(root, OLD);
  return root;
}

const MUTATING = ['mkdirSync', 'writeFileSync', 'renameSync', 'unlinkSync', 'rmdirSync', 'linkSync', 'symlinkSync', 'chmodSync'] as const;

/** A file system whose mutating calls pass through `gate` first (which may throw, as a kill or a permission error would). */
function gated(gate: (operation: string, path: string) => void): FileSystem {
  const wrapped: Record<string, unknown> = { ...fs };
  for (const name of MUTATING) {
    const operation = fs[name] as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      gate(name, String(args[name === 'linkSync' || name === 'renameSync' || name === 'symlinkSync' ? 1 : 0]));
      return operation(...args);
    };
  }
  return wrapped as unknown as FileSystem;
}

/** A file system that dies (every call throws) after `steps` mutating calls, like a process killed at that moment. */
function dyingAfter(steps: number): { fs: FileSystem; died: () => boolean } {
  let left = steps;
  let died = false;
  return {
    fs: gated(() => {
      if (died || left-- <= 0) {
        died = true;
        throw Object.assign(new Error('killed'), { code: 'EKILLED' });
      }
    }),
    died: () => died,
  };
}

const asObject = (tree: Map<string, string>) => Object.fromEntries([...tree].sort());
const thrown = (run: () => unknown): PlatformError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected an error');
};

describe('writeTree', () => {
  it('replaces dist/ and fleet/, removing files no longer generated', () => {
    writeTree(fresh(), NEW);
    expect(asObject(readOutputTree(root))).toEqual(asObject(NEW));
    expect(fs.readdirSync(join(root, '.synth'))).toEqual([]);
  });

  it('leaves the tree alone when nothing changed', () => {
    expect(writeTree(fresh(), OLD).changed).toBe(false);
  });

  it('says when it finished the swap a killed run had decided, whether or not anything else changed', () => {
    let seen = 0;
    for (let step = 0; step < 300 && seen < 3; step += 1) {
      fresh();
      const dying = dyingAfter(step);
      try {
        writeTree(root, NEW, { fs: dying.fs });
      } catch {
        // killed
      }
      if (pendingStage(root) !== undefined) {
        seen += 1;
        expect(writeTree(root, NEW, { lockTimeoutMs: 200 }).finished, `killed after ${step} steps`).toBe(true);
      }
      rmSync(root, { recursive: true, force: true });
      if (!dying.died()) break;
    }
    expect(seen).toBeGreaterThan(0);
    fresh();
    expect(writeTree(root, NEW).finished).toBe(false);
    rmSync(root, { recursive: true, force: true });
  });

  it('is all-old or all-new after being killed at any step, and the next run recovers without help', () => {
    let step = 0;
    for (; step < 300; step += 1) {
      fresh();
      const dying = dyingAfter(step);
      try {
        writeTree(root, NEW, { fs: dying.fs });
      } catch {
        // killed
      }
      // The killed writer's lock names this (live) process, but a token it no longer holds: it must read as stale.
      const state = recover(root);
      const after = asObject(readOutputTree(root));
      expect([asObject(OLD), asObject(NEW)], `killed after ${step} steps (${state})`).toContainEqual(after);
      const next = writeTree(root, NEW, { lockTimeoutMs: 200 });
      expect(next.leftovers).toEqual([]);
      expect(asObject(readOutputTree(root))).toEqual(asObject(NEW));
      expect(fs.readdirSync(join(root, '.synth')), `scratch left after ${step} steps`).toEqual([]);
      rmSync(root, { recursive: true, force: true });
      if (!dying.died()) break;
    }
    expect(step).toBeGreaterThan(20);
  });

  it('reports a full disk with a clear error and loses nothing', () => {
    fresh();
    const full = gated((operation, path) => {
      if (operation === 'writeFileSync' && path.includes('stage')) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    });
    expect(thrown(() => writeTree(root, NEW, { fs: full })).describe()).toMatch(/ENOSPC.*left as they were[\s\S]*disk is full/);
    expect(asObject(readOutputTree(root))).toEqual(asObject(OLD));
  });
});

describe('files synth did not generate', () => {
  // A PNG's signature and a chunk with bytes that are not UTF-8; Latin-1 text; a script; an empty file.
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489ff00fe80', 'hex');
  const latin1 = Buffer.from('caf\xe9 cr\xe8me br\xfbl\xe9e\n', 'latin1');

  it('survive a rewrite byte- and mode-exact, links stay links, and each is reported', () => {
    fresh();
    fs.mkdirSync(join(root, 'dist/assets'));
    fs.writeFileSync(join(root, 'dist/assets/logo.png'), png);
    fs.writeFileSync(join(root, 'dist/notes-latin1.txt'), latin1);
    fs.writeFileSync(join(root, 'fleet/hook.sh'), '#!/bin/sh\necho hi\n', { mode: 0o755 });
    fs.chmodSync(join(root, 'fleet/hook.sh'), 0o755);
    fs.writeFileSync(join(root, 'dist/a/empty'), '');
    fs.chmodSync(join(root, 'dist/a/empty'), 0o600);
    fs.mkdirSync(join(root, 'dist/placeholder'));
    fs.symlinkSync('../a/x.yaml', join(root, 'dist/assets/link'));
    fs.symlinkSync('/etc/hostname', join(root, 'dist/outside-link'));
    const before = readOutputEntries(root);

    const result = writeTree(root, NEW);

    expect(result.foreign).toEqual(['dist/a/empty', 'dist/assets/link', 'dist/assets/logo.png', 'dist/notes-latin1.txt', 'dist/outside-link', 'dist/placeholder/', 'fleet/hook.sh']);
    const after = readOutputEntries(root);
    for (const path of result.foreign) expect(after.get(path), path).toEqual(before.get(path));
    expect(fs.readFileSync(join(root, 'dist/assets/logo.png')).equals(png)).toBe(true);
    expect(fs.statSync(join(root, 'fleet/hook.sh')).mode & 0o777).toBe(0o755);
    expect(fs.lstatSync(join(root, 'dist/outside-link')).isSymbolicLink()).toBe(true);
    // And a second rewrite keeps them again.
    writeTree(root, OLD);
    for (const path of result.foreign) expect(readOutputEntries(root).get(path), path).toEqual(before.get(path));
  });

  it('are never read through a link, so no content outside the repository is copied in', () => {
    fresh();
    const secret = mkdtempSync(join(tmpdir(), 'outside-'));
    outside.push(secret);
    fs.writeFileSync(join(secret, 'private.key'), 'PRIVATE\n');
    fs.symlinkSync(secret, join(root, 'dist/linked-dir'));
    writeTree(root, NEW);
    expect(fs.readlinkSync(join(root, 'dist/linked-dir'))).toBe(secret);
    // find(1) does not follow links: a copy of the key anywhere in the repository would show.
    expect(spawnSync('find', [root, '-name', 'private.key'], { encoding: 'utf8' }).stdout).toBe('');
  });

  it('that sit where synth needs a directory are refused, not lost', () => {
    fresh();
    fs.writeFileSync(join(root, 'dist/b'), 'a file where dist/b/ goes\n');
    expect(thrown(() => writeTree(root, NEW)).describe()).toMatch(/^dist\/b: dist\/b was not generated by synth, and synth writes the directory dist\/b\/ there/);
    expect(asObject(readOutputTree(root))).toEqual({ ...asObject(OLD), 'dist/b': 'a file where dist/b/ goes\n' });
  });

  it('a FIFO is refused rather than read (reading it would block forever)', (context) => {
    fresh();
    const made = spawnSync('mkfifo', [join(root, 'dist/pipe')]).status === 0;
    if (!made) return context.skip('mkfifo is not available');
    expect(thrown(() => writeTree(root, NEW)).describe()).toMatch(/dist\/pipe is not a regular file, directory or link/);
    expect(fs.readFileSync(join(root, 'dist/a/x.yaml'), 'utf8')).toBe('old x\n');
  });
});

describe('symbolic links and files where synth keeps its directories', () => {
  for (const place of ['dist', 'fleet', '.synth']) {
    it(`refuses ${place} as a link to a directory outside the repository, touching nothing there`, () => {
      fresh();
      const target = mkdtempSync(join(tmpdir(), 'link-target-'));
      outside.push(target);
      fs.mkdirSync(join(target, 'old'));
      fs.writeFileSync(join(target, 'old/keep'), 'keep\n');
      fs.writeFileSync(join(target, 'private'), 'private\n');
      const before = readOutputTree(root);
      rmSync(join(root, place), { recursive: true, force: true });
      fs.symlinkSync(target, join(root, place));
      const error = thrown(() => writeTree(root, NEW));
      expect(error.describe()).toMatch(new RegExp(`^${place.replace('.', '\\.')}: ${place.replace('.', '\\.')} is a symbolic link; synth does not follow links`));
      expect(fs.readdirSync(target).sort()).toEqual(['old', 'private']);
      expect(fs.readFileSync(join(target, 'old/keep'), 'utf8')).toBe('keep\n');
      if (place !== '.synth') before.forEach((_, path) => path.startsWith(`${place}/`) && before.delete(path));
      if (place !== '.synth') expect(() => readOutputTree(root)).toThrow(/symbolic link/);
      else expect(asObject(readOutputTree(root))).toEqual(asObject(before));
    });

    it(`refuses ${place} as a regular file with one message`, () => {
      fresh();
      rmSync(join(root, place), { recursive: true, force: true });
      fs.writeFileSync(join(root, place), 'not a directory\n');
      expect(thrown(() => writeTree(root, NEW)).describe()).toMatch(new RegExp(`^${place.replace('.', '\\.')}: ${place.replace('.', '\\.')} is a file, but synth keeps a directory there\\n  hint: move it away`));
      expect(fs.readFileSync(join(root, place), 'utf8')).toBe('not a directory\n');
    });
  }

  for (const name of ['lock', 'commit', 'run-0123456789abcdef', 'stage', 'old']) {
    it(`refuses .synth/${name} as a link`, () => {
      fresh();
      const target = mkdtempSync(join(tmpdir(), 'link-target-'));
      outside.push(target);
      fs.writeFileSync(join(target, 'keep'), 'keep\n');
      fs.symlinkSync(target, join(root, '.synth', name));
      expect(thrown(() => writeTree(root, NEW)).describe()).toMatch(new RegExp(`^\\.synth/${name}: .* is a symbolic link`));
      expect(fs.readdirSync(target)).toEqual(['keep']);
      expect(asObject(readOutputTree(root))).toEqual(asObject(OLD));
    });
  }
});

describe('paths', () => {
  const hostile = ['dist/../../etc/passwd', '/etc/passwd', 'dist/a/../../x', 'dist//x', 'dist/./x', 'dist/a\\..\\x', 'dist/a/x\u0000.yaml', 'dist/a/x\n.yaml', 'README.md', 'dist', 'fleet/'];
  for (const path of hostile) {
    it(`refuses to write ${JSON.stringify(path)} and writes nothing`, () => {
      fresh();
      const tree = new Map([...NEW, [path, 'x\n']]);
      expect(thrown(() => writeTree(root, tree)).message).toContain(`refusing to write ${JSON.stringify(path)}`);
      expect(asObject(readOutputTree(root))).toEqual(asObject(OLD));
    });
  }
});

describe('cleanup is best effort', () => {
  /** A removal of synth's scratch space (a run's directory, or the commit marker). */
  const isCleanup = (operation: string, path: string) => (path.includes('.synth/run-') || path.endsWith('.synth/commit')) && (operation === 'unlinkSync' || operation === 'rmdirSync');

  /** Every removal of scratch space, in order, for one synth: the places a root-owned or immutable leftover makes fail. */
  function cleanupSteps(): number {
    fresh();
    let count = 0;
    writeTree(root, NEW, { fs: gated((operation, path) => void (isCleanup(operation, path) && count++)) });
    rmSync(root, { recursive: true, force: true });
    return count;
  }

  for (const code of ['EACCES', 'EPERM']) {
    it(`${code} at any cleanup step: synth succeeds, names what it could not remove, and the next synth works`, () => {
      const steps = cleanupSteps();
      expect(steps).toBeGreaterThan(5);
      for (let failing = 0; failing < steps; failing += 1) {
        fresh();
        let seen = 0;
        const stubborn = new Set<string>();
        const denying = gated((operation, path) => {
          if (!isCleanup(operation, path)) return;
          if (seen++ === failing || stubborn.has(path)) {
            stubborn.add(path);
            throw Object.assign(new Error(`${code}: operation not permitted`), { code });
          }
        });
        const first = writeTree(root, NEW, { fs: denying });
        expect(asObject(readOutputTree(root)), `step ${failing}`).toEqual(asObject(NEW));
        expect(first.leftovers, `step ${failing}`).toHaveLength(1);
        expect(first.leftovers[0]).toMatch(new RegExp(`^\\.synth/(run-[0-9a-f]{16}(/\\S*)?|commit) \\(${code}\\)$`));
        // The leftover stays (still root-owned): later synths work in both directions and keep naming it.
        const second = writeTree(root, OLD, { fs: denying });
        expect(asObject(readOutputTree(root))).toEqual(asObject(OLD));
        expect(second.leftovers).toEqual(first.leftovers);
        // Once removable (sudo rm), the next synth removes it and says nothing.
        expect(writeTree(root, NEW).leftovers).toEqual([]);
        expect(fs.readdirSync(join(root, '.synth'))).toEqual([]);
        rmSync(root, { recursive: true, force: true });
      }
    });
  }
});

describe('read errors', () => {
  it('a file in dist/ that cannot be read is one message naming it, and nothing changes', () => {
    fresh();
    const unreadable: FileSystem = {
      ...fs,
      readFileSync: ((path: fs.PathOrFileDescriptor, options?: unknown) => {
        if (String(path).endsWith('dist/a/x.yaml')) throw Object.assign(new Error('permission denied'), { code: 'EACCES' });
        return fs.readFileSync(path, options as BufferEncoding);
      }) as typeof fs.readFileSync,
    };
    expect(thrown(() => writeTree(root, NEW, { fs: unreadable })).describe()).toBe('dist/a/x.yaml: cannot read dist/a/x.yaml (EACCES)\n  hint: check its permissions');
    expect(asObject(readOutputTree(root))).toEqual(asObject(OLD));
  });

  it('a FIFO planted in .synth/ (where the lock is read) is refused, not read', (context) => {
    fresh();
    if (spawnSync('mkfifo', [join(root, '.synth/lock')]).status !== 0) return context.skip('mkfifo is not available');
    expect(thrown(() => writeTree(root, NEW)).describe()).toMatch(/^\.synth: \.synth\/lock is not a file or directory \(a FIFO, socket or device\)/);
  });

  it('a swap that cannot be finished is one message, and the next synth finishes it', () => {
    fresh();
    let killed = false;
    const dying = gated(() => {
      if (killed) throw Object.assign(new Error('killed'), { code: 'EKILLED' });
    });
    expect(() => writeTree(root, NEW, { fs: dying, step: (step) => void (step === 'swap:dist-aside' && (killed = true)) })).toThrow();
    const denied = gated((operation) => {
      if (operation === 'renameSync') throw Object.assign(new Error('denied'), { code: 'EACCES' });
    });
    expect(thrown(() => writeTree(root, NEW, { fs: denied })).describe()).toMatch(/^\.synth\/commit: cannot finish the swap an interrupted synth left \(EACCES\)\n  hint: fix the cause/);
    writeTree(root, NEW);
    expect(asObject(readOutputTree(root))).toEqual(asObject(NEW));
  });
});

describe('the lock', () => {
  const record = (fields: Record<string, unknown>) => `${JSON.stringify({ host: hostname(), token: 'f00d', start: null, boot: null, ...fields })}\n`;

  it('waits for, then refuses to race, a live synth that holds it', () => {
    fresh();
    fs.writeFileSync(join(root, '.synth/lock'), record({ pid: process.ppid, start: processStart(process.ppid) }));
    let waited = '';
    expect(thrown(() => writeTree(root, NEW, { lockTimeoutMs: 100, onWait: (message) => (waited = message) })).message).toMatch(/another synth \(pid \d+\) is still writing/);
    expect(waited).toBe(`waiting for another synth (pid ${process.ppid}) to finish writing dist/ and fleet/...\n`);
    expect(asObject(readOutputTree(root))).toEqual(asObject(OLD));
  });

  const stale: Record<string, string> = {
    'a dead pid': record({ pid: 999_999_999 }),
    'pid 1, started at another time': record({ pid: 1, start: '1' }),
    'our parent pid, started at another time': record({ pid: process.ppid, start: '2' }),
    'a pid from before the last reboot': record({ pid: process.ppid, boot: 'another-boot' }),
    'an empty file (a lock never exists without its owner)': '',
    'a bare pid from an older synth': `${process.ppid}\n`,
    garbage: '\u0000\u0001{',
  };
  for (const [what, content] of Object.entries(stale)) {
    it(`takes over a lock held by ${what}`, () => {
      fresh();
      fs.writeFileSync(join(root, '.synth/lock'), content);
      writeTree(root, NEW, { lockTimeoutMs: 100 });
      expect(asObject(readOutputTree(root))).toEqual(asObject(NEW));
      expect(fs.readdirSync(join(root, '.synth'))).toEqual([]);
    });
  }

  it('on another host cannot be judged: it waits and names the host', () => {
    fresh();
    fs.writeFileSync(join(root, '.synth/lock'), record({ pid: 1, host: 'elsewhere' }));
    expect(thrown(() => writeTree(root, NEW, { lockTimeoutMs: 50, onWait: () => {} })).describe()).toMatch(/pid 1 on host elsewhere[\s\S]*if no synth runs on elsewhere, delete \.synth\/lock/);
  });

  it('records its owner before the lock exists', () => {
    fresh();
    const seen: string[] = [];
    const steps: WriterStep[] = [];
    writeTree(root, NEW, {
      step: (step) => {
        steps.push(step);
        if (step === 'lock:recorded') seen.push(String(fs.existsSync(join(root, '.synth/lock'))));
        if (step === 'lock:acquired') seen.push(fs.readFileSync(join(root, '.synth/lock'), 'utf8'));
      },
    });
    expect(seen[0]).toBe('false');
    expect(JSON.parse(seen[1] ?? '')).toMatchObject({ pid: process.pid, host: hostname(), start: processStart(process.pid) });
    expect(steps).toEqual(['lock:recorded', 'lock:acquired', 'stage:written', 'commit:marked', 'swap:dist-aside', 'swap:dist-in', 'swap:fleet-aside', 'swap:fleet-in', 'cleanup:marker-removed', 'lock:releasing']);
  });
});

describe('recover', () => {
  it('finishes a swap a killed synth left half done, from the marker it wrote', () => {
    fresh();
    let stage = '';
    let killed = false;
    // Killed right after moving dist/ aside: from then on no call of that process does anything.
    const dying = gated(() => {
      if (killed) throw Object.assign(new Error('killed'), { code: 'EKILLED' });
    });
    expect(() =>
      writeTree(root, NEW, {
        fs: dying,
        step: (step) => {
          if (step !== 'swap:dist-aside') return;
          stage = pendingStage(root) ?? '';
          killed = true;
        },
      }),
    ).toThrow();
    expect(stage).toMatch(/^\.synth\/run-[0-9a-f]{16}\/stage$/);
    expect(fs.existsSync(join(root, 'dist'))).toBe(false);
    expect(recover(root)).toBe('rolled-forward');
    expect(asObject(readOutputTree(root))).toEqual(asObject(NEW));
  });
});
