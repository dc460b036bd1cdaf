import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Why a bounded read failed; the caller names the file and turns this into its own error. */
export class ReadFailure extends Error {}

/**
 * A regular file's bytes, at most `maxBytes`: a FIFO would block forever and
 * /dev/zero would grow memory without end, so the file is opened non-blocking
 * and checked with fstat on the open descriptor (what is checked is what is
 * read). `noFollow` refuses a symbolic link (for cache entries, which this
 * tool only ever writes as regular files).
 */
export function readBoundedFile(path: string, maxBytes: number, options: { noFollow?: boolean } = {}): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (options.noFollow ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    throw new ReadFailure(openFailure((error as NodeJS.ErrnoException).code));
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ReadFailure(stat.isDirectory() ? 'is a directory, not a regular file' : 'is not a regular file');
    if (stat.size > maxBytes) throw new ReadFailure(`is larger than ${formatBytes(maxBytes)}`);
    // One byte past the limit catches a file that grows while it is read.
    const buffer = Buffer.alloc(stat.size + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) throw new ReadFailure(`is larger than ${formatBytes(maxBytes)}`);
      if (length === buffer.length) throw new ReadFailure('changed while it was read');
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A bounded text file: UTF-8, no NUL bytes. */
export function readBoundedText(path: string, maxBytes: number): string {
  const bytes = readBoundedFile(path, maxBytes);
  if (bytes.includes(0)) throw new ReadFailure('holds NUL bytes: it is a binary file, not YAML');
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ReadFailure('is not UTF-8 text');
  }
}

function openFailure(code: string | undefined): string {
  switch (code) {
    case 'ENOENT':
      return 'does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'cannot be read (permission denied)';
    case 'ENOTDIR':
      return 'does not exist (a parent of it is not a directory)';
    case 'ELOOP':
      return 'is a symbolic link (or a loop of them)';
    default:
      return `cannot be read (${code ?? 'unknown error'})`;
  }
}

/** 64 KiB, 32 MiB: the sizes limits are set in. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
