import { describe, expect, it } from 'vitest';
import { diffRendered } from '../diff/diff-rendered.js';
import { bundle, cluster, configMap, deployment, helmBundle, rendered, tree } from '../testing.js';
import { GITLAB_NOTE_LIMIT, renderDiffMarkdown } from './markdown.js';

/** The prose of a note: fenced blocks, code spans and <code> elements taken out, which is where GitLab finds markup and references. */
function prose(markdown: string): string {
  const lines: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opener = /^(`{3,})/.exec(line)?.[1];
    if (fence === undefined && opener) fence = opener;
    else if (fence !== undefined && line === fence) fence = undefined;
    else if (fence === undefined) lines.push(line);
  }
  return lines
    .join('\n')
    .replace(/<code>.*?<\/code>/g, '')
    .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
}

/** Object diffs of `count` ConfigMaps, each with a `size`-character value: a diff of about count × size characters. */
function bigDiff(count: number, size: number) {
  const objects = Array.from({ length: count }, (_, index) => configMap(`dashboard-${String(index).padStart(4, '0')}`, 'monitoring', { 'dashboard.json': `${index}`.padEnd(size, 'x') }));
  return diffRendered(tree(cluster('prod', [bundle('dashboards', [])]), cluster('staging', [])), tree(cluster('prod', [bundle('dashboards', rendered(...objects))]), cluster('staging', [])));
}

describe('renderDiffMarkdown', () => {
  const result = diffRendered(
    tree(cluster('prod', [helmBundle('storage-longhorn', { name: 'longhorn', namespace: 'longhorn-system' }, { name: 'longhorn', version: '1.7.2' }, rendered(deployment('longhorn-ui', 'longhorn-system', 'longhornio/longhorn-ui:v1.7.2')))]), cluster('lab', [])),
    tree(
      cluster('prod', [helmBundle('storage-longhorn', { name: 'longhorn', namespace: 'longhorn-system' }, { name: 'longhorn', version: '1.8.0' }, rendered(deployment('longhorn-ui', 'longhorn-system', 'longhornio/longhorn-ui:v1.8.0'))), bundle('extra', rendered(configMap('a', 'b', {})))]),
      cluster('lab', []),
    ),
  );
  const markdown = renderDiffMarkdown(result);

  it('puts the totals and one table row per cluster before any bundle', () => {
    const table = markdown.indexOf('| Cluster |');
    expect(table).toBeGreaterThan(0);
    expect(table).toBeLessThan(markdown.indexOf('<details>'));
    expect(markdown.split('\n').filter((line) => /^\| `/.test(line))).toEqual(['| `lab` | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '| `prod` | 1 | 1 | 0 | 0 | 1 | 0 | 0 | 1 |']);
  });

  it('collapses each changed bundle in its own <details> with a diff block per object', () => {
    expect(markdown.match(/<details><summary>/g)).toHaveLength(2);
    expect(markdown.match(/<\/details>/g)).toHaveLength(2);
    expect(markdown.match(/^```diff$/gm)).toHaveLength(2);
    // GitLab renders Markdown inside <details> only after a blank line following the summary.
    expect(markdown).toMatch(/<\/summary>\n\n/);
  });

  it('ends with exactly one newline and is the same bytes every time', () => {
    expect(markdown.endsWith('\n') && !markdown.endsWith('\n\n')).toBe(true);
    expect(renderDiffMarkdown(result)).toBe(markdown);
  });

  it('refuses a limit too small to hold the summary and the cut note', () => {
    expect(() => renderDiffMarkdown(result, { maxChars: 9_999 })).toThrow(RangeError);
  });
});

describe('renderDiffMarkdown: the note size cap', () => {
  it('stays within a limit it would pass, keeps the summary, and says what it cut and where the rest is', () => {
    const diff = bigDiff(40, 2_000);
    const uncapped = renderDiffMarkdown(diff, { maxChars: 10_000_000 });
    expect(uncapped.length).toBeGreaterThan(60_000);
    const capped = renderDiffMarkdown(diff, { maxChars: 50_000, fullReport: 'the rendered-diff artifact' });
    expect(capped.length).toBeLessThanOrEqual(50_000);
    expect(capped).toContain('| Cluster |');
    const shown = capped.match(/^```diff$/gm)?.length ?? 0;
    const cutCount = Number(/(\d+) object diffs or sections of 1 bundles are not shown/.exec(capped)?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown + cutCount).toBe(40);
    expect(capped).toContain('Cut to stay within the 50,000-character note limit');
    expect(capped).toContain('The full diff is in the rendered-diff artifact.');
    // Ten cut objects are named, the rest counted.
    expect(capped).toContain(`and ${cutCount - 10} more`);
    // What is shown is well-formed: every details closed, every fence closed.
    expect(capped.match(/<details>/g)?.length).toBe(capped.match(/<\/details>/g)?.length);
    expect((capped.match(/^```/gm)?.length ?? 0) % 2).toBe(0);
  });

  it("stays within GitLab's 1,000,000 characters by default", () => {
    const diff = bigDiff(120, 10_000);
    const capped = renderDiffMarkdown(diff);
    expect(renderDiffMarkdown(diff, { maxChars: 10_000_000 }).length).toBeGreaterThan(GITLAB_NOTE_LIMIT);
    expect(capped.length).toBeLessThanOrEqual(GITLAB_NOTE_LIMIT);
    expect(capped.length).toBeGreaterThan(GITLAB_NOTE_LIMIT - 20_000);
    expect(capped).toContain("Cut to stay within GitLab's 1,000,000-character note limit");
  });

  it('cuts nothing and says nothing about cutting when the note fits', () => {
    const small = renderDiffMarkdown(bigDiff(3, 100));
    expect(small).not.toContain('Cut to stay within');
    expect(small.match(/^```diff$/gm)).toHaveLength(3);
  });
});

describe('renderDiffMarkdown: names from charts cannot forge markup', () => {
  const hostile = {
    cluster: 'prod\n## injected heading',
    bundle: '</details><script>alert(1)</script>',
    object: 'x`| @all #1 !2 ~label [link](http://evil) <img src=x>',
  };
  const result = diffRendered(tree(), tree(cluster(hostile.cluster, [helmBundle(hostile.bundle, { name: '@all', namespace: 'x|y' }, { name: '<b>chart</b>', version: '1.0.0+`x`' }, rendered(configMap(hostile.object, 'apps', { v: '``` \n</details>\n' })))])));
  const markdown = renderDiffMarkdown(result);

  it('keeps a newline in a name from starting a line', () => {
    expect(markdown).not.toMatch(/^## injected/m);
  });

  it('opens and closes exactly one <details> per bundle and lets no HTML through (inside code it is text)', () => {
    const text = prose(markdown);
    expect(text.match(/<details>/g)).toHaveLength(1);
    expect(text.match(/<\/details>/g)).toHaveLength(1);
    for (const tag of ['<script', '<img', '<b>']) expect(text).not.toContain(tag);
  });

  it('leaves no mention, reference or link in the prose; the names are all inside code', () => {
    const text = prose(markdown);
    for (const forged of ['@all', '#1', '!2', '~label', '](http', 'injected heading']) expect(text).not.toContain(forged);
  });

  it('keeps the table to one row per cluster, however many pipes a name holds', () => {
    const rows = markdown.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(1);
    // Every pipe in the row's name cell is escaped, so GitLab sees nine cells.
    expect(rows[0]?.replace(/\\\|/g, '').split('|')).toHaveLength(11);
  });

  it('fences a diff that holds backticks with a longer fence', () => {
    expect(markdown).toMatch(/^````diff$/m);
  });
});
