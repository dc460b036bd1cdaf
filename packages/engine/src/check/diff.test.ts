import { describe, expect, it } from 'vitest';
import { MAX_DIFF_LINES, unifiedDiff } from './diff.js';

const lines = (count: number, edit: (index: number) => string | undefined = () => undefined) =>
  `${Array.from({ length: count }, (_, index) => edit(index) ?? `line ${index}`).join('\n')}\n`;

describe('unifiedDiff', () => {
  it('shows two far-apart changes as two hunks, with unchanged lines only as context', () => {
    const before = lines(100);
    const after = lines(100, (index) => (index === 10 ? 'changed 10' : index === 90 ? 'changed 90' : undefined));
    const diff = unifiedDiff('dist/x.yaml', before, after);
    expect(diff.split('\n').slice(0, 2)).toEqual(['--- a/dist/x.yaml\tcommitted', '+++ b/dist/x.yaml\trendered']);
    expect(diff.match(/^@@ /gm)).toHaveLength(2);
    expect(diff).toContain('@@ -8,7 +8,7 @@');
    expect(diff).toContain('-line 10\n+changed 10');
    expect(diff).toContain('-line 90\n+changed 90');
    // Lines between the hunks are neither shown as changed nor shown at all.
    expect(diff).not.toMatch(/^[-+ ]line 50$/m);
  });

  it('shows an insertion as an insertion, not as every following line changed', () => {
    const diff = unifiedDiff('f', lines(20), lines(20).replace('line 5\n', 'line 5\ninserted\n'));
    expect(diff.split('\n').filter((line) => /^[-+][^-+]/.test(line))).toEqual(['+inserted']);
  });

  it('caps a huge diff and says how much is left out', () => {
    const diff = unifiedDiff('f', lines(2000), lines(2000, (index) => `other ${index}`));
    expect(diff.split('\n')).toHaveLength(MAX_DIFF_LINES + 1);
    expect(diff.split('\n').at(-1)).toMatch(/^\.\.\. \(\d+ more diff lines: run npm run synth and git diff\)$/);
  });
});
