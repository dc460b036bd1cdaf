import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PlatformError } from '../errors.js';
import { errorCode, ioError, type FileSystem, type StepHook } from './fs.js';
import { markHeld, newOwnerRecord, ownerLiveness, parseOwnerRecord, serialise, type OwnerRecord } from './owner.js';

/** The lock file, relative to the scratch directory. */
export const LOCK_FILE = 'lock';

export interface LockOptions {
  readonly fs: FileSystem;
  readonly timeoutMs: number;
  readonly step: StepHook;
  /** Told once when another synth holds the lock and this one starts waiting. */
  readonly onWait: (message: string) => void;
}

/**
 * One synth at a time, across processes.
 *
 * The lock exists only with its owner recorded: the record is written to a
 * private temporary file first and then hard-linked to `lock`, which fails with
 * EEXIST if the lock is held (link(2) is atomic and never replaces a file).
 *
 * A lock whose owner is dead (by pid, process start time, boot id and host;
 * see owner.ts) is removed under a guard: `lock.reap-<digest of its content>`,
 * taken the same way. Only the guard's holder may remove the lock, and only
 * while its content is still the one judged stale, so two waiters that saw the
 * same stale lock cannot both remove it, and neither can remove the fresh lock
 * the other takes next. A guard whose holder died is reaped the same way.
 *
 * Returns the release function.
 */
export function acquireLock(work: string, options: LockOptions): () => void {
  const { fs, step } = options;
  const lock = join(work, LOCK_FILE);
  const record = newOwnerRecord();
  const temporary = join(work, `${LOCK_FILE}.${record.token}.tmp`);
  try {
    fs.writeFileSync(temporary, serialise(record), { flag: 'wx' });
  } catch (error) {
    throw ioError(error, 'cannot create the lock file', `${work.split('/').pop()}/${LOCK_FILE}`);
  }
  step('lock:recorded');
  const deadline = performance.now() + options.timeoutMs;
  let announced = false;
  try {
    for (;;) {
      if (take(fs, temporary, lock)) {
        markHeld(record, true);
        step('lock:acquired');
        sweepDeadLockFiles(fs, work);
        return () => {
          try {
            step('lock:releasing');
            if (readOrUndefined(fs, lock) === serialise(record)) fs.unlinkSync(lock);
          } finally {
            markHeld(record, false);
          }
        };
      }
      const text = readOrUndefined(fs, lock);
      if (text === undefined) continue; // released between our link and our read: try again at once
      const owner = parseOwnerRecord(text);
      const liveness = owner ? ownerLiveness(owner) : 'dead';
      if (liveness === 'dead') {
        step('lock:stale-read');
        reap(fs, lock, text, temporary, record, step);
        sleep(Math.random() * 5); // another waiter may be reaping it: give it a moment rather than spin
        continue;
      }
      const who = owner ? `pid ${owner.pid}${liveness === 'unknown' ? ` on host ${owner.host}` : ''}` : 'unknown';
      if (performance.now() > deadline) {
        throw new PlatformError(`another synth (${who}) is still writing dist/ and fleet/`, {
          file: `.synth/${LOCK_FILE}`,
          hint: liveness === 'unknown' ? `wait for it to finish; if no synth runs on ${owner?.host}, delete .synth/${LOCK_FILE}` : 'wait for it to finish, then run synth again',
        });
      }
      if (!announced) {
        options.onWait(`waiting for another synth (${who}) to finish writing dist/ and fleet/...\n`);
        announced = true;
      }
      sleep(20 + Math.random() * 30);
    }
  } finally {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Already gone (swept as dead after a simulated kill); nothing to undo.
    }
  }
}

/** Links `source` to `target`; false when `target` exists. */
function take(fs: FileSystem, source: string, target: string): boolean {
  try {
    fs.linkSync(source, target);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw ioError(error, 'cannot take the lock', `.synth/${LOCK_FILE}`);
  }
}

/** Removes `path` if it still holds `text` (whose owner is dead), under a guard only one process can hold. */
function reap(fs: FileSystem, path: string, text: string, temporary: string, record: OwnerRecord, step: StepHook): void {
  const guard = `${path}.reap-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
  // While we hold the guard, a simulated kill in this same process must leave it looking dead, so mark it held only meanwhile.
  markHeld(record, true);
  try {
    if (!take(fs, temporary, guard)) {
      const guardText = readOrUndefined(fs, guard);
      if (guardText === undefined) return;
      const guardOwner = parseOwnerRecord(guardText);
      if (!guardOwner || ownerLiveness(guardOwner) === 'dead') reap(fs, guard, guardText, temporary, record, step);
      return;
    }
    try {
      step('lock:reap-guarded');
      if (readOrUndefined(fs, path) === text) fs.unlinkSync(path);
    } finally {
      fs.unlinkSync(guard);
    }
  } finally {
    markHeld(record, false);
  }
}

/** Temporary records and guards of killed synths. Only dead owners' files go: a live waiter's are its own business. */
function sweepDeadLockFiles(fs: FileSystem, work: string): void {
  for (const name of fs.readdirSync(work)) {
    if (!name.startsWith(`${LOCK_FILE}.`)) continue;
    const path = join(work, name);
    const text = readOrUndefined(fs, path);
    const owner = text === undefined ? undefined : parseOwnerRecord(text);
    // No parsable record: a live waiter may be writing its temporary file right now.
    if (!owner || ownerLiveness(owner) !== 'dead') continue;
    try {
      fs.unlinkSync(path);
    } catch {
      // Best effort: a leftover record is harmless.
    }
  }
}

function readOrUndefined(fs: FileSystem, path: string): string | undefined {
  try {
    return fs.readFileSync(path, 'utf8') as string;
  } catch {
    return undefined;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
