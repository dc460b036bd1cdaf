import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** A file that cannot be read as manifests: reported for that file, the run goes on. */
export class InputError extends Error {}

const CHUNK_BYTES = 1024 * 1024;

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Streams a regular file's text to `write`, a megabyte at a time, decoding
 * UTF-8 across chunk boundaries. Opened non-blocking so a FIFO cannot hang
 * the open, then checked with fstat on the open descriptor (no window for a
 * swap between check and read): a FIFO, device (/dev/zero) or socket is
 * refused, never read. Memory is the caller's: DocumentSplitter keeps one
 * document at a time.
 */
export function streamRegularFile(path: string, write: (text: string) => void): void {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new InputError(describeFsError(error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new InputError(`${kindOf(stats)}, not a regular file; only regular files (and - for stdin) are read`);
    pump(fd, write);
  } finally {
    closeSync(fd);
  }
}

/**
 * Streams standard input (a pipe or a redirected file). A terminal is
 * refused: kubeconform fails the same way rather than wait for typing
 * (cmd/kubeconform/main.go: "failing to read data from stdin").
 */
export function streamStdin(fd: number, write: (text: string) => void): void {
  const stats = fstatSync(fd);
  if (stats.isCharacterDevice()) throw new InputError('stdin is a terminal or device; pipe manifests in, or name files or directories');
  if (stats.isDirectory()) throw new InputError('stdin is a directory');
  pump(fd, write);
}

function pump(fd: number, write: (text: string) => void): void {
  const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  const decoder = new TextDecoder('utf-8');
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        // A non-blocking pipe with no data yet: wait a little, without spinning.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') break;
      throw new InputError(describeFsError(error));
    }
    if (read === 0) break;
    write(decoder.decode(buffer.subarray(0, read), { stream: true }));
  }
  const rest = decoder.decode();
  if (rest !== '') write(rest);
}

/** `ENOENT: no such file or directory, open '/x'` -> `no such file or directory`, without the path (the report names it). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'a directory, not a regular file';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENOTDIR':
      return 'a path component is not a directory';
    default:
      return code ? `cannot read (${code})` : 'cannot read';
  }
}
