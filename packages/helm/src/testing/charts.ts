import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import { HelmUnavailableError, resolveHelm, type HelmBinary } from '../binary.js';
import { runHelm, withHelmHome } from '../run-helm.js';

/** A chart to write as plain files: every value is a file's text. */
export interface ChartFiles {
  readonly name?: string;
  readonly version?: string;
  /** Extra Chart.yaml lines, e.g. `kubeVersion: ">=1.23.0-0"`. */
  readonly chartYaml?: string;
  readonly values?: string;
  readonly schema?: string;
  /** templates/<name> → text */
  readonly templates?: Readonly<Record<string, string>>;
  /** crds/<name> → text */
  readonly crds?: Readonly<Record<string, string>>;
  /** charts/<name> → a subchart, written as a folder */
  readonly subcharts?: Readonly<Record<string, ChartFiles>>;
}

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

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes a chart folder `<parent>/<name>` and returns its path. */
export function writeChart(files: ChartFiles, parent = scratchDir()): string {
  const name = files.name ?? 'demo';
  const root = join(parent, name);
  write(join(root, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${files.version ?? '0.1.0'}\n${files.chartYaml ?? ''}`);
  if (files.values !== undefined) write(join(root, 'values.yaml'), files.values);
  if (files.schema !== undefined) write(join(root, 'values.schema.json'), files.schema);
  for (const [file, text] of Object.entries(files.templates ?? {})) write(join(root, 'templates', file), text);
  for (const [file, text] of Object.entries(files.crds ?? {})) write(join(root, 'crds', file), text);
  for (const [sub, subFiles] of Object.entries(files.subcharts ?? {})) writeChart({ ...subFiles, name: sub }, join(root, 'charts'));
  return root;
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
