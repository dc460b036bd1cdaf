/**
 * The one report model every command renders: a report holds suites (check:
 * one for the tree; validate: one per file read), a suite holds test cases
 * (check: one per file; validate: one per resource), a case holds the
 * findings that make it fail. Each format file renders this model and
 * nothing else, so check and validate get the same formats, escaped alike.
 */

/** GitLab's code-quality scale, the finest any format needs; the others read it as pass or fail. */
export type Severity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

/** One thing wrong, where it is, and why. */
export interface Finding {
  /** Rule id (`stale`, `rule/depends-on`, `validate/invalid`): a code-quality check name, a JUnit failure type. */
  readonly rule: string;
  /** Repository- or invocation-relative file the finding is about. */
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** The object inside the file, when the file holds several (`ConfigMap/apps/web (document 1)`). */
  readonly subject?: string;
  /** Dotted path of the offending field, when there is one. */
  readonly field?: string;
  /** What is wrong, one sentence, without the file (formats add the location). */
  readonly message: string;
  /** More lines: a diff, a hint. Text and JUnit bodies show it; one-line formats leave it out. */
  readonly detail?: string;
  readonly severity: Severity;
}

/** passed and skipped count as success; failed (a rule said no) and error (it could not be checked) as failure. */
export type CaseStatus = 'passed' | 'failed' | 'error' | 'skipped';

/** One checked thing: a file for check, a resource for validate. */
export interface TestCase {
  /** JUnit testcase name. */
  readonly name: string;
  /** JUnit testcase classname. */
  readonly classname: string;
  /** How a one-line format names it (the TAP description). */
  readonly label: string;
  readonly status: CaseStatus;
  /** Where it is, for the verbose text line of a passing or skipped case. */
  readonly file?: string;
  readonly line?: number;
  readonly subject?: string;
  /** Empty unless the status is failed or error. */
  readonly findings: readonly Finding[];
}

export interface Suite {
  readonly name: string;
  /** A line the text format prints above the suite's findings, when it has any (check: `cluster dev:`). */
  readonly heading?: string;
  readonly cases: readonly TestCase[];
}

export interface Report {
  /** What produced it (`platform-check`, `validate`): the JUnit testsuites name. */
  readonly name: string;
  readonly suites: readonly Suite[];
  /** The closing line (text), comment (TAP) or field (JSON); none when absent. */
  readonly summary?: string;
}

/** Options a format may honour. */
export interface RenderOptions {
  /** List passing and skipped cases too (text). */
  readonly verbose?: boolean;
}

/** A case that makes the report fail. */
export function isFailure(testCase: TestCase): boolean {
  return testCase.status === 'failed' || testCase.status === 'error';
}

/** Every case of the report, suite by suite. */
export function allCases(report: Report): TestCase[] {
  return report.suites.flatMap((suite) => suite.cases);
}

/** How many cases have each status. */
export function countStatuses(cases: readonly TestCase[]): Record<CaseStatus, number> {
  const counts: Record<CaseStatus, number> = { passed: 0, failed: 0, error: 0, skipped: 0 };
  for (const testCase of cases) counts[testCase.status] += 1;
  return counts;
}

/** `file:line`, or the file alone when the line is unknown (0 or absent). */
export function location(file: string, line: number | undefined): string {
  return line !== undefined && line > 0 ? `${file}:${line}` : file;
}

/** A finding in one line without its location: `subject: field: message`. */
export function findingText(finding: Finding): string {
  return [finding.subject, finding.field, finding.message].filter((part) => part !== undefined && part !== '').join(': ');
}

/** A finding in one line with its location: `file:line: subject: field: message`. */
export function findingLine(finding: Finding): string {
  return `${location(finding.file, finding.line)}: ${findingText(finding)}`;
}

/** A case's findings as one message, `field: message; field: message` (the TAP line, the JUnit failure message). */
export function caseMessage(testCase: TestCase): string {
  return testCase.findings.map((finding) => [finding.field, finding.message].filter(Boolean).join(': ')).join('; ');
}
