import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { HelmUnavailableError, resolveHelm, type HelmBinary } from '../binary.js';
import { runHelm, withHelmHome } from '../run-helm.js';
import { writeChart as writeChartIn, type ChartFiles } from './write-chart.js';

export type { ChartFiles } from './write-chart.js';

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test file. */
export function scratchDir(prefix = 'helm-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** Writes a chart folder `<parent>/<name>` (a fresh scratch folder by default) and returns its path. */
export function writeChart(files: ChartFiles, parent = scratchDir()): string {
  return writeChartIn(files, parent);
}

/** `helm package` of a chart folder into a .tgz; returns the archive's path. */
export async function packageChart(helm: HelmBinary, chartDir: string): Promise<string> {
  const out = scratchDir('helm-package-');
  const run = await withHelmHome((home) => runHelm(helm.path, ['package', `--destination=${out}`, '--', chartDir], home));
  if (run.code !== 0) throw new Error(run.stderr);
  const line = run.stdout.trim();
  return line.slice(line.indexOf(': ') + 2);
}

/** A ConfigMap template printing `expression` (a Go template pipeline) as JSON under data.v. */
export function probeTemplate(expression: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: probe\ndata:\n  v: {{ ${expression} | toJson | quote }}\n`;
}

/**
 * The helm these tests render with. On linux-x64, where the pinned binary
 * exists, its absence is a failure, never a skip; elsewhere the tests skip
 * and say why.
 */
async function helmForTests(): Promise<{ helm?: HelmBinary; skipReason?: string }> {
  try {
    return { helm: await resolveHelm() };
  } catch (error) {
    if (!(error instanceof HelmUnavailableError)) throw error;
    if (process.platform === 'linux' && process.arch === 'x64') throw new Error(`the pinned helm must be available on linux-x64: ${error.reason}`);
    return { skipReason: error.message };
  }
}

export const { helm: testHelm, skipReason: helmSkipReason } = await helmForTests();

/** A describe title that carries the skip reason when helm is unavailable. */
export function withHelmTitle(title: string): string {
  return helmSkipReason ? `${title} [skipped: ${helmSkipReason}]` : title;
}
