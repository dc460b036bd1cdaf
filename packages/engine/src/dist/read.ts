import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTPUT_DIRS } from '../render/render.js';

/** Reads every file under dist/ and fleet/ as repository-relative path → content. */
export function readOutputTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const dir of OUTPUT_DIRS) walk(root, dir, files);
  return files;
}

function walk(root: string, relative: string, files: Map<string, string>): void {
  const absolute = join(root, relative);
  if (!existsSync(absolute)) return;
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const path = `${relative}/${entry.name}`;
    if (entry.isDirectory()) walk(root, path, files);
    else if (entry.isFile()) files.set(path, readFileSync(join(root, path), 'utf8'));
  }
}
