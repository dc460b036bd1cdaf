import { JUNIT_ATTRIBUTES, readCodeQuality, readJunit, readTap } from '@platform/report/well-formed';
import { describe, expect, it } from 'vitest';

import { formatReport, validate } from './index.js';
import type { OutputFormat } from './output.js';

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
  { path: 'apps/empty.yaml', content: '# nothing here\n' },
];
const report = validate(inputs, { skipKinds: ['Gadget'] });
const NO_SCHEMA = "no schema for example.com/v1 Widget (Kubernetes 1.31 core API and the platform's CRDs); add its CRD with --crd or --schema-location, or pass --ignore-missing-schemas";

describe('formatReport: text', () => {
  it('one line per problem with file, line, resource and field, then the summary', () => {
    expect(formatReport(report, 'text').split('\n')).toEqual([
      'apps/web.yaml:8: ConfigMap/apps/web (document 1): data.port: must be string, got integer',
      `apps/widget.yaml:1: Widget/w (document 0): ${NO_SCHEMA}`,
      'Summary: 5 resources found in 5 files - Valid: 2, Invalid: 1, Errors: 1, Skipped: 1',
      '',
    ]);
  });

  it("uses kubeconform's plurals: only more than one takes an s", () => {
    const none = validate([{ path: 'a.yaml', content: '' }]);
    expect(formatReport(none, 'text')).toBe('Summary: 0 resource found in 1 file - Valid: 0, Invalid: 0, Errors: 0, Skipped: 0\n');
    const one = validate([{ path: 'a.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n' }]);
    expect(formatReport(one, 'text')).toBe('Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n');
  });

  it('says "parsing stdin" when stdin was the only input, and prints nothing at all without summary or problems', () => {
    expect(formatReport(report, 'text', { stdin: true })).toContain('Summary: 5 resources found parsing stdin - ');
    const one = validate([{ path: 'a.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n' }]);
    expect(formatReport(one, 'text', { summary: false })).toBe('');
  });
});

describe('formatReport: json (kubeconform pkg/output/json.go)', () => {
  it('lists invalid and error resources with kubeconform field names, pointers as paths, then the summary', () => {
    const parsed = JSON.parse(formatReport(report, 'json')) as { resources: Array<Record<string, unknown>>; summary: Record<string, number> };
    expect(Object.keys(parsed)).toEqual(['resources', 'summary']);
    expect(parsed.resources).toEqual([
      {
        filename: 'apps/web.yaml',
        kind: 'ConfigMap',
        name: 'web',
        version: 'v1',
        status: 'statusInvalid',
        msg: 'data.port: must be string, got integer',
        validationErrors: [{ path: '/data/port', msg: 'must be string, got integer' }],
      },
      { filename: 'apps/widget.yaml', kind: 'Widget', name: 'w', version: 'example.com/v1', status: 'statusError', msg: NO_SCHEMA },
    ]);
    expect(parsed.summary).toEqual({ valid: 2, invalid: 1, errors: 1, skipped: 1 });
  });

  it('--verbose lists every resource; without the summary there is no summary key; the same bytes whatever the input order', () => {
    const parsed = JSON.parse(formatReport(report, 'json', { verbose: true, summary: false })) as { resources: Array<{ status: string }> };
    expect(Object.keys(parsed)).toEqual(['resources']);
    expect(parsed.resources.map((resource) => resource.status)).toEqual(['statusSkipped', 'statusValid', 'statusValid', 'statusInvalid', 'statusError']);
    expect(formatReport(validate([...inputs].reverse(), { skipKinds: ['Gadget'] }), 'json')).toBe(formatReport(report, 'json'));
  });
});

