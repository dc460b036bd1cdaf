import { describe, expect, it } from 'vitest';

import { OUTPUT_FORMATS, renderReport, type OutputFormat } from './index.js';
import { caseMessage, isFailure, type Finding, type Report, type TestCase } from './model.js';
import { readCodeQuality, readJunit, readTap } from './well-formed.js';

const passed = (path: string): TestCase => ({ name: path, classname: 'suite', label: path, file: path, status: 'passed', findings: [] });
const failing = (path: string, findings: Finding[], status: 'failed' | 'error' = 'failed'): TestCase => ({ name: path, classname: 'suite', label: path, file: path, status, findings });

/** The outcomes every format must render well-formed: what check and validate can produce. */
const OUTCOMES: Record<string, Report> = {
  clean: { name: 'platform-check', suites: [{ name: 'platform-check', cases: [passed('dist/a.yaml'), passed('fleet/gitrepo.yaml')] }], summary: 'check: 2 files up to date and valid' },
  failures: {
    name: 'validate',
    suites: [
      {
        name: 'apps/web.yaml',
        cases: [
          passed('apps/ns'),
          failing('apps/web', [
            { rule: 'validate/invalid', file: 'apps/web.yaml', line: 8, subject: 'ConfigMap/apps/web (document 1)', field: 'data.port', message: 'must be string, got integer', severity: 'critical' },
            { rule: 'validate/invalid', file: 'apps/web.yaml', line: 9, subject: 'ConfigMap/apps/web (document 1)', field: 'data.x', message: 'unknown field', severity: 'critical' },
          ]),
          { ...passed('apps/skipped'), status: 'skipped' },
        ],
      },
      { name: 'apps/empty.yaml', cases: [] },
      { name: 'apps/broken.yaml', cases: [failing('apps/broken.yaml', [{ rule: 'validate/error', file: 'apps/broken.yaml', message: 'not YAML', severity: 'critical' }], 'error')] },
      {
        name: 'platform-check',
        cases: [failing('dist/b.yaml', [{ rule: 'stale', file: 'dist/b.yaml', message: 'stale; run npm run synth', detail: '--- a/dist/b.yaml\n+++ b/dist/b.yaml\n@@ -1 +1 @@\n-a: 1\n+a: 2', severity: 'major' }])],
      },
    ],
    summary: 'Summary: 3 resources found in 3 files - Valid: 1, Invalid: 1, Errors: 1, Skipped: 1',
  },
  'render error': {
    name: 'platform-check',
    suites: [{ name: 'platform-check', cases: [failing('cluster.yaml', [{ rule: 'render-error', file: 'cluster.yaml', field: 'storage.replicaCount', message: 'got "lots", expected an integer', detail: 'hint: a number', severity: 'blocker' }])] }],
    summary: 'check: the input does not render (1 problem); nothing was compared',
  },
  empty: { name: 'validate', suites: [] },
  'empty suite': { name: 'platform-check', suites: [{ name: 'platform-check', cases: [] }], summary: 'check: 0 files' },
};

/** How many test points, test cases or issues a well-formed rendering of the report holds. */
const cases = (report: Report) => report.suites.flatMap((suite) => suite.cases);
const findings = (report: Report) => cases(report).filter(isFailure).flatMap((testCase) => testCase.findings);

