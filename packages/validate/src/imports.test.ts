import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SOURCE = dirname(fileURLToPath(import.meta.url));

/** Every .ts file under the validator's sources, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every import of each source file, type-only ones included, read with TypeScript's own pre-processor (the scanner tsc uses). */
function imports(): Map<string, string[]> {
  return new Map(sources(SOURCE).map((file) => [file, ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName }) => fileName)]));
}

/** The first cycle of the relative-import graph, as the path that closes it; undefined when there is none. */
function firstCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): string[] | undefined => {
    if (state.get(file) === 'done') return undefined;
    if (state.get(file) === 'visiting') return [...stack.slice(stack.indexOf(file)), file];
    state.set(file, 'visiting');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      const cycle = visit(target);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(file, 'done');
    return undefined;
  };
  for (const file of [...graph.keys()].sort()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the validator package', () => {
  it('has no import cycles, type-only imports included', () => {
    const all = imports();
    const graph = new Map(
      [...all].map(([file, targets]) => [
        file,
        targets.filter((name) => name.startsWith('.')).map((name) => join(dirname(file), name).replace(/\.js$/, '.ts')).filter((path) => all.has(path)),
      ]),
    );
    expect(graph.size).toBeGreaterThan(30);
    expect(firstCycle(graph)?.map((file) => relative(SOURCE, file)).join(' -> ')).toBeUndefined();
  });

  it('imports no workspace package but the report formats, and nothing outside its own folder (the engine depends on it, not the reverse)', () => {
    const outside = [...imports()].flatMap(([file, targets]) =>
      targets
        .filter((name) => (name.startsWith('@platform/') && name !== '@platform/report') || (name.startsWith('.') && relative(SOURCE, join(dirname(file), name)).startsWith('..')))
        .map((name) => `${relative(SOURCE, file)} imports ${name}`),
    );
    expect(outside).toEqual([]);
  });
});
