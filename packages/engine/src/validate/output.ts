import type { FileResult, ResourceResult, ValidationError, ValidationReport, ValidationSummary } from './types.js';

export type OutputFormat = 'text' | 'json' | 'junit' | 'tap';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'junit', 'tap'];

/**
 * Renders a report. Every format is deterministic: files in path order (the
 * report is sorted), documents in file order, no timings or timestamps.
 */
export function formatReport(report: ValidationReport, format: OutputFormat): string {
  switch (format) {
    case 'text':
      return formatText(report);
    case 'json':
      return formatJson(report);
    case 'junit':
      return formatJunit(report);
    case 'tap':
      return formatTap(report);
    default:
      throw new Error(`unknown output format ${String(format)}; use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function summaryLine(summary: ValidationSummary): string {
  return (
    `Summary: ${plural(summary.resources, 'resource')} found in ${plural(summary.files, 'file')} - ` +
    `Valid: ${summary.valid}, Invalid: ${summary.invalid}, Errors: ${summary.errors}, Skipped: ${summary.skipped}`
  );
}

function errorText(error: ValidationError): string {
  const where = error.line !== undefined ? `${error.file}:${error.line}` : error.file;
  const path = error.path === '' ? '' : `${error.path}: `;
  return `${where}: ${error.resource} (document ${error.document}): ${path}${error.message}`;
}

/** One line per problem, `file:line: resource (document n): path: message`, then the summary. */
function formatText(report: ValidationReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const resource of file.resources) {
      for (const error of resource.errors) lines.push(errorText(error));
    }
  }
  lines.push(summaryLine(report.summary));
  return `${lines.join('\n')}\n`;
}

/** JSON with keys in a fixed order, whatever order the objects were built in. */
function formatJson(report: ValidationReport): string {
  const resource = (result: ResourceResult) => ({
    document: result.document,
    line: result.line,
    resource: result.resource,
    apiVersion: result.apiVersion ?? null,
    kind: result.kind ?? null,
    namespace: result.namespace ?? null,
    name: result.name ?? null,
    status: result.status,
    errors: result.errors.map((error) => ({ path: error.path, line: error.line ?? null, message: error.message })),
  });
  const ordered = {
    kubernetesVersion: report.kubernetesVersion,
    strict: report.strict,
    schemaSource: report.schemaSource,
    summary: {
      files: report.summary.files,
      resources: report.summary.resources,
      valid: report.summary.valid,
      invalid: report.summary.invalid,
      errors: report.summary.errors,
      skipped: report.summary.skipped,
    },
    files: report.files.map((file) => ({ path: file.path, resources: file.resources.map(resource) })),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    // XML 1.0 forbids most control characters even escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '?');
}

type FileOutcome = 'passed' | 'failure' | 'error' | 'skipped';

/** A file fails if any document is invalid; errors if any could not be checked. */
function fileOutcome(file: FileResult): FileOutcome {
  const statuses = file.resources.map((resource) => resource.status);
  if (statuses.includes('invalid')) return 'failure';
  if (statuses.includes('error')) return 'error';
  if (statuses.length > 0 && statuses.every((status) => status === 'skipped')) return 'skipped';
  return 'passed';
}

/**
 * One test suite, one test case per file: a merge request's test report then
 * names exactly the files that need fixing, with every problem in the body.
 */
function formatJunit(report: ValidationReport): string {
  const outcomes = report.files.map((file) => ({ file, outcome: fileOutcome(file) }));
  const count = (outcome: FileOutcome) => outcomes.filter((entry) => entry.outcome === outcome).length;
  const totals = `tests="${report.files.length}" failures="${count('failure')}" errors="${count('error')}" skipped="${count('skipped')}"`;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="kubernetes manifests" ${totals}>`,
    `  <testsuite name="validate (Kubernetes ${xml(report.kubernetesVersion)}${report.strict ? ', strict' : ''})" ${totals}>`,
  ];
  for (const { file, outcome } of outcomes) {
    const name = xml(file.path);
    if (outcome === 'passed') {
      lines.push(`    <testcase classname="validate" name="${name}"/>`);
      continue;
    }
    lines.push(`    <testcase classname="validate" name="${name}">`);
    if (outcome === 'skipped') {
      lines.push(`      <skipped message="${xml(`all ${plural(file.resources.length, 'document')} skipped`)}"/>`);
    } else {
      const errors = file.resources.flatMap((resource) => resource.errors);
      const element = outcome === 'failure' ? 'failure' : 'error';
      const summary = `${plural(errors.length, 'problem')} in ${file.path}`;
      lines.push(`      <${element} message="${xml(summary)}" type="${outcome === 'failure' ? 'invalid' : 'error'}">`);
      for (const error of errors) lines.push(xml(errorText(error)));
      lines.push(`      </${element}>`);
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** TAP version 13, one test point per document, problems in a YAML block. */
function formatTap(report: ValidationReport): string {
  const results = report.files.flatMap((file) => file.resources);
  const lines = ['TAP version 13', `1..${results.length}`];
  results.forEach((result, index) => {
    const description = `${result.file} (document ${result.document}) ${result.resource}`;
    const number = index + 1;
    if (result.status === 'valid') {
      lines.push(`ok ${number} - ${description}`);
    } else if (result.status === 'skipped') {
      lines.push(`ok ${number} - ${description} # SKIP ${result.kind ?? 'kind'} is skipped`);
    } else {
      lines.push(`not ok ${number} - ${description}`);
      lines.push('  ---', `  status: ${result.status}`, '  errors:');
      for (const error of result.errors) lines.push(`    - ${JSON.stringify(errorText(error))}`);
      lines.push('  ...');
    }
  });
  lines.push(`# ${summaryLine(report.summary)}`);
  return `${lines.join('\n')}\n`;
}
