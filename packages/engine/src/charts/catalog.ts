import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformError } from '../errors.js';
import { parseYamlFile } from '../render/yaml.js';
import { EXACT_VERSION } from '../rules.js';
import { urlUserinfo } from '../secrets/rules/url-userinfo.js';

/** One pinned upstream chart and its static values: the single source of truth for that chart. */
export interface ChartEntry {
  /** Directory name under charts/. */
  readonly id: string;
  readonly repo: string;
  readonly chart: string;
  /** Exact version, never a range. */
  readonly version: string;
  /** Kubernetes minors the release supports, inclusive. */
  readonly kubernetes: { readonly min: string; readonly max?: string };
  readonly reason: string;
  /** Repository-relative path of the values file, for messages. */
  readonly valuesFile: string;
  /** The values file's exact bytes: what RKE2 HelmCharts embed and Fleet bundles copy. */
  readonly valuesText: string;
  /** The parsed values, for overlap checks. */
  readonly values: Record<string, unknown>;
}

const MINOR = /^1\.\d+$/;

/** The pinned charts, read from `charts/<id>/{chart.yaml,values.yaml}`. */
export class ChartCatalog {
  private constructor(private readonly entries: ReadonlyMap<string, ChartEntry>) {}

  static load(root: string, chartsDir = 'charts'): ChartCatalog {
    const directory = join(root, chartsDir);
    if (!existsSync(directory)) throw new PlatformError('the charts directory is missing', { file: chartsDir });
    const ids = readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const entries = new Map<string, ChartEntry>();
    for (const id of ids) entries.set(id, readEntry(root, `${chartsDir}/${id}`, id));
    return new ChartCatalog(entries);
  }

  static of(entries: ChartEntry[]): ChartCatalog {
    return new ChartCatalog(new Map(entries.map((entry) => [entry.id, entry])));
  }

  get(id: string): ChartEntry {
    const entry = this.entries.get(id);
    if (!entry) throw new PlatformError(`no chart "${id}" in charts/`, { file: `charts/${id}/chart.yaml`, hint: 'add the chart entry (chart.yaml and values.yaml)' });
    return entry;
  }

  all(): ChartEntry[] {
    return [...this.entries.values()];
  }
}

function readEntry(root: string, dir: string, id: string): ChartEntry {
  const chartFile = `${dir}/chart.yaml`;
  const valuesFile = `${dir}/values.yaml`;
  const raw = read(root, chartFile);
  const data = parseYamlFile(raw, chartFile);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PlatformError('must be a mapping with repo, chart, version, kubernetes and reason', { file: chartFile });
  }
  const fields = data as Record<string, unknown>;
  const known = ['repo', 'chart', 'version', 'kubernetes', 'reason'];
  for (const key of Object.keys(fields)) {
    if (!known.includes(key)) throw new PlatformError(`unknown key "${key}"`, { file: chartFile, field: key, hint: `allowed keys: ${known.join(', ')}` });
  }
  const text = (key: string): string => {
    const value = fields[key];
    if (typeof value !== 'string' || value.trim() === '') throw new PlatformError('missing required value (a non-empty string)', { file: chartFile, field: key });
    return value;
  };
  const repo = text('repo');
  // Helm sends a repository URL's userinfo as basic auth; in chart.yaml it would be committed, and Fleet copies it into fleet.yaml.
  if (urlUserinfo(repo).length > 0) {
    throw new PlatformError('holds credentials (user:password@ or a token@); they would be committed to git and copied into fleet.yaml', {
      file: chartFile,
      field: 'repo',
      hint: 'use the public repository URL; a private one needs credentials from a Secret (Fleet helm.repo with helmSecretName), never in the URL',
    });
  }
  if (!/^(https:\/\/|oci:\/\/)\S+$/.test(repo)) throw new PlatformError(`got "${repo}", expected an https:// or oci:// repository URL`, { file: chartFile, field: 'repo' });
  const version = String(fields.version ?? '');
  if (!EXACT_VERSION.test(version)) {
    throw new PlatformError(`got "${version}", expected an exact version like 1.12.1 (ranges such as ^1.2, ~1.2 or 1.x are not allowed)`, {
      file: chartFile,
      field: 'version',
      hint: 'pin the exact release you tested, so every render and every cluster gets the same chart',
    });
  }
  const kubernetes = fields.kubernetes as { min?: unknown; max?: unknown } | undefined;
  if (!kubernetes || typeof kubernetes !== 'object' || typeof kubernetes.min !== 'string' || !MINOR.test(kubernetes.min)) {
    throw new PlatformError('expected kubernetes.min as a quoted minor like "1.25"', { file: chartFile, field: 'kubernetes.min' });
  }
  if (kubernetes.max !== undefined && (typeof kubernetes.max !== 'string' || !MINOR.test(kubernetes.max))) {
    throw new PlatformError('expected kubernetes.max as a quoted minor like "1.35"', { file: chartFile, field: 'kubernetes.max' });
  }
  if (!existsSync(join(root, valuesFile))) {
    throw new PlatformError('the values file is missing', { file: valuesFile, hint: 'every chart entry has a values.yaml beside its chart.yaml (a comment line is enough)' });
  }
  const valuesText = read(root, valuesFile);
  const values = parseYamlFile(valuesText, valuesFile) ?? {};
  if (typeof values !== 'object' || Array.isArray(values)) throw new PlatformError('must be a mapping of Helm values', { file: valuesFile });
  return {
    id,
    repo,
    chart: text('chart'),
    version,
    kubernetes: { min: kubernetes.min, ...(typeof kubernetes.max === 'string' ? { max: kubernetes.max } : {}) },
    reason: text('reason'),
    valuesFile,
    valuesText,
    values: values as Record<string, unknown>,
  };
}

function read(root: string, file: string): string {
  try {
    return readFileSync(join(root, file), 'utf8');
  } catch {
    throw new PlatformError('cannot read the file', { file });
  }
}

/** Compares Kubernetes minors such as "1.9" and "1.31" numerically. */
export function compareMinor(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

export function supportsKubernetes(entry: ChartEntry, minor: string): boolean {
  return compareMinor(minor, entry.kubernetes.min) >= 0 && (entry.kubernetes.max === undefined || compareMinor(minor, entry.kubernetes.max) <= 0);
}
