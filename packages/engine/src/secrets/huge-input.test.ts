import { describe, expect, it } from 'vitest';
import { EMPTY_ALLOW_LIST, scanTree } from './scan.js';

/**
 * The scan reads values a user controls, of any length. V8's regex engine
 * throws RangeError on some patterns over a multi-megabyte match, so every
 * rule is run over multi-megabyte runs of the characters it matches.
 */
describe('the secret scan over multi-megabyte values', () => {
  const run = 4 * 1024 * 1024;
  it.each([
    ['one token', 'x'.repeat(run)],
    ['a credential key with a huge value', `password=${'x'.repeat(run)}`],
    ['a URL with huge user info', `https://${'a'.repeat(run)}:b@example.com/`],
    ['a huge Bearer token', `Authorization: Bearer ${'A'.repeat(run)}`],
    ['huge base64', `auth: ${'QUJD'.repeat(run / 4)}`],
    ['a huge YAML key', `${'k'.repeat(run)}: 1`],
  ])('%s: finishes and reports at most a short message', (_what, text) => {
    const started = performance.now();
    const problems = scanTree(new Map([['dist/a/values.yaml', `${text}\n`]]), EMPTY_ALLOW_LIST).map((problem) => problem.describe());
    expect(performance.now() - started).toBeLessThan(20_000);
    for (const problem of problems) expect(problem.length).toBeLessThan(1000);
  });
});
