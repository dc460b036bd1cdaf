import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** Writes a chart folder `<parent>/<name>` and returns its path. */
export function writeChart(files: ChartFiles, parent: string): string {
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

