import { oneLine, visibleDetail } from './escape.js';
import { findingLine, isFailure, location, type RenderOptions, type Report, type TestCase } from './model.js';

/**
 * For a terminal: one line per finding, `file:line: subject: field:
 * message`, its detail (a diff, a hint) below it; with `verbose`, one line
 * per passing or skipped case; the summary last. Nothing at all when there is
 * neither a finding nor a summary (kubeconform prints nothing then).
 */
export function renderText(report: Report, options: RenderOptions = {}): string {
  const lines: string[] = [];
  for (const suite of report.suites) {
    const before = lines.length;
    renderCases(suite.cases, lines, options);
    if (suite.heading !== undefined && lines.length > before) lines.splice(before, 0, oneLine(suite.heading));
  }
  if (report.summary !== undefined) lines.push(oneLine(report.summary));
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function renderCases(cases: readonly TestCase[], lines: string[], options: RenderOptions): void {
  for (const testCase of cases) {
    if (isFailure(testCase)) {
      for (const finding of testCase.findings) {
        lines.push(oneLine(findingLine(finding)));
        if (finding.detail) lines.push(visibleDetail(finding.detail, finding.file));
      }
    } else if (testCase.findings.length > 0) {
      // A passing case's findings are warnings (a deprecated apiVersion, a Bundle rename): shown, not failed.
      for (const finding of testCase.findings) lines.push(oneLine(`warning: ${findingLine(finding)}`));
    } else if (options.verbose) {
      const what = [testCase.subject, testCase.status === 'skipped' ? 'skipped' : 'is valid'].filter(Boolean).join(': ');
      lines.push(oneLine(`${location(testCase.file ?? testCase.label, testCase.line)}: ${what}`));
    }
  }
}
