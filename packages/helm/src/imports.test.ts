import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = dirname(fileURLToPath(import.meta.url));

/** Every non-test .ts file under src, with the module names it imports (type-only ones included, as tsc sees them). */
function imports(dir = SRC): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const [file, names] of imports(path)) found.set(file, names);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      found.set(path, ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles.map(({ fileName }) => fileName));
    }
  }
  return found;
}

describe('@platform/helm imports', () => {
  const all = imports();

  it('no workspace package (the engine will import this one, so no cycle can form) and nothing outside src', () => {
    const outside = [...all].flatMap(([file, names]) =>
      names.filter((name) => name.startsWith('@platform/') || (name.startsWith('.') && relative(SRC, join(dirname(file), name)).startsWith('..'))).map((name) => `${relative(SRC, file)} imports ${name}`),
    );
    expect(all.size).toBeGreaterThan(15);
    expect(outside).toEqual([]);
  });

  it('have no cycle among its own files', () => {
    const graph = new Map([...all].map(([file, names]) => [file, names.filter((name) => name.startsWith('.')).map((name) => join(dirname(file), name).replace(/\.js$/, '.ts'))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(SRC, f)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of [...graph.keys()].sort()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
