import { oneLine, visibleDetail, xmlAttribute, xmlText } from './escape.js';
import { allCases, caseMessage, countStatuses, findingLine, type Report } from './model.js';

/**
 * JUnit XML in the shape kubeconform writes (pkg/output/junit.go, v0.7.0),
 * valid against its fixtures/junit.xsd: `testsuites` carries only name,
 * time, tests, failures, disabled and errors (skipped cases count as
 * disabled there); one `testsuite` per suite with id, tests, failures,
 * errors, disabled and skipped; one `testcase` per case with name,
 * classname and time; `failure` for failed, `error` for error (message: the
 * findings in one line; type: their rules; body: one line per finding and
 * its detail), an attribute-less `skipped` for skipped. No timings (time is
 * 0), so the same input gives the same bytes.
 */
export function renderJunit(report: Report): string {
  const totals = countStatuses(allCases(report));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttribute(report.name)}" time="0" tests="${allCases(report).length}" failures="${totals.failed}" disabled="${totals.skipped}" errors="${totals.error}">`,
  ];
  report.suites.forEach((suite, index) => {
    const counts = countStatuses(suite.cases);
    lines.push(
      `  <testsuite name="${xmlAttribute(suite.name)}" id="${index + 1}" tests="${suite.cases.length}" failures="${counts.failed}" errors="${counts.error}" disabled="0" skipped="${counts.skipped}">`,
    );
    for (const testCase of suite.cases) {
      const open = `    <testcase name="${xmlAttribute(testCase.name)}" classname="${xmlAttribute(testCase.classname)}" time="0"`;
      if (testCase.status === 'passed') {
        lines.push(`${open}></testcase>`);
        continue;
      }
      lines.push(`${open}>`);
      if (testCase.status === 'skipped') {
        lines.push('      <skipped></skipped>');
      } else {
        const element = testCase.status === 'failed' ? 'failure' : 'error';
        const rules = [...new Set(testCase.findings.map((finding) => finding.rule))].join(' ');
        // Each finding on its own line (a name cannot split it); a detail (a diff) keeps its lines.
        const body = testCase.findings.map((finding) => xmlText([oneLine(findingLine(finding)), ...(finding.detail ? [visibleDetail(finding.detail, finding.file)] : [])].join('\n'))).join('\n');
        lines.push(`      <${element} message="${xmlAttribute(caseMessage(testCase))}" type="${xmlAttribute(rules)}">${body}</${element}>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
