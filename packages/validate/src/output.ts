import { jsonText, oneLine, tapText, xmlAttribute, xmlText } from './escape.js';
import { clip } from './excerpt.js';
import type { FileResult, ResourceResult, ValidationError, ValidationReport, ValidationSummary } from './types.js';

export type OutputFormat = 'text' | 'json' | 'junit' | 'tap';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'junit', 'tap'];

export interface OutputOptions {
  /** List valid and skipped resources too (kubeconform -verbose; text and json). */
  verbose?: boolean;
  /** Print the summary (default true; kubeconform -summary). */
  summary?: boolean;
  /** The only input was stdin: the summary says "parsing stdin", as kubeconform's. */
  stdin?: boolean;
}

/**
 * Renders a report in kubeconform's shapes (pkg/output: text.go, json.go,
 * junit.go, tap.go). Every format is deterministic: files in the order read
 * (sorted), documents in file order, no timings (JUnit `time` is 0).
 */
export function formatReport(report: ValidationReport, format: OutputFormat, options: OutputOptions = {}): string {
  const settled = { verbose: options.verbose ?? false, summary: options.summary ?? true, stdin: options.stdin ?? false };
  switch (format) {
    case 'text':
      return formatText(report, settled);
    case 'json':
      return formatJson(report, settled);
    case 'junit':
      return formatJunit(report);
    case 'tap':
      return formatTap(report, settled);
    default:
      throw new Error(`unknown output format ${String(format)}; use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
}

/** kubeconform's summary line, its plurals included ("0 resource found", pkg/output/text.go, Flush). */
export function summaryLine(summary: ValidationSummary, stdin = false): string {
  const resources = `${summary.resources} resource${summary.resources > 1 ? 's' : ''}`;
  const where = stdin ? 'parsing stdin' : `in ${summary.files} file${summary.files > 1 ? 's' : ''}`;
  return `Summary: ${resources} found ${where} - Valid: ${summary.valid}, Invalid: ${summary.invalid}, Errors: ${summary.errors}, Skipped: ${summary.skipped}`;
}

function errorText(error: ValidationError): string {
  const where = error.line !== undefined && error.line > 0 ? `${error.file}:${error.line}` : error.file;
  const path = error.path === '' ? '' : `${error.path}: `;
  // A file that could not be read has no resource to name.
  const subject = error.resource === '(file)' ? '' : `${error.resource} (document ${error.document}): `;
  return oneLine(`${where}: ${subject}${path}${error.message}`);
}

/**
 * One line per problem, `file:line: resource (document n): path: message`
 * (kubeconform prints one line per resource; naming the line and field of
 * each problem is this tool's deliberate addition), then the summary.
 */
function formatText(report: ValidationReport, options: Required<OutputOptions>): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const resource of file.resources) {
      for (const error of resource.errors) lines.push(errorText(error));
      if (options.verbose && (resource.status === 'valid' || resource.status === 'skipped')) {
        lines.push(oneLine(`${resource.file}:${resource.line}: ${resource.resource} (document ${resource.document}): ${resource.status === 'valid' ? 'is valid' : 'skipped'}`));
      }
    }
  }
  if (options.summary) lines.push(summaryLine(report.summary, options.stdin));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

const JSON_STATUS: Record<ResourceResult['status'], string> = {
  valid: 'statusValid',
  invalid: 'statusInvalid',
  error: 'statusError',
  skipped: 'statusSkipped',
};

function message(resource: ResourceResult): string {
  return resource.errors.map((error) => (error.path === '' ? error.message : `${error.path}: ${error.message}`)).join('; ');
}

/**
 * kubeconform's JSON (pkg/output/json.go): `resources` lists invalid and
 * error results (all with --verbose) as filename, kind, name, version,
 * status, msg and validationErrors (path as a JSON pointer, msg);
 * `summary` only when the summary is on.
 */
function formatJson(report: ValidationReport, options: Required<OutputOptions>): string {
  const resources = report.files
    .flatMap((file) => file.resources)
    .filter((resource) => options.verbose || resource.status === 'invalid' || resource.status === 'error')
    .map((resource) => ({
      filename: resource.file,
      kind: clip(resource.kind ?? ''),
      name: clip(resource.name ?? ''),
      version: clip(resource.apiVersion ?? ''),
      status: JSON_STATUS[resource.status],
      msg: resource.status === 'invalid' || resource.status === 'error' ? message(resource) : '',
      ...(resource.status === 'invalid' ? { validationErrors: resource.errors.map((error) => ({ path: error.pointer, msg: error.message })) } : {}),
    }));
  const { valid, invalid, errors, skipped } = report.summary;
  const shaped = options.summary ? { resources, summary: { valid, invalid, errors, skipped } } : { resources };
  return `${jsonText(shaped)}\n`;
}

function qualifiedName(resource: ResourceResult): string {
  return [resource.apiVersion, resource.kind, resource.namespace, resource.name].map((part) => clip(part ?? '')).join('/');
}

/**
 * kubeconform's JUnit (pkg/output/junit.go): one testsuite per file, one
 * testcase per resource (name `namespace/name`, classname `Kind@apiVersion`),
 * failure for invalid, error for unreadable, skipped for skipped. Written to
 * satisfy kubeconform's fixtures/junit.xsd: `testsuites` carries only name,
 * time, tests, failures, disabled and errors (no `skipped`), and `skipped`
 * has no attributes (it is a plain string element there).
 */
function formatJunit(report: ValidationReport): string {
  const all = report.files.flatMap((file) => file.resources);
  const count = (status: ResourceResult['status']) => all.filter((resource) => resource.status === status).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="validate" time="0" tests="${all.length}" failures="${count('invalid')}" disabled="${count('skipped')}" errors="${count('error')}">`,
  ];
  report.files.forEach((file: FileResult, index) => {
    const statuses = file.resources.map((resource) => resource.status);
    const of = (status: ResourceResult['status']) => statuses.filter((entry) => entry === status).length;
    lines.push(
      `  <testsuite name="${xmlAttribute(file.path)}" id="${index + 1}" tests="${file.resources.length}" failures="${of('invalid')}" errors="${of('error')}" disabled="0" skipped="${of('skipped')}">`,
    );
    for (const resource of file.resources) {
      const name = resource.resource === '(file)' ? file.path : resource.namespace ? `${clip(resource.namespace)}/${clip(resource.name ?? '')}` : clip(resource.name ?? '');
      const classname = resource.resource === '(file)' ? 'file' : `${clip(resource.kind ?? '')}@${clip(resource.apiVersion ?? '')}`;
      const open = `    <testcase name="${xmlAttribute(name)}" classname="${xmlAttribute(classname)}" time="0"`;
      if (resource.status === 'valid') {
        lines.push(`${open}></testcase>`);
        continue;
      }
      lines.push(`${open}>`);
      if (resource.status === 'skipped') {
        lines.push('      <skipped></skipped>');
      } else {
        const element = resource.status === 'invalid' ? 'failure' : 'error';
        const body = resource.errors.map((error) => xmlText(errorText(error))).join('\n');
        lines.push(`      <${element} message="${xmlAttribute(message(resource))}" type="">${body}</${element}>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/**
 * TAP version 13 as kubeconform writes it (pkg/output/tap.go): one test
 * point per resource, `ok N - file (apiVersion/kind/namespace/name)`, the
 * problems after a colon, `# skip` for skipped, `(empty)` for a file without
 * resources, the plan last; the summary, when on, as a trailing comment.
 * Everything from the input goes through tapText.
 */
function formatTap(report: ValidationReport, options: Required<OutputOptions>): string {
  const lines = ['TAP version 13'];
  let number = 0;
  for (const file of report.files) {
    if (file.resources.length === 0) {
      number += 1;
      lines.push(`ok ${number} - ${tapText(file.path)} (empty)`);
      continue;
    }
    for (const resource of file.resources) {
      number += 1;
      const subject = resource.resource === '(file)' ? tapText(resource.file) : `${tapText(resource.file)} (${tapText(qualifiedName(resource))})`;
      if (resource.status === 'valid') lines.push(`ok ${number} - ${subject}`);
      else if (resource.status === 'skipped') lines.push(`ok ${number} - ${subject} # skip`);
      else lines.push(`not ok ${number} - ${subject}: ${tapText(message(resource))}`);
    }
  }
  lines.push(`1..${number}`);
  if (options.summary) lines.push(`# ${tapText(summaryLine(report.summary, options.stdin))}`);
  return `${lines.join('\n')}\n`;
}
