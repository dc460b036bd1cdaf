import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const source = fileURLToPath(new URL('.', import.meta.url));

/** Every .ts file of the package but the tests, with its imports as tsc's pre-processor reads them (type-only ones included). */
function imports(dir: string): Map<string, string[]> {
  const files = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(at, entry.name)) : entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [join(at, entry.name)] : [],
    );
  return new Map(files(dir).map((file) => [file, ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName }) => fileName)]));
}

describe('the charts package stands alone', () => {
  const graph = imports(source);

  it('imports no workspace package (the engine will import it, so it must not import the engine)', () => {
    expect(graph.size).toBeGreaterThan(15);
    const workspace = [...graph].flatMap(([file, targets]) => targets.filter((name) => name.startsWith('@platform/')).map((name) => `${relative(source, file)} imports ${name}`));
    expect(workspace).toEqual([]);
  });

  it('has no import cycle, and nothing outside src/testing imports the fixtures', () => {
    const edges = new Map([...graph].map(([file, targets]) => [file, targets.filter((name) => name.startsWith('.')).map((name) => join(dirname(file), name).replace(/\.js$/, '.ts'))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((each) => relative(source, each)).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of edges.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of [...edges.keys()].sort()) visit(file, []);
    expect(cycles).toEqual([]);
    const intoTesting = [...edges].flatMap(([file, targets]) =>
      relative(source, file).startsWith('testing/') || /(bench|\.child)\.ts$/.test(file) ? [] : targets.filter((target) => relative(source, target).startsWith('testing/')).map((target) => `${relative(source, file)} -> ${relative(source, target)}`),
    );
    expect(intoTesting).toEqual([]);
  });
});
