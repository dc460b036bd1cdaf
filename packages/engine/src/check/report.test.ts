import { describe, expect, it } from 'vitest';
import { formatResults, OUTPUT_FORMATS, type FileResult } from './report.js';

/** File names a foreign file in dist/ can have: each tries to end a line, start a directive, or break XML. */
const HOSTILE = [
  'dist/a\nok 99 - forged',
  'dist/a\r\nnot ok 98 - forged',
  'dist/a\rok 97 - forged',
  'dist/a # SKIP forged',
  'dist/a # TODO forged',
  'dist/back\\slash\\#',
  'dist/nul\u0000byte',
  'dist/esc\u001b[2Kcleared',
  'dist/vtab\u000bff\u000c',
  'dist/nel\u0085ok 96',
  'dist/ls\u2028ok 95 - x\u2029',
  'dist/lone\ud800surrogate',
  'dist/</testcase><testcase name="forged"/>',
  'dist/amp&lt;"quote\'',
  'dist/]]>cdata',
  'dist/tab\tname',
];
const results: FileResult[] = HOSTILE.flatMap((path, index) => [
  { path, failures: [] },
  { path: `${path}-${index}`, failures: [{ kind: 'not-generated', message: `${path}-${index}: not generated\nok 1 - forged in a message`, detail: `--- ${path}-${index}\n+ok 2 - forged in a diff` }] },
]);

/** The inverse of the TAP description escape: `\\` → `\`, `\#` → `#`, `\uXXXX` → the character. */
const unTap = (text: string) => text.replace(/\\(\\|#|u[0-9a-f]{4})/g, (_, escape: string) => (escape.length === 1 ? escape : String.fromCharCode(Number.parseInt(escape.slice(1), 16))));
const unXml = (text: string) => text.replace(/&(lt|gt|amp|quot|apos|#9|#10|#13);/g, (_, name: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", '#9': '\t', '#10': '\n', '#13': '\r' })[name] ?? '');

describe('check output with hostile file names', () => {
  it('TAP: exactly one test line per file, in order, each naming its file; nothing forged', () => {
    const out = formatResults('platform-check', results, 'tap', 'check: summary');
    const lines = out.split('\n');
    expect(lines.slice(0, 2)).toEqual(['TAP version 13', `1..${results.length}`]);
    const tests = lines.filter((line) => /^(not )?ok\b/.test(line));
    expect(tests).toHaveLength(results.length);
    tests.forEach((line, index) => {
      const match = /^(not ok|ok) (\d+) - (.*)$/.exec(line);
      expect(match?.[2]).toBe(String(index + 1));
      expect(match?.[1]).toBe((results[index]?.failures.length ?? 0) > 0 ? 'not ok' : 'ok');
      // No directive: an unescaped # would make a failure count as skipped.
      expect(match?.[3]).not.toMatch(/(^|[^\\])#/);
      expect(unTap(match?.[3] ?? '')).toBe(results[index]?.path);
    });
    // Every other line is the plan, a YAML block line, or the summary; none holds a line separator a reader could split on.
    for (const line of lines.filter((line) => !/^(not )?ok\b/.test(line))) expect(line).toMatch(/^(TAP version 13|1\.\.\d+|  ---|  \.\.\.|  [\w/-]+: ".*"|# check: summary|)$/);
    expect(out).not.toMatch(/[\r\u0085\u2028\u2029\u0000\u001b]/);
  });

  it('JUnit: well-formed XML 1.0, one test case per file, each name reading back as its file', () => {
    const out = formatResults('platform-check', results, 'junit', 'check: summary');
    // No character XML 1.0 forbids, and every & starts a reference.
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(out).not.toMatch(/&(?!(lt|gt|amp|quot|apos|#9|#10|#13);)/);
    // Attribute values hold no raw < or quote: the tag structure is exactly ours.
    const tags = out.match(/<[^>]*>/g) ?? [];
    for (const tag of tags) expect(tag).toMatch(/^<(\?xml version="1\.0" encoding="UTF-8"\?|\/?testsuites?( \w+="[^"<]*")*|testcase( \w+="[^"<]*")*\/?|\/testcase|failure( \w+="[^"<]*")*|\/failure)>$/);
    const names = [...out.matchAll(/<testcase classname="platform-check" name="([^"]*)"/g)].map((match) => unXml(match[1] ?? ''));
    expect(names).toHaveLength(results.length);
    // A name keeps every character XML can hold; the rest read as \uXXXX.
    names.forEach((name, index) => expect(name).toBe(results[index]?.path.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)));
    expect(out.match(/<failure /g)).toHaveLength(HOSTILE.length);
  });

  it('JSON: parses back to exactly the paths', () => {
    const parsed = JSON.parse(formatResults('platform-check', results, 'json', 'check: summary')) as { files: FileResult[] };
    expect(parsed.files.map((file) => file.path)).toEqual(results.map((result) => result.path));
  });

  it('text: one line per message, diff lines kept, no control character reaches the terminal', () => {
    const out = formatResults('platform-check', results, 'text', 'check: summary');
    const lines = out.split('\n');
    // Each failure prints its message (one line) and its two-line diff; then the summary and the final newline.
    expect(lines).toHaveLength(HOSTILE.length * 3 + 2);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(lines.filter((line) => /^ok \d/.test(line))).toEqual([]);
  });

  it('every format is covered', () => {
    expect([...OUTPUT_FORMATS].sort()).toEqual(['json', 'junit', 'tap', 'text']);
  });
});
