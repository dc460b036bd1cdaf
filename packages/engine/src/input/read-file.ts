import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { PlatformError } from '../errors.js';

/** Upper bounds for the files a user hands the tool; each is far above any real file of its kind. */
export const INPUT_LIMITS = {
  /** cluster.yaml: a few dozen lines in practice. */
  config: 256 * 1024,
  /** charts/<id>/chart.yaml. */
  chart: 64 * 1024,
  /** charts/<id>/values.yaml: Fleet stores helm values uncompressed in the Bundle, and etcd refuses requests past 1.5 MiB. */
  values: 1024 * 1024,
  /** secrets-allowlist.txt. */
  allowList: 256 * 1024,
} as const;

/**
 * Reads a user-supplied text file, refusing anything that is not a regular
 * file of at most `maxBytes`: a FIFO would block forever, /dev/zero would grow
 * memory until the process aborts, a directory gives a raw EISDIR. The file is
 * opened non-blocking and checked with fstat on the open descriptor, so what is
 * checked is what is read. Symbolic links are followed: a link to a regular
 * file is an ordinary way to share a config.
 */
export function readInputFile(path: string, display: string, maxBytes: number): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new PlatformError(openFailure((error as NodeJS.ErrnoException).code), { file: display });
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new PlatformError(`is ${describeKind(stat)}, not a regular file`, { file: display, hint: 'point the tool at a YAML file' });
    if (stat.size > maxBytes) throw tooLarge(display, maxBytes);
    // Read one byte past the limit: a file that grows while being read is caught too.
    const buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > maxBytes) throw tooLarge(display, maxBytes);
      if (length === buffer.length) break;
    }
    const bytes = buffer.subarray(0, length);
    if (bytes.includes(0)) throw new PlatformError('holds NUL bytes: it is a binary file, not YAML', { file: display });
    try {
      return utf8.decode(bytes);
    } catch {
      throw new PlatformError('is not UTF-8 text', { file: display, hint: 'save it as UTF-8' });
    }
  } finally {
    closeSync(fd);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function tooLarge(display: string, maxBytes: number): PlatformError {
  return new PlatformError(`is larger than ${formatBytes(maxBytes)}, the most this tool reads for such a file`, { file: display, hint: 'this is not a file the platform expects here' });
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
      return 'is a loop of symbolic links';
    default:
      return `cannot be read (${code ?? 'unknown error'})`;
  }
}

function describeKind(stat: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}
