import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findCycle } from './rules.js';

const SOURCE = dirname(fileURLToPath(import.meta.url));

/** Every .ts file under the engine's sources, tests and generated code left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * The engine's import graph, type-only imports included, read with
 * TypeScript's own pre-processor (the scanner tsc uses to find imports).
 */
function importGraph(): Map<string, string[]> {
  const files = sources(SOURCE);
  const known = new Set(files);
  return new Map(
    files.map((file) => {
      const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      const targets = importedFiles
        .map(({ fileName }) => fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => join(dirname(file), name).replace(/\.js$/, '.ts'))
        .filter((path) => known.has(path));
      return [file, targets];
    }),
  );
}

describe('the engine', () => {
  it('has no import cycles, type-only imports included', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(50);
    const cycle = findCycle([...graph.keys()].sort(), (file) => graph.get(file) ?? []);
    expect(cycle?.map((file) => relative(SOURCE, file)).join(' -> ')).toBeUndefined();
  });
});
