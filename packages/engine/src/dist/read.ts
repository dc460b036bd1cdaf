import * as nodeFs from 'node:fs';
import { join } from 'node:path';
import { PlatformError } from '../errors.js';
import { DEFAULT_LAYOUT } from '../output/layout.js';

const OUTPUT_DIRS = DEFAULT_LAYOUT.outputDirs;
import type { FileSystem } from './fs.js';
import { assertDirectoryOrAbsent } from './layout.js';

/** One entry of dist/ or fleet/, exactly as it is on disk. Links are never followed. */
export type OutputEntry =
  | { readonly type: 'file'; readonly bytes: Buffer; readonly mode: number }
  | { readonly type: 'link'; readonly target: string }
  /** Only empty directories are entries; others are implied by what they hold. */
  | { readonly type: 'empty-directory'; readonly mode: number };

/** Key of an empty directory in the entry map: its path with a trailing slash, so it never collides with a file. */
export const directoryKey = (path: string) => `${path}/`;

/**
 * Every entry under dist/ and fleet/ as repository-relative path → entry.
 * dist/ or fleet/ as a link or a file is refused (layout.ts); a FIFO, socket
 * or device inside is refused rather than read (reading a FIFO blocks forever).
 */
export function readOutputEntries(root: string, fs: FileSystem = nodeFs): Map<string, OutputEntry> {
  const entries = new Map<string, OutputEntry>();
  for (const dir of OUTPUT_DIRS) {
    assertDirectoryOrAbsent(root, dir, fs);
    if (fs.existsSync(join(root, dir))) walk(root, dir, fs, entries);
  }
  return entries;
}

function walk(root: string, relative: string, fs: FileSystem, entries: Map<string, OutputEntry>): void {
  const names = (readable(relative, () => fs.readdirSync(join(root, relative))) as string[]).sort();
  if (names.length === 0 && relative.includes('/')) entries.set(directoryKey(relative), { type: 'empty-directory', mode: fs.lstatSync(join(root, relative)).mode & 0o7777 });
  for (const name of names) {
    const path = `${relative}/${name}`;
    const absolute = join(root, path);
    const stats = readable(path, () => fs.lstatSync(absolute));
    if (stats.isDirectory()) walk(root, path, fs, entries);
    else if (stats.isSymbolicLink()) entries.set(path, { type: 'link', target: readable(path, () => fs.readlinkSync(absolute, 'utf8') as string) });
    else if (stats.isFile()) entries.set(path, { type: 'file', bytes: readable(path, () => fs.readFileSync(absolute) as Buffer), mode: stats.mode & 0o7777 });
    else throw new PlatformError(`${JSON.stringify(path).slice(1, -1)} is not a regular file, directory or link (a FIFO, socket or device); synth will not read it`, { file: JSON.stringify(path).slice(1, -1), hint: 'remove it from the output directory' });
  }
}

/** Runs one read; an I/O error (EACCES on a file someone else owns) becomes one message naming the path. */
function readable<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!code) throw error;
    throw new PlatformError(`cannot read ${JSON.stringify(path).slice(1, -1)} (${code})`, { file: JSON.stringify(path).slice(1, -1), hint: 'check its permissions' });
  }
}

/**
 * Every file under dist/ and fleet/ as repository-relative path → text, for
 * comparing with a render. A link reads as `symlink -> target` (never its
 * target's content) and an empty directory as an empty entry ending in `/`,
 * so check reports them as not generated.
 */
export function readOutputTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const [path, entry] of readOutputEntries(root)) {
    files.set(path, entry.type === 'file' ? entry.bytes.toString('utf8') : entry.type === 'link' ? `symlink -> ${entry.target}\n` : '');
  }
  return files;
}
