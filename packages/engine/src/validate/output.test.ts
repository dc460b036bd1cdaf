import { describe, expect, it } from 'vitest';

import { formatReport, validate } from './index.js';

const inputs = [
  {
    path: 'apps/web.yaml',
    content: [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: { name: apps }',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: web, namespace: apps }',
      'data: { port: 8080 }',
      '',
    ].join('\n'),
  },
  { path: 'apps/widget.yaml', content: 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n' },
  { path: 'apps/ok.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: "a<b" }\n' },
  { path: 'apps/gadget.yaml', content: 'apiVersion: example.com/v1\nkind: Gadget\nmetadata: { name: g }\n' },
];
const report = validate(inputs, { skipKinds: ['Gadget'] });

describe('formatReport', () => {
  it('text: one line per problem, then the summary', () => {
    const text = formatReport(report, 'text');
    expect(text.split('\n')).toEqual([
      'apps/web.yaml:8: ConfigMap/apps/web (document 1): data.port: must be string, got integer',
      'apps/widget.yaml:1: Widget/w (document 0): no schema for example.com/v1 Widget; pass --skip Widget to ignore it',
      'Summary: 5 resources found in 4 files - Valid: 2, Invalid: 1, Errors: 1, Skipped: 1',
      '',
    ]);
  });

  it('text: singular words for one', () => {
    const one = validate([{ path: 'a.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n' }]);
    expect(formatReport(one, 'text')).toBe('Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n');
  });

  it('json: parseable, keys in a fixed order, files sorted', () => {
    const text = formatReport(report, 'json');
    const parsed = JSON.parse(text) as Record<string, unknown> & { files: Array<{ path: string; resources: Array<Record<string, unknown>> }> };
    expect(Object.keys(parsed)).toEqual(['kubernetesVersion', 'strict', 'schemaSource', 'summary', 'files']);
    expect(parsed.files.map((file) => file.path)).toEqual(['apps/gadget.yaml', 'apps/ok.yaml', 'apps/web.yaml', 'apps/widget.yaml']);
    const configMap = parsed.files[2]?.resources[1];
    expect(Object.keys(configMap ?? {})).toEqual(['document', 'line', 'resource', 'apiVersion', 'kind', 'namespace', 'name', 'status', 'errors']);
    expect(configMap?.errors).toEqual([{ path: 'data.port', line: 8, message: 'must be string, got integer' }]);
    expect(formatReport(validate([...inputs].reverse(), { skipKinds: ['Gadget'] }), 'json')).toBe(text);
  });

  it('junit: one suite, one case per file, failures carry the messages', () => {
    const xml = formatReport(report, 'junit');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    expect(xml).toContain('tests="4" failures="1" errors="1" skipped="1"');
    expect(xml).toContain('<testcase classname="validate" name="apps/ok.yaml"/>');
    expect(xml).toMatch(/<testcase classname="validate" name="apps\/web.yaml">\n\s+<failure message="1 problem in apps\/web.yaml" type="invalid">\napps\/web.yaml:8: ConfigMap\/apps\/web \(document 1\): data.port: must be string, got integer\n\s+<\/failure>/);
    expect(xml).toMatch(/name="apps\/widget.yaml">\n\s+<error message="1 problem in apps\/widget.yaml"/);
    expect(xml).toMatch(/name="apps\/gadget.yaml">\n\s+<skipped /);
  });

  it('junit: escapes XML', () => {
    const bad = validate([{ path: 'x&y.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: 1 }\n' }]);
    const xml = formatReport(bad, 'junit');
    expect(xml).toContain('name="x&amp;y.yaml"');
    expect(xml).not.toContain('x&y');
  });

  it('tap: version 13, a plan, one point per document with diagnostics', () => {
    const tap = formatReport(report, 'tap').split('\n');
    expect(tap.slice(0, 2)).toEqual(['TAP version 13', '1..5']);
    expect(tap).toContain('ok 1 - apps/gadget.yaml (document 0) Gadget/g # SKIP Gadget is skipped');
    expect(tap).toContain('ok 2 - apps/ok.yaml (document 0) Namespace/a<b');
    expect(tap).toContain('not ok 4 - apps/web.yaml (document 1) ConfigMap/apps/web');
    const at = tap.indexOf('not ok 4 - apps/web.yaml (document 1) ConfigMap/apps/web');
    expect(tap.slice(at + 1, at + 6)).toEqual([
      '  ---',
      '  status: invalid',
      '  errors:',
      '    - "apps/web.yaml:8: ConfigMap/apps/web (document 1): data.port: must be string, got integer"',
      '  ...',
    ]);
    expect(tap).toContain('not ok 5 - apps/widget.yaml (document 0) Widget/w');
  });
});
