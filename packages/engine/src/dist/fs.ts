import type * as nodeFs from 'node:fs';
import { PlatformError } from '../errors.js';

/**
 * The file operations the writer uses. Tests inject faults through it (a full
 * disk, EACCES on a root-owned leftover, a process killed after N calls).
 */
export type FileSystem = Pick<
  typeof nodeFs,
  | 'mkdirSync'
  | 'writeFileSync'
  | 'renameSync'
  | 'existsSync'
  | 'readFileSync'
  | 'unlinkSync'
  | 'rmdirSync'
  | 'linkSync'
  | 'lstatSync'
  | 'readdirSync'
  | 'readlinkSync'
  | 'symlinkSync'
  | 'chmodSync'
>;

/** The moments between the writer's steps where a concurrent synth, or a kill, can matter most. */
export type WriterStep =
  | 'lock:recorded'
  | 'lock:stale-read'
  | 'lock:reap-guarded'
  | 'lock:acquired'
  | 'stage:written'
  | 'commit:marked'
  | `swap:${string}-aside`
  | `swap:${string}-in`
  | 'cleanup:marker-removed'
  | 'lock:releasing';

/** Called at each step; tests widen race windows (sleep) or kill the process there. A no-op in production. */
export type StepHook = (step: WriterStep) => void;

/** The errno code of a Node file system error, if any. */
export const errorCode = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

/** An I/O failure while writing, as one user-facing message: what failed, where, and that nothing was changed. */
export function ioError(error: unknown, what: string, file: string): PlatformError {
  const code = errorCode(error);
  const hints: Record<string, string> = {
    ENOSPC: 'the disk is full: free some space and run synth again',
    EROFS: 'the file system is read-only',
    EACCES: 'check the permissions of the repository directory',
    EPERM: 'check the permissions of the repository directory',
  };
  return new PlatformError(`${what} (${code ?? String(error)}); dist/ and fleet/ were left as they were`, { file, hint: hints[code ?? ''] ?? 'fix the cause and run synth again' });
}
