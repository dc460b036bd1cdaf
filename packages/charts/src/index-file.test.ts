import { describe, expect, it } from 'vitest';
import { findVersion, IndexFailure, parseIndex } from './index-file.js';

const HEX = 'ab'.repeat(32);

function index(entries: string): string {
  return `apiVersion: v1\nentries:\n${entries}generated: "2026-01-01T00:00:00Z"\n`;
}

describe('a repository index is read as Helm reads it (loadIndex, IndexFile.Get)', () => {
  it('finds a version with its archive URLs and digest, in YAML and in JSON', () => {
    const yamlText = index(`  demo:\n  - name: demo\n    version: 1.2.0\n    digest: ${HEX}\n    urls:\n    - demo-1.2.0.tgz\n    - https://backup.example/demo-1.2.0.tgz\n`);
    const jsonText = JSON.stringify({ apiVersion: 'v1', entries: { demo: [{ name: 'demo', version: '1.2.0', digest: HEX, urls: ['demo-1.2.0.tgz', 'https://backup.example/demo-1.2.0.tgz'] }] } });
    for (const text of [yamlText, jsonText]) {
      expect(findVersion(parseIndex(text), 'demo', '1.2.0')).toEqual({ found: { version: '1.2.0', urls: ['demo-1.2.0.tgz', 'https://backup.example/demo-1.2.0.tgz'], digest: HEX } });
    }
  });

  it('prefers the exact version string, then a semver-equal one (1.19.6 finds v1.19.6; build metadata does not count)', () => {
    const parsed = parseIndex(index(`  cm:\n  - version: v1.19.6\n    urls: [a.tgz]\n  - version: 1.0.0+build.7\n    urls: [b.tgz]\n  - version: 1.0.0-rc.1\n    urls: [c.tgz]\n`));
    expect(findVersion(parsed, 'cm', 'v1.19.6')).toMatchObject({ found: { urls: ['a.tgz'] } });
    expect(findVersion(parsed, 'cm', '1.19.6')).toMatchObject({ found: { urls: ['a.tgz'] } });
    expect(findVersion(parsed, 'cm', '1.0.0')).toMatchObject({ found: { urls: ['b.tgz'] } });
    expect(findVersion(parsed, 'cm', '1.0.0-rc.1')).toMatchObject({ found: { urls: ['c.tgz'] } });
  });

  it('refuses to guess between two entries Helm would both take', () => {
    const parsed = parseIndex(index(`  x:\n  - version: 2.0.0+a\n    urls: [a.tgz]\n  - version: v2.0.0+b\n    urls: [b.tgz]\n`));
    expect(findVersion(parsed, 'x', '2.0.0')).toEqual({ ambiguous: ['2.0.0+a', 'v2.0.0+b'] });
  });

  it('tells a missing chart from a missing version, and lists the versions there are', () => {
    const parsed = parseIndex(index(`  x:\n  - version: 1.0.0\n    urls: [a.tgz]\n  - version: 1.1.0\n    urls: [b.tgz]\n`));
    expect(findVersion(parsed, 'y', '1.0.0')).toEqual({ missing: 'chart' });
    expect(findVersion(parsed, 'x', '1.2.0')).toEqual({ missing: 'version', available: ['1.0.0', '1.1.0'] });
  });

  it('drops entries Helm drops (null, no version, a version that is not semver) and keeps the rest', () => {
    const parsed = parseIndex(index(`  x:\n  - null\n  - urls: [none.tgz]\n  - version: latest\n    urls: [latest.tgz]\n  - version: 3.0.0\n    urls: [ok.tgz]\n`));
    expect(parsed.entries.get('x')).toEqual([{ version: '3.0.0', urls: ['ok.tgz'], digest: undefined }]);
  });

  it.each([
    ['', 'not a mapping'],
    ['- a\n- b\n', 'not a mapping'],
    ['entries: {}\n', 'no apiVersion'],
    ['apiVersion: v1\nentries: [1]\n', 'entries is not a mapping'],
    ['apiVersion: v1\nentries:\n  x: [\n', 'not valid YAML at line'],
    ['apiVersion: v1\napiVersion: v2\n', 'duplicated mapping key'],
    [`apiVersion: v1\nentries:\n  x: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, 'nesting exceeded'],
  ])('refuses an index that is not one: %#', (text, message) => {
    expect(() => parseIndex(text)).toThrow(IndexFailure);
    expect(() => parseIndex(text)).toThrow(message);
  });

  it('parses an alias bomb without expanding it (nothing walks more than one chart)', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `l${i + 1}: &l${i + 1} [*l${i}, *l${i}, *l${i}, *l${i}, *l${i}, *l${i}, *l${i}, *l${i}, *l${i}]`).join('\n');
    const text = `apiVersion: v1\nl0: &l0 [lol]\n${levels}\nentries:\n  x:\n  - version: 1.0.0\n    urls: [x.tgz]\n    annotations: *l30\n`;
    const started = performance.now();
    expect(findVersion(parseIndex(text), 'x', '1.0.0')).toMatchObject({ found: { urls: ['x.tgz'] } });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
