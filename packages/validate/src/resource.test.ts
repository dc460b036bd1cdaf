import { describe, expect, it } from 'vitest';

import { parseDocuments } from './resource.js';

describe('parseDocuments', () => {
  it('splits on document markers, skips empty documents and keeps file line numbers', () => {
    const content = ['---', '# only a comment', '---', 'a: 1', '--- # trailing comment', 'b:', '  - x', '  - name: z', '...', '---', ''].join('\n');
    const documents = parseDocuments('f.yaml', content);
    expect(documents.map((document) => [document.index, document.line, document.value])).toEqual([
      [0, 4, { a: 1 }],
      [1, 6, { b: ['x', { name: 'z' }] }],
    ]);
    expect(documents[1]?.lineOf(['b', 1, 'name'])).toBe(8);
    expect(documents[1]?.lineOf(['b', 0])).toBe(7);
  });

  it('keeps a block scalar that contains dashes', () => {
    const [document] = parseDocuments('f.yaml', 'text: |\n  ---\n  not a marker\n');
    expect(document?.value).toEqual({ text: '---\nnot a marker\n' });
  });

  it('reports a duplicate key with its line under strict parsing, keeping the last value, and a syntax error, per document', () => {
    const documents = parseDocuments('f.yaml', 'ok: 1\n---\nx:\n  "k": 1\n  k: 2\n---\nz: [\n');
    expect(documents[0]?.value).toEqual({ ok: 1 });
    expect(documents[1]?.duplicate).toEqual({ message: 'duplicate key `k`', line: 5 });
    expect(documents[1]?.value).toEqual({ x: { k: 2 } });
    expect(documents[2]?.error?.message).toMatch(/^YAML syntax error: /);
  });

  it('lets the last duplicate key win without complaint when not strict, as yaml.Unmarshal does', () => {
    const [document] = parseDocuments('f.yaml', 'x:\n  k: 1\n  k: 2\n', { strict: false });
    expect(document?.duplicate).toBeUndefined();
    expect(document?.error).toBeUndefined();
    expect(document?.value).toEqual({ x: { k: 2 } });
  });

  it('reads YAML as Kubernetes does: 1.1 booleans, timestamps as strings, merge keys', () => {
    const [document] = parseDocuments('f.yaml', 'a: yes\nb: off\ne: y\nc: 2024-01-01T00:00:00Z\nbase: &b {x: 1}\nd:\n  <<: *b\n  w: 2\n');
    expect(document?.value).toEqual({ a: true, b: false, e: true, c: '2024-01-01T00:00:00Z', base: { x: 1 }, d: { x: 1, w: 2 } });
  });

  it('reads JSON', () => {
    const [document] = parseDocuments('f.json', '{\n  "kind": "ConfigMap",\n  "data": {"a": "b"}\n}\n');
    expect(document?.value).toEqual({ kind: 'ConfigMap', data: { a: 'b' } });
    expect(document?.lineOf(['data', 'a'])).toBe(3);
  });
});
