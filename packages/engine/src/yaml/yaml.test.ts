import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { parseYamlFile, toYaml } from './yaml.js';

describe('toYaml, the one YAML writer', () => {
  it('quotes strings that YAML 1.1 would read as booleans, octals, floats or dates', () => {
    const text = toYaml({ a: 'on', b: 'yes', c: '0775', d: '2024-01-01', e: 'n', f: '1.10', g: 'null', h: '~' });
    for (const word of ['on', 'yes', '0775', '2024-01-01', 'n', '1.10', 'null', '~']) {
      expect(text).toContain(`"${word}"`);
    }
  });

  it('never folds long lines', () => {
    const long = 'x'.repeat(300);
    expect(toYaml({ long })).toBe(`long: ${long}\n`);
  });

  it('puts apiVersion, kind, metadata first and sorts every other key at every depth', () => {
    const text = toYaml({ spec: { b: 1, a: { d: 1, c: 2 } }, metadata: { name: 'x' }, kind: 'K', apiVersion: 'v1' });
    expect(text).toBe('apiVersion: v1\nkind: K\nmetadata:\n  name: x\nspec:\n  a:\n    c: 2\n    d: 1\n  b: 1\n');
  });

  it('keeps array order, writes \\n endings and one trailing newline', () => {
    const text = toYaml({ list: ['b', 'a'], multi: 'one\r\ntwo\n' });
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).not.toContain('\r');
    expect(yaml.load(text)).toEqual({ list: ['b', 'a'], multi: 'one\r\ntwo\n' });
  });

  it('writes multi-line strings as literal blocks that read back byte for byte', () => {
    const values = '# comment\ncontroller:\n  kind: DaemonSet\n';
    const text = toYaml({ spec: { valuesContent: values } });
    expect(text).toContain('valuesContent: |');
    expect((yaml.load(text) as { spec: { valuesContent: string } }).spec.valuesContent).toBe(values);
  });

  it('joins several documents with ---', () => {
    expect(toYaml({ a: 1 }, { b: 2 })).toBe('a: 1\n---\nb: 2\n');
  });
});

describe('parseYamlFile', () => {
  it('rejects duplicate keys, naming the file and line', () => {
    expect(() => parseYamlFile('a: 1\nb: 2\na: 3\n', 'charts/x/values.yaml')).toThrow(/charts\/x\/values.yaml|duplicated/);
    try {
      parseYamlFile('a: 1\nb: 2\na: 3\n', 'charts/x/values.yaml');
    } catch (error) {
      expect((error as { file: string }).file).toBe('charts/x/values.yaml');
      expect((error as { field: string }).field).toBe('line 3');
    }
  });
});
