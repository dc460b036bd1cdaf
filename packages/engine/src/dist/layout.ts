import { join } from 'node:path';
import { PlatformError } from '../errors.js';
import { DEFAULT_LAYOUT } from '../output/layout.js';
import { errorCode, type FileSystem } from './fs.js';

// What the writer owns is the same in every layout: the output directories, the manifest and the scratch space.
const OUTPUT_DIRS = DEFAULT_LAYOUT.outputDirs;
/** Synth's private scratch space beside dist/ (see OutputLayout.workDir). */
export const WORK_DIR = DEFAULT_LAYOUT.workDir;

/**
 * Refuses to work through a symbolic link, or on a file where a directory
 * belongs, for each directory synth writes, deletes or reads its own state in:
 * dist/, fleet/, .synth/ and everything directly inside .synth/. Following a
 * link there would let synth delete or copy files outside the repository.
 */
export function assertOwnedDirectories(root: string, fs: FileSystem): void {
  for (const dir of [...OUTPUT_DIRS, WORK_DIR]) assertDirectoryOrAbsent(root, dir, fs);
  const work = join(root, WORK_DIR);
  if (!fs.existsSync(work)) return;
  for (const name of fs.readdirSync(work)) {
    const stats = fs.lstatSync(join(work, name));
    if (stats.isSymbolicLink()) throw linkRefused(`${WORK_DIR}/${name}`);
    // A FIFO or device where synth keeps its lock or marker would block the read forever.
    if (!stats.isFile() && !stats.isDirectory()) {
      throw new PlatformError(`${WORK_DIR}/${JSON.stringify(name).slice(1, -1)} is not a file or directory (a FIFO, socket or device)`, { file: WORK_DIR, hint: `remove it; ${WORK_DIR}/ holds only synth's own scratch files` });
    }
  }
}

/** `relative` is a real directory or does not exist; anything else is one clear error. */
export function assertDirectoryOrAbsent(root: string, relative: string, fs: FileSystem): void {
  let stats;
  try {
    stats = fs.lstatSync(join(root, relative));
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw new PlatformError(`cannot inspect ${relative}/ (${errorCode(error) ?? String(error)})`, { file: `${relative}/`, hint: 'check the permissions of the repository directory' });
  }
  if (stats.isSymbolicLink()) throw linkRefused(relative);
  if (!stats.isDirectory()) {
    throw new PlatformError(`${relative} is a file, but synth keeps a directory there`, { file: relative, hint: `move it away (e.g. mv ${relative} ${relative}.bak) and run synth again` });
  }
}

function linkRefused(relative: string): PlatformError {
  return new PlatformError(`${relative} is a symbolic link; synth does not follow links out of its own directories`, {
    file: relative,
    hint: `replace it with a real directory (or remove it: synth recreates ${relative.startsWith(WORK_DIR) ? WORK_DIR : relative})`,
  });
}

/**
 * Every path synth writes is normalised and inside dist/ or fleet/: no empty,
 * `.` or `..` segment, no backslash, no control character. A path from phase
 * code that breaks this is refused before anything is written.
 */
export function assertTreePath(path: string): void {
  const segments = path.split('/');
  const inside = segments.length >= 2 && (OUTPUT_DIRS as readonly string[]).includes(segments[0] ?? '');
  // eslint-disable-next-line no-control-regex
  const clean = segments.every((segment) => segment !== '' && segment !== '.' && segment !== '..' && !/[\\\u0000-\u001f\u007f]/.test(segment));
  if (!inside || !clean) {
    throw new PlatformError(`refusing to write ${JSON.stringify(path)}: every generated path must be a normalised relative path inside ${OUTPUT_DIRS.map((dir) => `${dir}/`).join(' or ')}`, {
      file: JSON.stringify(path),
      hint: 'an object or bundle name produced a path outside its directory; fix the name in the phase code',
    });
  }
}
