import { tapText } from './escape.js';
import { caseMessage, type Report } from './model.js';

/**
 * TAP version 13 in the shape kubeconform writes (pkg/output/tap.go,
 * v0.7.0): one test point per case, `ok N - label`, `# skip` for skipped,
 * `not ok N - label: findings` for failed and error, `ok N - suite (empty)`
 * for a suite without cases (a file without resources still shows), the plan
 * last; the summary as a trailing comment. Everything from the input goes
 * through tapText: no line break, no directive.
 */
export function renderTap(report: Report): string {
  const lines = ['TAP version 13'];
  let number = 0;
  for (const suite of report.suites) {
    if (suite.cases.length === 0) {
      number += 1;
      lines.push(`ok ${number} - ${tapText(suite.name)} (empty)`);
      continue;
    }
    for (const testCase of suite.cases) {
      number += 1;
      if (testCase.status === 'passed') lines.push(`ok ${number} - ${tapText(testCase.label)}`);
      else if (testCase.status === 'skipped') lines.push(`ok ${number} - ${tapText(testCase.label)} # skip`);
      else lines.push(`not ok ${number} - ${tapText(testCase.label)}: ${tapText(caseMessage(testCase))}`);
    }
  }
  lines.push(`1..${number}`);
  if (report.summary !== undefined) lines.push(`# ${tapText(report.summary)}`);
  return `${lines.join('\n')}\n`;
}
