import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ChartEntryFields {
  readonly repo: string;
  readonly chart: string;
  readonly version: string;
  /** `sha256:<hex>`; omitted: not locked yet. */
  readonly digest?: string;
  /** values.yaml's text; a comment line by default. */
  readonly values?: string;
}

/**
 * Writes `<root>/charts/<id>/chart.yaml` and `values.yaml` as the engine's
 * chart catalog requires them (kubernetes, reason and crds included), so a
 * test checkout renders as well as pulls. Returns the chart.yaml text.
 */
export function writeChartEntry(root: string, id: string, fields: ChartEntryFields): string {
  const dir = join(root, 'charts', id);
  mkdirSync(dir, { recursive: true });
  const text = [
    '# A test chart entry.',
    `repo: ${fields.repo}`,
    `chart: ${fields.chart}`,
    `version: ${JSON.stringify(fields.version)}`,
    ...(fields.digest === undefined ? [] : [`digest: ${fields.digest}`]),
    'kubernetes:',
    '  min: "1.25"',
    'reason: a chart served by the test repository',
    'crds:',
    '  install: none',
    '  upgrade: none',
    '  note: no CRDs',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'chart.yaml'), text);
  writeFileSync(join(dir, 'values.yaml'), fields.values ?? '# no values\n');
  return text;
}
