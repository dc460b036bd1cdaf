import { join } from 'node:path';
import { errorCode, type FileSystem } from './fs.js';

/**
 * Removes a file or directory tree, best effort: an entry that cannot be
 * removed (root-owned after a `sudo` synth, immutable, EACCES, EPERM) is
 * skipped and named in the result, `display` being its path as shown to the
 * user. Links are removed, never followed.
 */
export function removeBestEffort(fs: FileSystem, path: string, display: string): string[] {
  const failures: string[] = [];
  remove(fs, path, display, failures);
  return failures;
}

function remove(fs: FileSystem, path: string, display: string, failures: string[]): boolean {
  let directory: boolean;
  try {
    directory = fs.lstatSync(path).isDirectory();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true;
    failures.push(`${display} (${errorCode(error) ?? String(error)})`);
    return false;
  }
  if (directory) {
    let names: string[];
    try {
      names = fs.readdirSync(path) as string[];
    } catch (error) {
      failures.push(`${display} (${errorCode(error) ?? String(error)})`);
      return false;
    }
    let emptied = true;
    for (const name of names) emptied = remove(fs, join(path, name), `${display}/${name}`, failures) && emptied;
    if (!emptied) return false; // its children are already named; the directory itself adds nothing
  }
  try {
    if (directory) fs.rmdirSync(path);
    else fs.unlinkSync(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true;
    failures.push(`${display} (${errorCode(error) ?? String(error)})`);
    return false;
  }
}
