import { execFileSync } from 'node:child_process';
import { PlatformError } from '../errors.js';
import type { OutputLayout } from '../output/layout.js';

/**
 * The generated tree as committed at `ref` (a merge request's base, say),
 * read from git without touching the work tree: one `git ls-tree` for the
 * paths and blob ids under the output directories, one `git cat-file --batch`
 * for their contents.
 */
export function readTreeAtRef(root: string, ref: string, layout: OutputLayout, dirs: readonly string[] = layout.outputDirs): Map<string, string> {
  if (!/^[\w./^~@{}-]+$/.test(ref) || ref.startsWith('-')) throw new PlatformError(`"${ref}" is not a git revision this tool accepts`, { field: '--base' });
  const git = (args: string[], input?: string) => {
    try {
      return execFileSync('git', ['-C', root, ...args], { input, maxBuffer: 1024 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim().split('\n')[0];
      throw new PlatformError(`cannot read the tree at ${ref}: ${stderr || (error as Error).message}`, { field: '--base', hint: 'fetch the base commit first (a shallow CI clone may lack it), or name another revision' });
    }
  };
  const listing = git(['ls-tree', '-r', '-z', ref, '--', ...dirs]).toString('utf8');
  const blobs = listing
    .split('\0')
    .filter(Boolean)
    .flatMap((line) => {
      const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(line);
      return match?.[1] && match[2] ? [{ id: match[1], path: match[2] }] : [];
    });
  const tree = new Map<string, string>();
  if (blobs.length === 0) return tree;
  const output = git(['cat-file', '--batch'], `${blobs.map((blob) => blob.id).join('\n')}\n`);
  let offset = 0;
  for (const blob of blobs) {
    const headerEnd = output.indexOf(0x0a, offset);
    const size = Number(output.subarray(offset, headerEnd).toString('utf8').split(' ')[2]);
    tree.set(blob.path, output.subarray(headerEnd + 1, headerEnd + 1 + size).toString('utf8'));
    offset = headerEnd + 1 + size + 1;
  }
  return tree;
}