/** A string as JUnit can carry it: each character XML 1.0 can hold as itself, the others as `\uXXXX`. */
const xmlSafe = (text: string) =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Reads one format back, throwing unless well-formed, and checks it holds exactly the report's results. */
const READ_BACK: Record<OutputFormat, (out: string, report: Report) => void> = {
  text(out, report) {
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    const detailLines = findings(report).reduce((sum, finding) => sum + (finding.detail ? finding.detail.split('\n').length : 0), 0);
    const expected = findings(report).length + detailLines + (report.summary === undefined ? 0 : 1);
    expect(out === '' ? 0 : out.slice(0, -1).split('\n').length).toBe(expected);
    if (expected > 0) expect(out.endsWith('\n')).toBe(true);
  },
  json(out, report) {
    const parsed = JSON.parse(out) as { name: string; ok: boolean; counts: Record<string, number>; summary?: string; suites: unknown };
    expect(parsed.suites).toEqual(report.suites);
    expect(parsed.ok).toBe(!cases(report).some(isFailure));
    expect(parsed.counts.tests).toBe(cases(report).length);
    expect(parsed.summary).toBe(report.summary);
  },
  junit(out, report) {
    const read = readJunit(out);
    expect(read.suites).toHaveLength(report.suites.length);
    expect(Number(read.testsuites.tests)).toBe(cases(report).length);
    expect(Number(read.testsuites.failures) + Number(read.testsuites.errors)).toBe(cases(report).filter(isFailure).length);
    read.suites.forEach((suite, index) => {
      const source = report.suites[index];
      expect(suite.attributes.name).toBe(source?.name);
      expect(suite.cases.map((testCase) => testCase.attributes.name)).toEqual(source?.cases.map((testCase) => xmlSafe(testCase.name)));
      expect(suite.cases.map((testCase) => testCase.outcome?.element ?? 'passed')).toEqual(
        source?.cases.map((testCase) => ({ passed: 'passed', failed: 'failure', error: 'error', skipped: 'skipped' })[testCase.status]),
      );
    });
  },
  tap(out, report) {
    const { points, comments } = readTap(out);
    // Each description reads back (unescaped) as exactly the label, and the findings of a failing case.
    const expected = report.suites.flatMap((suite) =>
      suite.cases.length === 0
        ? [{ ok: true, skip: false, description: `${suite.name} (empty)` }]
        : suite.cases.map((testCase) => ({ ok: !isFailure(testCase), skip: testCase.status === 'skipped', description: isFailure(testCase) ? `${testCase.label}: ${caseMessage(testCase)}` : testCase.label })),
    );
    expect(points.map(({ ok, skip, description }) => ({ ok, skip, description }))).toEqual(expected);
    expect(comments).toEqual(report.summary === undefined ? [] : [report.summary]);
  },
  codequality(out, report) {
    const issues = readCodeQuality(out);
    expect(issues.map((issue) => [issue.check_name, issue.location.path])).toEqual(findings(report).map((finding) => [finding.rule, finding.file]));
  },
};

describe('every format, every outcome', () => {
  it('covers exactly the formats offered', () => {
    expect(Object.keys(READ_BACK).sort()).toEqual([...OUTPUT_FORMATS].sort());
  });

  for (const [outcome, report] of Object.entries(OUTCOMES)) {
    it.each(OUTPUT_FORMATS)(`%s: well-formed and complete for the ${outcome} outcome, the same bytes every time`, (format) => {
      const out = renderReport(report, format);
      READ_BACK[format](out, report);
      expect(renderReport(report, format)).toBe(out);
    });
  }

  it('text: one line per finding as file:line: subject: field: message, details below, the summary last', () => {
    const out = renderReport(OUTCOMES.failures as Report, 'text');
    expect(out.split('\n')).toEqual([
      'apps/web.yaml:8: ConfigMap/apps/web (document 1): data.port: must be string, got integer',
      'apps/web.yaml:9: ConfigMap/apps/web (document 1): data.x: unknown field',
      'apps/broken.yaml: not YAML',
      'dist/b.yaml: stale; run npm run synth',
      '--- a/dist/b.yaml',
      '+++ b/dist/b.yaml',
      '@@ -1 +1 @@',
      '-a: 1',
      '+a: 2',
      'Summary: 3 resources found in 3 files - Valid: 1, Invalid: 1, Errors: 1, Skipped: 1',
      '',
    ]);
    expect(renderReport(OUTCOMES.failures as Report, 'text', { verbose: true })).toContain('apps/skipped: skipped\n');
    expect(renderReport(OUTCOMES.empty as Report, 'text')).toBe('');
  });

  it('TAP: the findings of a case on its line, # skip for skipped, (empty) for an empty suite, the plan last', () => {
    expect(renderReport(OUTCOMES.failures as Report, 'tap').split('\n')).toEqual([
      'TAP version 13',
      'ok 1 - apps/ns',
      'not ok 2 - apps/web: data.port: must be string, got integer; data.x: unknown field',
      'ok 3 - apps/skipped # skip',
      'ok 4 - apps/empty.yaml (empty)',
      'not ok 5 - apps/broken.yaml: not YAML',
      'not ok 6 - dist/b.yaml: stale; run npm run synth',
      '1..6',
      '# Summary: 3 resources found in 3 files - Valid: 1, Invalid: 1, Errors: 1, Skipped: 1',
      '',
    ]);
  });

  it('JUnit: failure for failed, error for error, the rules as type, one body line per finding and its detail', () => {
    const read = readJunit(renderReport(OUTCOMES.failures as Report, 'junit'));
    expect(read.testsuites).toEqual({ name: 'validate', time: '0', tests: '5', failures: '2', disabled: '1', errors: '1' });
    const web = read.suites[0]?.cases[1]?.outcome;
    expect(web).toEqual({
      element: 'failure',
      attributes: { message: 'data.port: must be string, got integer; data.x: unknown field', type: 'validate/invalid' },
      text: 'apps/web.yaml:8: ConfigMap/apps/web (document 1): data.port: must be string, got integer\napps/web.yaml:9: ConfigMap/apps/web (document 1): data.x: unknown field',
    });
    expect(read.suites[3]?.cases[0]?.outcome?.text).toBe(`dist/b.yaml: stale; run npm run synth\n${OUTCOMES.failures?.suites[3]?.cases[0]?.findings[0]?.detail}`);
    expect(read.suites[1]?.attributes).toEqual({ name: 'apps/empty.yaml', id: '2', tests: '0', failures: '0', errors: '0', disabled: '0', skipped: '0' });
  });
});

