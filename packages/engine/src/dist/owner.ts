import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

/**
 * Who holds a synth lock: enough to tell a live owner from a dead one whose
 * pid has since been given to another process (or is pid 1 in a container).
 */
export interface OwnerRecord {
  readonly pid: number;
  /** Process start time in clock ticks since boot (/proc/<pid>/stat field 22); null where /proc is missing. */
  readonly start: string | null;
  /** Kernel boot id: a pid from before a reboot names nobody now. */
  readonly boot: string | null;
  readonly host: string;
  /** Unique per lock taken: two records never share it, so it names one lock, not one process. */
  readonly token: string;
}

/** The start time of a process, or null when it cannot be read (no /proc, or no such process). */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces or ')': count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}

function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return null;
  }
}

const self = { pid: process.pid, start: processStart(process.pid), boot: bootId(), host: hostname() };

/** Tokens of the locks this process holds now; a record with our pid but another token is a lock we lost (or a test's simulated kill). */
const held = new Set<string>();

/** A fresh record for a lock this process is about to take. */
export function newOwnerRecord(): OwnerRecord {
  return { ...self, token: randomBytes(12).toString('hex') };
}

export function markHeld(record: OwnerRecord, holding: boolean): void {
  if (holding) held.add(record.token);
  else held.delete(record.token);
}

export function serialise(record: OwnerRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/**
 * Parses a lock file's content. Anything else (an empty file, a bare pid from
 * an older synth, garbage) is no record at all: this version writes a lock
 * only with its full record in one step, so such a file has no live owner.
 */
export function parseOwnerRecord(text: string): OwnerRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<OwnerRecord>;
    if (typeof value.pid !== 'number' || !Number.isInteger(value.pid) || value.pid <= 0) return undefined;
    if (typeof value.token !== 'string' || value.token === '' || typeof value.host !== 'string') return undefined;
    return { pid: value.pid, start: typeof value.start === 'string' ? value.start : null, boot: typeof value.boot === 'string' ? value.boot : null, host: value.host, token: value.token };
  } catch {
    return undefined;
  }
}

export type Liveness = 'alive' | 'dead' | 'unknown';

/**
 * Whether the lock's owner still runs. On another host we cannot tell
 * ('unknown': the caller waits, and says whom it waits for).
 */
export function ownerLiveness(record: OwnerRecord): Liveness {
  if (record.host !== self.host) return 'unknown';
  if (record.boot && self.boot && record.boot !== self.boot) return 'dead';
  if (record.pid === self.pid) return record.start === self.start && held.has(record.token) ? 'alive' : 'dead';
  let otherUser = false;
  try {
    process.kill(record.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return 'dead';
    otherUser = true;
  }
  // The pid runs; it is our owner only if it started when the owner did (pids are reused).
  if (record.start === null) return 'alive';
  const start = processStart(record.pid);
  // Unreadable: /proc hidden from us (hidepid) for another user's process, or the process just exited.
  if (start === null) return otherUser || self.start === null ? 'alive' : 'dead';
  return start === record.start ? 'alive' : 'dead';
}
