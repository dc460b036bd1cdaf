import type { Finding, Report, Severity, TestCase } from '@platform/report';
import { OutputLayout } from '../output/layout.js';
import { inventoryClusterOf } from '../config/inventory-paths.js';

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
 * check's results as the shared report model: one suite per cluster (its
 * dist/<cluster>/ and fleet/<cluster>/ files and its clusters/<cluster>.yaml)
 * and one for what clusters share (the manifest, the top documentation,
 * shared inventory files), one test case per file (every file checked, and
 * every file a finding names), failing when it has findings. Suites and files
 * sorted, findings in the order found.
 */
export function checkReport(checked: Iterable<string>, findings: readonly Finding[], summary: string, clusters: readonly string[] = []): Report {
  const byFile = new Map<string, Finding[]>();
  for (const path of checked) byFile.set(path, []);
  for (const finding of findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const suites = new Map<string, TestCase[]>();
  for (const path of [...byFile.keys()].sort()) {
    const found = byFile.get(path) ?? [];
    // Warnings (minor, info) are reported with their file but do not fail it.
    const failing = found.some((finding) => !WARNING_SEVERITIES.has(finding.severity));
    const suite = suiteOf(path, clusters);
    const cases = suites.get(suite) ?? [];
    cases.push({ name: path, classname: `${CHECK_REPORT}.${suite}`, label: path, file: path, status: failing ? 'failed' : 'passed', findings: found });
    suites.set(suite, cases);
  }
  const ordered = [...suites.keys()].sort((a, b) => (a === SHARED ? -1 : b === SHARED ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return {
    name: CHECK_REPORT,
    suites: ordered.map((name) => ({ name, ...(name === SHARED ? {} : { heading: `cluster ${name}:` }), cases: suites.get(name) ?? [] })),
    summary,
  };
}

/** The suite of what no single cluster owns. */
export const SHARED = 'shared';

/** The cluster a checked file belongs to, or the shared suite. */
function suiteOf(path: string, clusters: readonly string[]): string {
  const cluster = OutputLayout.clusterOf(path) ?? inventoryClusterOf(path);
  return cluster !== undefined && clusters.includes(cluster) ? cluster : SHARED;
}
