/** One report model, one file per output format; check and validate both render through here. */
import { renderCodeQuality } from './codequality.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import type { RenderOptions, Report } from './model.js';
import { renderTap } from './tap.js';
import { renderText } from './text.js';

/** Every output format by name. Adding a format is one file and one line here. */
export const RENDERERS = {
  text: renderText,
  json: renderJson,
  junit: renderJunit,
  tap: renderTap,
  codequality: renderCodeQuality,
} as const satisfies Record<string, (report: Report, options?: RenderOptions) => string>;

export type OutputFormat = keyof typeof RENDERERS;
export const OUTPUT_FORMATS = Object.keys(RENDERERS) as OutputFormat[];

/** The report in one format. */
export function renderReport(report: Report, format: OutputFormat, options: RenderOptions = {}): string {
  const render = RENDERERS[format] as ((report: Report, options?: RenderOptions) => string) | undefined;
  if (!render) throw new Error(`unknown output format ${String(format)}; use one of ${OUTPUT_FORMATS.join(', ')}`);
  return render(report, options);
}

export { fingerprint, type CodeQualityIssue } from './codequality.js';
export { jsonText, oneLine, tapText, visibleDetail, visibleLines, xmlAttribute, xmlText } from './escape.js';
export { allCases, caseMessage, countStatuses, findingLine, findingText, isFailure, location } from './model.js';
export type { CaseStatus, Finding, RenderOptions, Report, Severity, Suite, TestCase } from './model.js';
