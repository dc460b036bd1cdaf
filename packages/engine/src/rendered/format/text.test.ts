import { describe, expect, it } from 'vitest';
import { diffRendered } from '../diff/diff-rendered.js';
import { bundle, cluster, configMap, helmBundle, rendered, tree } from '../testing.js';
import { renderDiffJson } from './json.js';
import { renderDiffText } from './text.js';

describe('renderDiffText', () => {
  const base = tree(cluster('prod', [helmBundle('web', { name: 'web', namespace: 'apps' }, { name: 'web', version: '1.0.0' }, rendered(configMap('web', 'apps', { a: '1' })))]), cluster('lab', []));
  const head = tree(cluster('prod', [helmBundle('web', { name: 'web', namespace: 'apps' }, { name: 'web', version: '1.0.0' }, rendered(configMap('web', 'apps', { a: '2' })))]), cluster('lab', []));
  const text = renderDiffText(diffRendered(base, head));

  it('starts with the totals, then each changed cluster (unchanged ones are only counted), then the diffs', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('Rendered diff: 1 of 2 clusters change: objects 0 added, 1 changed, 0 removed (0 unchanged)');
    expect(lines[1]).toBe('  cluster prod: objects 0 added, 1 changed, 0 removed');
    expect(text).not.toContain('cluster lab');
    expect(text).toContain('\n== prod / web: Fleet Helm release apps/web, chart web 1.0.0 (objects 0 added, 1 changed, 0 removed)\n\nchanged ConfigMap apps/web\n--- a/prod/web/ConfigMap/apps/web.yaml\n');
    expect(text).toContain('\n-  a: "1"\n+  a: "2"');
  });

  it('shows a terminal escape or line break in a name as an escape, never as itself', () => {
    const hostile = renderDiffText(diffRendered(tree(), tree(cluster('prod\u001b[2J', [bundle('b\nfake line', rendered(configMap('x\u0007', 'apps', {})))]))));
    expect(hostile).not.toMatch(/[\u0007\u001b]/);
    expect(hostile).not.toMatch(/^fake line/m);
    expect(hostile).toContain('cluster prod\\u001b[2J');
  });
});

describe('renderDiffJson', () => {
  it('is the result itself, with its format version, two-space indented with one trailing newline', () => {
    const result = diffRendered(tree(), tree(cluster('prod', [bundle('b', rendered(configMap('x', 'apps', {})))])));
    const json = renderDiffJson(result);
    expect(JSON.parse(json)).toEqual(result);
    expect(json.startsWith('{\n  "format": "platform-rendered-diff/1",')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });
});
