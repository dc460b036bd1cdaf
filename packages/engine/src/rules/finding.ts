import { PlatformError } from '../errors.js';

/** How bad a finding is: an error stops synth and fails check; a warning is reported only. */
export type Severity = 'error' | 'warning';

/**
 * One thing wrong with the tree, the same shape whoever found it (a rule,
 * the comparison with the committed tree, the validator) and whatever
 * format reports it.
 */
export interface Finding {
  /** The rule's id, e.g. `depends-on`; reports group and filter by it. */
  readonly rule: string;
  readonly severity: Severity;
  /** Repository-relative file the finding is about. */
  readonly file: string;
  /** Dotted field path inside the file, when there is one. */
  readonly field?: string;
  /** 1-based line, when known. */
  readonly line?: number;
  readonly message: string;
  /** What to do about it. */
  readonly hint?: string;
  /** Longer detail shown under the message (a diff, say). */
  readonly detail?: string;
}

/** An error finding; the usual case. */
export function error(rule: string, file: string, message: string, more: Partial<Pick<Finding, 'field' | 'line' | 'hint' | 'detail'>> = {}): Finding {
  return { rule, severity: 'error', file, message, ...more };
}

/** The user-facing error for findings that stop synth. */
export function findingsError(findings: readonly Finding[]): PlatformError[] {
  return findings.map((finding) => new PlatformError(finding.message, { file: finding.file, ...(finding.field ? { field: finding.field } : finding.line ? { field: `line ${finding.line}` } : {}), ...(finding.hint ? { hint: finding.hint } : {}) }));
}
