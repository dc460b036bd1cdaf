import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { findVersion, parseIndex } from './index-file.js';
import { sliceIndex } from './index-slice.js';

/** An index in go-yaml's layout, with what real indexes carry: block scalars, folded descriptions, comments, annotations. */
function generatedIndex(charts: string[], versions = 3): string {
  const entries: Record<string, unknown[]> = {};
  for (const name of charts) {
    entries[name] = Array.from({ length: versions }, (_, v) => ({
      annotations: { 'artifacthub.io/links': `- name: Chart Source\n  url: https://github.com/example/${name}\n`, 'artifacthub.io/changes': '- kind: fixed\n  description: "  demo: looks like a key"\n' },
      apiVersion: 'v2',
      description: `A chart named ${name}, described at length so that go-yaml folds the line over several lines of the index like real ones do, once it is long enough`,
      digest: `${v}${name.length}`.padEnd(64, 'a'),
      name,
      urls: [`https://github.com/example/${name}/releases/download/${name}-1.${v}.0/${name}-1.${v}.0.tgz`],
      version: `1.${v}.0`,
    }));
  }
  return yaml.dump({ apiVersion: 'v1', entries, generated: '2026-01-01T00:00:00Z', serverInfo: { contextPath: '/demo' } }, { lineWidth: 80, noRefs: true });
}

describe('one chart\'s slice of a YAML index reads the same as the whole index', () => {
  const charts = ['alertmanager', 'demo', 'demo-extra', 'kube-prometheus-stack', 'x.y_z', 'zz'];
  const layouts: [string, string][] = [
    ['js-yaml layout (indented sequences)', generatedIndex(charts)],
    ['go-yaml layout (sequences at the key\'s indent)', generatedIndex(charts).replace(/^ {4}- /gm, '  - ').replace(/^( {4,})/gm, (spaces) => spaces.slice(2))],
    ['CRLF line endings', generatedIndex(charts).replace(/\n/g, '\r\n')],
    ['comments and blank lines between charts', generatedIndex(charts).replace(/^( {2}[a-z][^:\n]*:)$/gm, '\n# next chart\n$1 # key comment')],
  ];

  it.each(layouts)('%s: every chart, every version', (_name, text) => {
    const whole = parseIndex(text);
    expect(whole.entries.size).toBe(charts.length);
    for (const chart of charts) {
      const slice = sliceIndex(text, chart);
      expect(slice, chart).toBeDefined();
      const sliced = parseIndex(slice!);
      expect([...sliced.entries.keys()]).toEqual([chart]);
      expect(sliced.entries.get(chart)).toEqual(whole.entries.get(chart));
      for (const version of ['1.0.0', '1.2.0', '9.9.9']) expect(findVersion(sliced, chart, version)).toEqual(findVersion(whole, chart, version));
    }
    expect(sliceIndex(text, 'absent')).toBeUndefined();
  });

  it('is much smaller than the index it comes from', () => {
    const text = generatedIndex(Array.from({ length: 200 }, (_, i) => `chart-${i}`), 20);
    expect(sliceIndex(text, 'chart-7')!.length * 100).toBeLessThan(text.length);
  });

  it.each([
    ['a flow-style index', `{"apiVersion": "v1", "entries": {"demo": [{"version": "1.0.0", "urls": ["a.tgz"]}]}}`],
    ['chart keys indented by four', 'apiVersion: v1\nentries:\n    demo:\n    - version: 1.0.0\n'],
    ['a quoted chart key', 'apiVersion: v1\nentries:\n  "demo":\n  - version: 1.0.0\n'],
    ['the chart twice (the whole parse refuses the duplicate key)', 'apiVersion: v1\nentries:\n  demo:\n  - version: 1.0.0\n  demo:\n  - version: 6.6.6\n'],
    ['two documents', 'apiVersion: v1\nentries:\n  demo:\n  - version: 1.0.0\n---\napiVersion: v1\n'],
    ['no apiVersion', 'entries:\n  demo:\n  - version: 1.0.0\n'],
    ['the key only outside entries', 'apiVersion: v1\nserverInfo:\n  demo:\n  - version: 1.0.0\nentries: {}\n'],
    ['an inline value', 'apiVersion: v1\nentries:\n  demo: []\n'],
  ])('leaves to the whole parse: %s', (_name, text) => {
    expect(sliceIndex(text, 'demo')).toBeUndefined();
  });
});
