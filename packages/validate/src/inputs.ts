import { readdirSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

import { describeFsError } from './read-source.js';

/** One thing to read: a file, stdin, or a path that could not be found. */
export type Input =
  | { kind: 'file'; display: string; absolute: string }
  | { kind: 'stdin'; display: string }
  | { kind: 'missing'; display: string; message: string };

const MANIFEST_EXTENSION = /\.(ya?ml|json)$/i;

/** Files under `dir`, depth first in sorted order; hidden directories and symbolic links skipped, as Fleet does. */
function walk(dir: string): string[] {
  const files: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.')) files.push(...walk(path));
    } else if (entry.isFile() && MANIFEST_EXTENSION.test(entry.name)) {
      files.push(path);
    }
  }
  return files;
}

/** Relative to the working directory with `/` separators, or absolute when outside it. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const shown = rel === '' || rel.startsWith('..') || isAbsolute(rel) ? file : rel;
  return shown.split(sep).join('/');
}

/**
 * What to read, in a stable order: stdin first (when `-` is named), then
 * every file in code-point order of its displayed path, each once. A path
 * that does not exist is kept as an error for that path and the rest is
 * still read, as kubeconform reports a discovery error per path
 * (pkg/resource/files.go, DiscoveryError). A file named explicitly is read
 * whatever its extension; a walk reads *.yaml, *.yml and *.json.
 * `ignore` patterns drop files whose displayed path they match
 * (kubeconform -ignore-filename-pattern).
 */
export function collectInputs(paths: readonly string[], cwd: string, ignore: readonly RegExp[] = []): Input[] {
  const stdin: Input[] = [];
  const found = new Map<string, Input>();
  const add = (input: Input) => {
    if (!ignore.some((pattern) => pattern.test(input.display)) && !found.has(input.display)) found.set(input.display, input);
  };
  for (const path of paths) {
    if (path === '-') {
      if (stdin.length === 0) stdin.push({ kind: 'stdin', display: 'stdin' });
      continue;
    }
    const full = resolve(cwd, path);
    let isDirectory = false;
    try {
      isDirectory = statSync(full).isDirectory();
    } catch (error) {
      add({ kind: 'missing', display: displayPath(full, cwd), message: describeFsError(error) });
      continue;
    }
    if (!isDirectory) {
      add({ kind: 'file', display: displayPath(full, cwd), absolute: full });
      continue;
    }
    try {
      for (const file of walk(full)) add({ kind: 'file', display: displayPath(file, cwd), absolute: file });
    } catch (error) {
      add({ kind: 'missing', display: displayPath(full, cwd), message: describeFsError(error) });
    }
  }
  const files = [...found.values()].sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : 0));
  return [...stdin, ...files];
}
