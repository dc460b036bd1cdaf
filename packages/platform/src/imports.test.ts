import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { findCycle } from '@platform/engine';
import { repositoryRoot } from './repository.js';

/** Every .ts source file of a package, tests and generated code left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Each source file's imports (type-only ones included) as TypeScript's own
 * pre-processor reads them, the scanner tsc uses to find imports.
 */
function imports(dir: string): Map<string, string[]> {
  return new Map(sources(dir).map((file) => [file, ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map(({ fileName }) => fileName)]));
}

/** The relative-import graph of a package's sources. */
function importGraph(dir: string): Map<string, string[]> {
  const all = imports(dir);
  return new Map(
    [...all].map(([file, targets]) => [
      file,
      targets.filter((name) => name.startsWith('.')).map((name) => join(dirname(file), name).replace(/\.js$/, '.ts')).filter((path) => all.has(path)),
    ]),
  );
}

describe('the packages import without cycles, type-only imports included', () => {
  it.each([
    ['engine', 50],
    ['validate', 30],
    ['report', 5],
    ['charts', 10],
    ['helm', 10],
  ])('%s', (name, least) => {
    const dir = join(repositoryRoot, 'packages', name, 'src');
    const graph = importGraph(dir);
    expect(graph.size).toBeGreaterThan(least);
    const cycle = findCycle([...graph.keys()].sort(), (file) => graph.get(file) ?? []);
    expect(cycle?.map((file) => relative(dir, file)).join(' -> ')).toBeUndefined();
  });
});

describe('the validator package', () => {
  it('imports no workspace package but the report formats, and nothing outside its own folder (the engine depends on it, not the reverse)', () => {
    const dir = join(repositoryRoot, 'packages/validate/src');
    const outside = [...imports(dir)].flatMap(([file, targets]) =>
      targets
        .filter((name) => (name.startsWith('@platform/') && name !== '@platform/report') || (name.startsWith('.') && relative(dir, join(dirname(file), name)).startsWith('..')))
        .map((name) => `${relative(dir, file)} imports ${name}`),
    );
    expect(outside).toEqual([]);
  });
});

describe('the chart and helm packages', () => {
  it.each(['charts', 'helm'])('%s imports no workspace package (the engine depends on it, not the reverse)', (name) => {
    const dir = join(repositoryRoot, 'packages', name, 'src');
    const outside = [...imports(dir)].flatMap(([file, targets]) => targets.filter((target) => target.startsWith('@platform/')).map((target) => `${relative(dir, file)} imports ${target}`));
    expect(outside).toEqual([]);
  });
});