describe('hostile file names, subjects and messages in every format', () => {
  /** Each tries to end a line, start a test point or directive, close an element, or reach a terminal raw. */
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
    'dist/bom\ufeff\uffffend',
  ];
  const report: Report = {
    name: 'check\n# forged',
    suites: [
      {
        name: 'suite</testsuite>\n',
        cases: HOSTILE.flatMap((path, index): TestCase[] => [
          { ...passed(path), classname: `class\n${path}` },
          failing(`${path}-${index}`, [
            { rule: `rule\n${path}`, file: `${path}-${index}`, line: index + 1, subject: `Kind/${path}`, field: `data.${path}`, message: `not generated\nok 1 - forged in a message ${path}`, detail: `--- ${path}-${index}\n+ok 2 - forged in a diff\u001b[31m`, severity: 'major' },
          ]),
        ]),
      },
    ],
    summary: 'summary\nok 100 - forged summary',
  };

  it.each(OUTPUT_FORMATS)('%s: well-formed, one result per case, nothing forged', (format) => {
    const out = renderReport(report, format, { verbose: true });
    if (format !== 'text') READ_BACK[format](out, report);
    // No line that the input started: every line is one the format itself writes.
    for (const line of out.split('\n')) expect(line).not.toMatch(/^\s*(ok|not ok) (9\d|100)\b|^\s*(ok|not ok) \d+ - forged|^\s*#\s*(SKIP|TODO|forged)/);
  });

  it('JUnit reads every name back: each character XML can hold as itself, the rest as \\uXXXX', () => {
    const read = readJunit(renderReport(report, 'junit'));
    expect(read.suites[0]?.cases.map((testCase) => testCase.attributes.name)).toEqual(cases(report).map((testCase) => xmlSafe(testCase.name)));
    expect(read.testsuites.name).toBe(report.name);
  });

  it('JSON and code quality parse back to exactly the input strings', () => {
    expect((JSON.parse(renderReport(report, 'json')) as { suites: unknown }).suites).toEqual(report.suites);
    const issues = readCodeQuality(renderReport(report, 'codequality'));
    expect(issues.map((issue) => issue.location.path)).toEqual(HOSTILE.map((path, index) => `${path}-${index}`));
    // No raw character a line-based reader splits on.
    expect(renderReport(report, 'codequality')).not.toMatch(/[\u0085\u2028\u2029]/);
  });

  it('text: one line per finding and per detail line, no control character but the diff line breaks', () => {
    const out = renderReport(report, 'text');
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(out.split('\n')).toHaveLength(HOSTILE.length * 3 + 2);
  });
});
