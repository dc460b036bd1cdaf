import { describe, expect, it } from 'vitest';

import { excessiveAliasing } from './alias-limit.js';
import { validate } from './index.js';

/** A "billion laughs": `levels` anchors, each `width` aliases of the one before. */
function bomb(levels: number, width: number, shape: 'sequence' | 'mapping' | 'merge'): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}'];
  lines.push(shape === 'sequence' ? 'l0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]' : 'l0: &a0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol}');
  for (let level = 1; level <= levels; level += 1) {
    const refs = Array.from({ length: width }, (_, index) => (shape === 'sequence' ? `*a${level - 1}` : `k${index}: *a${level - 1}`));
    if (shape === 'merge') refs[0] = `<<: *a${level - 1}`;
    lines.push(shape === 'sequence' ? `l${level}: &a${level} [${refs.join(', ')}]` : `l${level}: &a${level} {${refs.join(', ')}}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('alias expansion is bounded as go-yaml bounds it', () => {
  it.each([
    ['sequences, 9 wide, 9 deep', bomb(9, 9, 'sequence')],
    ['mappings, 10 wide, 8 deep', bomb(8, 10, 'mapping')],
    ['mappings with merge keys', bomb(8, 10, 'merge')],
    ['a deep chain, 2 wide, 40 deep', bomb(40, 2, 'sequence')],
  ])('%s: refused within 2 s as one error, however far it would expand', (_, content) => {
    const started = performance.now();
    const report = validate([{ path: 'bomb.yaml', content }]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(report.summary).toMatchObject({ resources: 1, errors: 1 });
    const [error] = report.files[0]?.resources[0]?.errors ?? [];
    expect(error?.message).toMatch(/^document contains excessive aliasing: its aliases expand it to [\d,]+|more than a trillion values/);
    expect(error?.message.length).toBeLessThan(200);
  });

  it('accepts ordinary anchors and aliases', () => {
    const content = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: &l {app: web}, annotations: *l}\ndata: {a: &v x, b: *v}\n';
    expect(validate([{ path: 'ok.yaml', content }]).summary).toMatchObject({ valid: 1 });
  });

  it('accepts a large document with few aliases, and a small share of aliases past 400,000 values', () => {
    const large = Array.from({ length: 500_000 }, (_, index) => index);
    expect(excessiveAliasing({ items: large })).toBeUndefined();
    const shared = Array.from({ length: 1000 }, (_, index) => index);
    expect(excessiveAliasing({ unique: large, aliased: [shared, shared, shared] })).toBeUndefined();
    expect(excessiveAliasing({ aliased: Array.from({ length: 500 }, () => shared) })).toEqual({ expanded: expect.any(Number) });
  });
});
