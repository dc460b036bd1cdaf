import { OUTPUT_FORMATS, renderReport, type CaseStatus, type Finding, type OutputFormat, type Report, type TestCase } from '@platform/report';

import { clip } from './excerpt.js';
import { kubeconformJson } from './kubeconform-json.js';
import type { ResourceResult, ValidationError, ValidationReport, ValidationSummary } from './types.js';

export { OUTPUT_FORMATS, type OutputFormat };

export interface OutputOptions {
  /** List valid and skipped resources too (kubeconform -verbose; text and json). */
  verbose?: boolean;
  /** Print the summary (default true; kubeconform -summary). */
  summary?: boolean;
  /** The only input was stdin: the summary says "parsing stdin", as kubeconform's. */
  stdin?: boolean;
}

/**
 * Renders a validation in any of the shared formats (@platform/report).
 * text, junit and tap come out in kubeconform's shapes (pkg/output: text.go,
 * junit.go, tap.go) because the shared formats follow them; json is
 * kubeconform's own shape (kubeconform-json.ts); codequality is GitLab's.
 * Deterministic: files in the order read (sorted), documents in file order,
 * no timings.
 */
export function formatReport(report: ValidationReport, format: OutputFormat, options: OutputOptions = {}): string {
  const settled = { verbose: options.verbose ?? false, summary: options.summary ?? true, stdin: options.stdin ?? false };
  if (format === 'json') return kubeconformJson(report, settled);
  if (!OUTPUT_FORMATS.includes(format)) throw new Error(`unknown output format ${String(format)}; use one of ${OUTPUT_FORMATS.join(', ')}`);
  return renderReport(toReport(report, settled), format, { verbose: settled.verbose });
}

/** kubeconform's summary line, its plurals included ("0 resource found", pkg/output/text.go, Flush). */
export function summaryLine(summary: ValidationSummary, stdin = false): string {
  const resources = `${summary.resources} resource${summary.resources > 1 ? 's' : ''}`;
  const where = stdin ? 'parsing stdin' : `in ${summary.files} file${summary.files > 1 ? 's' : ''}`;
  return `Summary: ${resources} found ${where} - Valid: ${summary.valid}, Invalid: ${summary.invalid}, Errors: ${summary.errors}, Skipped: ${summary.skipped}`;
}

const STATUS: Record<ResourceResult['status'], CaseStatus> = { valid: 'passed', invalid: 'failed', error: 'error', skipped: 'skipped' };

/** `Kind/namespace/name (document n)`, or nothing for a file that could not be read (it has no resource to name). */
function subject(resource: string, document: number): string | undefined {
  return resource === '(file)' ? undefined : `${resource} (document ${document})`;
}

/** One problem: invalid (the schema says no) and error (unreadable, no schema, rejected) are both critical to a merge. */
function finding(error: ValidationError, status: ResourceResult['status']): Finding {
  const about = subject(error.resource, error.document);
  return {
    rule: `validate/${status}`,
    file: error.file,
    ...(error.line !== undefined && error.line > 0 ? { line: error.line } : {}),
    ...(about ? { subject: about } : {}),
    ...(error.path !== '' ? { field: error.path } : {}),
    message: error.message,
    severity: 'critical',
  };
}

/**
 * One resource as a test case, named as kubeconform's JUnit names it
 * (`namespace/name`, classname `Kind@apiVersion`) and labelled as its TAP
 * labels it (`file (apiVersion/kind/namespace/name)`).
 */
function testCase(resource: ResourceResult): TestCase {
  const unreadable = resource.resource === '(file)';
  const qualified = [resource.apiVersion, resource.kind, resource.namespace, resource.name].map((part) => clip(part ?? '')).join('/');
  const about = subject(resource.resource, resource.document);
  return {
    name: unreadable ? resource.file : resource.namespace ? `${clip(resource.namespace)}/${clip(resource.name ?? '')}` : clip(resource.name ?? ''),
    classname: unreadable ? 'file' : `${clip(resource.kind ?? '')}@${clip(resource.apiVersion ?? '')}`,
    label: unreadable ? resource.file : `${resource.file} (${qualified})`,
    status: STATUS[resource.status],
    file: resource.file,
    line: resource.line,
    ...(about ? { subject: about } : {}),
    findings: [
      ...resource.errors.map((error) => finding(error, resource.status)),
      ...(resource.deprecation
        ? [{ rule: 'validate/deprecated', file: resource.file, ...(resource.line > 0 ? { line: resource.line } : {}), ...(about ? { subject: about } : {}), message: resource.deprecation, severity: 'minor' as const }]
        : []),
    ],
  };
}

/** The validation as the shared report model: one suite per file read, one case per resource. */
export function toReport(report: ValidationReport, options: { summary: boolean; stdin: boolean }): Report {
  return {
    name: 'validate',
    suites: report.files.map((file) => ({ name: file.path, cases: file.resources.map(testCase) })),
    ...(options.summary ? { summary: summaryLine(report.summary, options.stdin) } : {}),
  };
}