describe('formatReport: junit (kubeconform pkg/output/junit.go, fixtures/junit.xsd)', () => {
  const xml = formatReport(report, 'junit');

  it('one testsuite per file, one testcase per resource, failure/error/skipped as the status says', () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(5);
    expect(xml).toContain('<testsuites name="validate" time="0" tests="5" failures="1" disabled="1" errors="1">');
    expect(xml).toContain('<testcase name="a&lt;b" classname="Namespace@v1" time="0"></testcase>');
    expect(xml).toMatch(/<testcase name="apps\/web" classname="ConfigMap@v1" time="0">\n\s+<failure message="data.port: must be string, got integer" type="validate\/invalid">apps\/web.yaml:8: ConfigMap\/apps\/web \(document 1\): data.port: must be string, got integer<\/failure>/);
    expect(xml).toMatch(/<testcase name="w" classname="Widget@example.com\/v1" time="0">\n\s+<error message="no schema/);
    expect(xml).toMatch(/<testcase name="g" classname="Gadget@example.com\/v1" time="0">\n\s+<skipped><\/skipped>/);
    expect(xml).toContain('<testsuite name="apps/empty.yaml" id="1" tests="0" failures="0" errors="0" disabled="0" skipped="0">');
  });

  // kubeconform's junit.xsd attribute lists: an attribute outside them fails `xmllint --schema junit.xsd`.
  const allowed = JUNIT_ATTRIBUTES;

  it('uses only the elements and attributes junit.xsd allows (no `skipped` on testsuites, none on skipped)', () => {
    for (const [, element, attributes] of xml.matchAll(/<([a-z-]+)((?:\s+[a-z]+="[^"]*")*)\s*\/?>/g)) {
      expect(Object.keys(allowed)).toContain(element);
      const names = [...(attributes ?? '').matchAll(/([a-z]+)="/g)].map((match) => match[1]);
      for (const name of names) expect(allowed[element ?? '']).toContain(name);
      if (element === 'testsuite') expect(names).toEqual(expect.arrayContaining(['name', 'tests']));
      if (element === 'testcase') expect(names).toContain('name');
    }
  });
});

describe("formatReport: codequality (GitLab's Code Quality report)", () => {
  it('one issue per problem with the fields GitLab requires, placed on the line of the problem', () => {
    expect(readCodeQuality(formatReport(report, 'codequality'))).toEqual([
      {
        description: 'ConfigMap/apps/web (document 1): data.port: must be string, got integer',
        check_name: 'validate/invalid',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        severity: 'critical',
        location: { path: 'apps/web.yaml', lines: { begin: 8 } },
      },
      { description: `Widget/w (document 0): ${NO_SCHEMA}`, check_name: 'validate/error', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'critical', location: { path: 'apps/widget.yaml', lines: { begin: 1 } } },
    ]);
  });

  it('an empty array for a clean run, an empty run and stdin alike', () => {
    expect(formatReport(validate([{ path: 'a.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n' }]), 'codequality')).toBe('[]\n');
    expect(formatReport(validate([]), 'codequality', { stdin: true })).toBe('[]\n');
  });
});

describe('formatReport: every format well-formed for every outcome', () => {
  const outcomes = {
    clean: validate([{ path: 'a.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n' }]),
    failures: report,
    unreadable: validate([{ path: 'bad.yaml', content: 'a: [\n' }]),
    empty: validate([]),
  };
  const formats: OutputFormat[] = ['text', 'json', 'junit', 'tap', 'codequality'];
  for (const [outcome, result] of Object.entries(outcomes)) {
    it.each(formats)(`%s: ${outcome}`, (format) => {
      const out = formatReport(result, format);
      if (format === 'junit') expect(Number(readJunit(out).testsuites.tests)).toBe(result.summary.resources);
      if (format === 'tap') readTap(out);
      if (format === 'codequality') expect(readCodeQuality(out)).toHaveLength(result.summary.invalid + result.summary.errors === 0 ? 0 : result.files.flatMap((file) => file.resources).flatMap((resource) => resource.errors).length);
      if (format === 'json') expect((JSON.parse(out) as { summary: Record<string, number> }).summary.invalid).toBe(result.summary.invalid);
      if (format === 'text') expect(out.endsWith('\n') && out.split('\n').at(-2)?.startsWith('Summary: ')).toBe(true);
    });
  }
});

describe('formatReport: tap (kubeconform pkg/output/tap.go)', () => {
  it('version 13, one point per resource with its qualified name, (empty) for an empty file, the plan last', () => {
    expect(formatReport(report, 'tap', { summary: false }).split('\n')).toEqual([
      'TAP version 13',
      'ok 1 - apps/empty.yaml (empty)',
      'ok 2 - apps/gadget.yaml (example.com/v1/Gadget//g) # skip',
      'ok 3 - apps/ok.yaml (v1/Namespace//a<b)',
      'ok 4 - apps/web.yaml (v1/Namespace//apps)',
      'not ok 5 - apps/web.yaml (v1/ConfigMap/apps/web): data.port: must be string, got integer',
      `not ok 6 - apps/widget.yaml (example.com/v1/Widget//w): ${NO_SCHEMA}`,
      '1..6',
      '',
    ]);
  });
});

describe('formatReport: hostile names cannot forge results in any format', () => {
  // A file name, kind and name that try to end the line and start a passing test point or directive.
  const forged = 'x.yaml\nok 99 - forged\n# SKIP\r</testcase><testcase name="f">\u0001\u2028';
  const hostile = validate([
    { path: forged, content: 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: "n\\nok 7 - fake # SKIP" }\ndata: { k: 1 }\n' },
    { path: 'kind.yaml', content: 'apiVersion: "v1\\nok 8"\nkind: "K\\n# TODO"\nmetadata: { name: m }\n' },
  ]);
  const formats: OutputFormat[] = ['text', 'json', 'junit', 'tap', 'codequality'];

  it.each(formats)('%s: every line is one the format defines; nothing from the input starts a line', (format) => {
    const out = formatReport(hostile, format, { verbose: true });
    const lines = out.split('\n');
    expect(lines.some((line) => /^(ok|not ok) (7|8|99)\b/.test(line.trim()))).toBe(false);
    expect(lines.some((line) => /^#\s*(SKIP|TODO)/.test(line.trim()))).toBe(false);
    expect(out).not.toMatch(/[\u0001\u2028\r]/);
    if (format === 'json') expect((JSON.parse(out) as { resources: Array<{ filename: string }> }).resources[1]?.filename).toBe(forged);
    if (format === 'junit') expect(readJunit(out).suites.flatMap((suite) => suite.cases)).toHaveLength(2);
    if (format === 'codequality') expect(readCodeQuality(out).map((issue) => issue.location.path)).toEqual(['kind.yaml', forged]);
    if (format === 'tap') {
      expect(readTap(out).points).toHaveLength(2);
      expect(lines.every((line) => line === '' || /^(TAP version 13|1\.\.2|(not )?ok [12] - |# Summary)/.test(line))).toBe(true);
      // `#` escaped so no directive (SKIP/TODO) is read from a name.
      expect(out).toContain('\\# SKIP');
    }
  });
});
