import { createHash } from 'node:crypto';

import { jsonText } from './escape.js';
import { allCases, findingText, type Finding, type Report, type Severity } from './model.js';

/** One entry of GitLab's code-quality report (a subset of the Code Climate issue that GitLab reads). */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: Severity;
  location: { path: string; lines: { begin: number } };
}

/**
 * A fingerprint that is the same for the same finding on every run and
 * differs between findings: GitLab compares a merge request's report with
 * its target branch's by fingerprint (new, resolved, unchanged) and shows
 * only the first issue of a fingerprint. Hashes rule, file, line and the
 * one-line description (which names the object and field), NUL-separated so
 * no two different tuples hash alike.
 */
export function fingerprint(finding: Finding): string {
  return createHash('sha256')
    .update([finding.rule, finding.file, String(finding.line ?? 0), findingText(finding)].join('\0'))
    .digest('hex')
    .slice(0, 32);
}

/**
 * GitLab's Code Quality report (docs.gitlab.com/ci/testing/code_quality,
 * "Code Quality report format"): a JSON array with one issue per finding of
 * a failed or errored case, each with the fields GitLab requires:
 * description, check_name, fingerprint, severity and location.path with
 * location.lines.begin (1 when the line is unknown: GitLab needs a line to
 * place the issue in the diff). An empty array when nothing is wrong.
 * Every string is the input's, unshortened; jsonText escapes what JSON and
 * line-based readers need.
 */
export function renderCodeQuality(report: Report): string {
  const seen = new Set<string>();
  // Every finding, a passing case's warnings included (a Bundle rename is worth a reviewer's look, not a red pipeline).
  const issues: CodeQualityIssue[] = allCases(report)
    .flatMap((testCase) => testCase.findings)
    // The same finding twice (same rule, place and words) is one issue: GitLab would show only the first.
    .filter((finding) => !seen.has(fingerprint(finding)) && Boolean(seen.add(fingerprint(finding))))
    .map((finding) => ({
      description: findingText(finding),
      check_name: finding.rule,
      fingerprint: fingerprint(finding),
      severity: finding.severity,
      location: { path: finding.file, lines: { begin: finding.line !== undefined && finding.line > 0 ? finding.line : 1 } },
    }));
  return `${jsonText(issues)}\n`;
}
