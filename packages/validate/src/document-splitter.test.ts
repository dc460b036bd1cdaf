import { describe, expect, it } from 'vitest';

import { DocumentSplitter, type DocumentChunk } from './document-splitter.js';

function split(pieces: readonly string[], max?: number): DocumentChunk[] {
  const chunks: DocumentChunk[] = [];
  const splitter = new DocumentSplitter((chunk) => chunks.push(chunk), max);
  for (const piece of pieces) splitter.write(piece);
  splitter.end();
  return chunks;
}

const text = '\uFEFFa: 1\r\n---\nb: |\n  ---x\n  keep\n...\n--- # c\nc: 3\n---\n\nd: [\n  4]\n';

describe('DocumentSplitter', () => {
  it('cuts at --- and ... at column 0 only, blanking markers so lines and columns stay put', () => {
    expect(split([text])).toEqual([
      { text: 'a: 1', firstLine: 0 },
      { text: '   \nb: |\n  ---x\n  keep\n   ', firstLine: 1 },
      // `...` then `---`: an empty document between them (parseChunk drops empty ones).
      { text: '', firstLine: 6 },
      { text: '    # c\nc: 3', firstLine: 6 },
      { text: '   \n\nd: [\n  4]\n', firstLine: 8 },
    ]);
  });

  it('gives the same documents whatever way the stream is cut (every split point, and one character at a time)', () => {
    const whole = split([text]);
    for (let at = 0; at <= text.length; at += 1) expect(split([text.slice(0, at), text.slice(at)])).toEqual(whole);
    expect(split([...text])).toEqual(whole);
  });

  it('drops a document past the limit, reporting its size, and goes on with the next', () => {
    const big = `a: ${'x'.repeat(100)}\nb: ${'y'.repeat(100)}\n`;
    const chunks = split([`${big}---\nsmall: 1\n`], 64);
    expect(chunks[0]).toMatchObject({ firstLine: 0, oversize: {} });
    expect(chunks[0]?.text).toBeUndefined();
    expect(chunks[1]).toEqual({ text: '   \nsmall: 1\n', firstLine: 2 });
  });

  it('holds no more than the limit of a line that never ends, and still finds the next marker', () => {
    const chunks: DocumentChunk[] = [];
    const splitter = new DocumentSplitter((chunk) => chunks.push(chunk), 1000);
    for (let index = 0; index < 1000; index += 1) splitter.write('z'.repeat(1000));
    splitter.write('\n---\nok: 1\n');
    splitter.end();
    expect(chunks[0]?.oversize?.chars).toBeGreaterThan(1_000_000);
    expect(chunks[1]).toEqual({ text: '   \nok: 1\n', firstLine: 1 });
  });
});
