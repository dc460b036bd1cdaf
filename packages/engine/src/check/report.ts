import type { Finding, Report, Severity } from '@platform/report';

import type { Severity as RuleSeverity } from '../rules/finding.js';

/** Severities that warn without failing check. */
export const WARNING_SEVERITIES: ReadonlySet<Severity> = new Set<Severity>(['info', 'minor']);

/** The name check's reports carry (the JUnit testsuites and testsuite, each case's classname). */
export const CHECK_REPORT = 'platform-check';

/**
 * How much each kind of finding weighs in GitLab's code-quality widget: input
 * that does not render or a half-finished synth blocks everything; a rule
 * error is critical (Fleet or Kubernetes would refuse or misdeploy it); a
 * tree that only needs a synth is major; a rule's warning is minor.
 */
export const SEVERITY = {
  renderError: 'blocker',
  interruptedSynth: 'blocker',
  drift: 'major',
  rule: (severity: RuleSeverity): Severity => (severity === 'error' ? 'critical' : 'minor'),
} as const;

/**
 * check's results as the shared report model: one suite, one test case per
 * file (every file checked, and every file a finding names), failing when it
 * has findings. Files sorted, findings in the order found.
 */
export function checkReport(checked: Iterable<string>, findings: readonly Finding[], summary: string): Report {
  const byFile = new Map<string, Finding[]>();
  for (const path of checked) byFile.set(path, []);
  for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const cases = [...byFile.keys()].sort().map((path) => {
    const found = byFile.get(path) ?? [];
    // Warnings (minor, info) are reported with their file but do not fail it.
    const failing = found.some((finding) => !WARNING_SEVERITIES.has(finding.severity));
    return { name: path, classname: CHECK_REPORT, label: path, file: path, status: failing ? ('failed' as const) : ('passed' as const), findings: found };
  });
  return { name: CHECK_REPORT, suites: [{ name: CHECK_REPORT, cases }], summary };
}
