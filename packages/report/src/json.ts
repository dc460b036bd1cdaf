import { jsonText } from './escape.js';
import { allCases, countStatuses, isFailure, type Report } from './model.js';

/**
 * The whole model as JSON, for scripts: `ok`, counts by status, the summary,
 * then suites, cases and findings with every field the model has. Parses back
 * to exactly the input's strings (jsonText escapes, it never drops).
 */
export function renderJson(report: Report): string {
  const cases = allCases(report);
  const shaped = {
    name: report.name,
    ok: !cases.some(isFailure),
    counts: { tests: cases.length, ...countStatuses(cases) },
    ...(report.summary !== undefined ? { summary: report.summary } : {}),
    suites: report.suites,
  };
  return `${jsonText(shaped)}\n`;
}
