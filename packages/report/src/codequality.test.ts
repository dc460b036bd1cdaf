import { describe, expect, it } from 'vitest';

import { fingerprint, renderCodeQuality } from './codequality.js';
import type { Finding, Report } from './model.js';
import { readCodeQuality } from './well-formed.js';

const base: Finding = { rule: 'rule/depends-on', file: 'dist/a/fleet.yaml', line: 3, field: 'dependsOn', message: 'names no bundle', severity: 'critical' };
const report = (findings: Finding[], status: 'failed' | 'error' | 'passed' = 'failed'): Report => ({
  name: 'platform-check',
  suites: [{ name: 'platform-check', cases: [{ name: 'x', classname: 'platform-check', label: 'x', status, findings }] }],
});

describe("GitLab's code-quality report", () => {
  it('one issue per finding with exactly the fields GitLab requires: description, check_name, fingerprint, severity, location.path and lines.begin', () => {
    const issues = readCodeQuality(renderCodeQuality(report([base, { ...base, line: undefined, field: undefined, message: 'stale', rule: 'stale', severity: 'major' }])));
    expect(issues).toEqual([
      { description: 'dependsOn: names no bundle', check_name: 'rule/depends-on', fingerprint: fingerprint(base), severity: 'critical', location: { path: 'dist/a/fleet.yaml', lines: { begin: 3 } } },
      // GitLab places an issue on a line: a finding about a whole file goes on its first.
      { description: 'stale', check_name: 'stale', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'major', location: { path: 'dist/a/fleet.yaml', lines: { begin: 1 } } },
    ]);
  });

  it.each(['info', 'minor', 'major', 'critical', 'blocker'] as const)('passes severity %s through', (severity) => {
    expect(readCodeQuality(renderCodeQuality(report([{ ...base, severity }])))[0]?.severity).toBe(severity);
  });

  it('an empty array with no findings; a passing case\'s findings (warnings) are issues too, so a merge request shows them', () => {
    expect(renderCodeQuality({ name: 'validate', suites: [] })).toBe('[]\n');
    expect(readCodeQuality(renderCodeQuality(report([{ ...base, severity: 'minor' }], 'passed')))).toEqual([expect.objectContaining({ severity: 'minor' })]);
    expect(readCodeQuality(renderCodeQuality(report([base], 'error')))).toHaveLength(1);
  });

  it('fingerprints: the same finding gives the same one on every run; a different rule, file, line, subject, field or message a different one', () => {
    expect(fingerprint({ ...base })).toBe(fingerprint(base));
    // Severity and detail are not identity: re-rating a rule or a longer diff keeps the issue the same in GitLab.
    expect(fingerprint({ ...base, severity: 'minor', detail: 'a diff' })).toBe(fingerprint(base));
    const variants: Finding[] = [
      { ...base, rule: 'rule/other' },
      { ...base, file: 'dist/b/fleet.yaml' },
      { ...base, line: 4 },
      { ...base, line: undefined },
      { ...base, subject: 'Bundle/x' },
      { ...base, field: 'dependsOn[0]' },
      { ...base, message: 'names no bundle!' },
      // The separator cannot be forged: moving text between fields changes the hash.
      { ...base, rule: 'rule/depends-on\0dist/a/fleet.yaml', file: '' },
    ];
    const all = [base, ...variants].map(fingerprint);
    expect(new Set(all).size).toBe(all.length);
  });

  it('reports the same finding twice as one issue (GitLab would show only the first of a fingerprint)', () => {
    expect(readCodeQuality(renderCodeQuality(report([base, { ...base }])))).toHaveLength(1);
  });
});
