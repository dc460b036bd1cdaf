import { describe, expect, it } from 'vitest';

import { formatReport, validate } from './index.js';

const huge = 'x'.repeat(5 * 1024 * 1024);
const pod = (extra: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: i\n${extra}`;

describe('a huge value is quoted as a short excerpt, never in full', () => {
  it.each([
    ['an unknown field with a 5 MB name', pod(`      ${huge}: 1\n`)],
    ['a 5 MB quantity', pod(`      resources: {limits: {cpu: "${huge}"}}\n`)],
    ['a 5 MB object name', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${huge}}\ndata: {k: 1}\n`],
    ['a 5 MB duplicate key', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  ${huge}: a\n  ${huge}: b\n`],
    ['a 5 MB kind', `apiVersion: v1\nkind: ${huge}\nmetadata: {name: c}\n`],
  ])('%s: one short message within 2 s', (_, content) => {
    const started = performance.now();
    const report = validate([{ path: 'big.yaml', content }]);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(report.summary.valid).toBe(0);
    for (const format of ['text', 'json', 'junit', 'tap'] as const) {
      const out = formatReport(report, format);
      expect(out.length, format).toBeLessThan(4000);
    }
  });
});
