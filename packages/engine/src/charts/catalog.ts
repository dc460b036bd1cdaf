import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformError } from '../errors.js';
import { INPUT_LIMITS, readInputFile } from '../input/read-file.js';
import { excerpt, parseYamlFile } from '../yaml/yaml.js';
import { quoteValue } from '../secrets/quote.js';
import { urlUserinfo } from '../secrets/rules/url-userinfo.js';

/** One pinned upstream chart and its static values: the single source of truth for that chart. */
export interface ChartEntry {
  /** Directory name under charts/. */
  readonly id: string;
  readonly repo: string;
  readonly chart: string;
  /** Exact version, never a range. */
  readonly version: string;
  /** `sha256:<hex>` of the chart archive, recorded by `platform charts lock` (@platform/charts); absent until locked. */
  readonly digest?: string;
  /** Kubernetes minors the release supports, inclusive. */
  readonly kubernetes: { readonly min: string; readonly max?: string };
  readonly reason: string;
  /** Repository-relative path of the values file, for messages. */
  readonly valuesFile: string;
  /** The values file's exact bytes: what RKE2 HelmCharts embed and Fleet bundles copy. */
  readonly valuesText: string;
  /** The parsed values, for overlap checks. */
  readonly values: Record<string, unknown>;
  /** How the chart's CRDs are installed and upgraded. */
  readonly crds: ChartCrds;
  /** Fields a controller writes into the chart's objects after install, which Fleet must not count as drift. */
  readonly injected?: readonly InjectedField[];
  /** The inventory file that pinned this version for a cluster, when it is not charts/<id>/chart.yaml's. */
  readonly pinnedBy?: string;
}

/**
 * Where a chart's CRDs come from, which decides whether a chart bump
 * upgrades them: Helm applies `templates/` on every upgrade but installs
 * `crds/` (its own and every subchart's) once and never again.
 */
export const CRD_INSTALLS = {
  /** CRDs are templates: installed and upgraded with the release. */
  templates: ['with-release'],
  /** CRDs sit in a crds/ directory: installed once, never upgraded by Helm. */
  'crds-dir': ['never'],
  /** The chart's own CRD install is off; another chart entry installs them as templates. */
  'separate-chart': ['with-crd-chart'],
  /** The chart has no CRDs. */
  none: ['none'],
} as const;
export type CrdInstall = keyof typeof CRD_INSTALLS;

export interface ChartCrds {
  readonly install: CrdInstall;
  readonly upgrade: (typeof CRD_INSTALLS)[CrdInstall][number];
  /** For separate-chart: the charts/<id> whose release installs the CRDs. */
  readonly chart?: string;
  /** For separate-chart: the values path that turns this chart's own CRDs off (set to false in values.yaml). */
  readonly disabledBy?: string;
  /** Which CRDs, where upstream keeps them, and what a bump needs. */
  readonly note: string;
}

/** One field a controller injects (a webhook's caBundle), as a Fleet diff.comparePatches entry ignores it. */
export interface InjectedField {
  readonly apiVersion: string;
  readonly kind: string;
  /** Omitted: every object of this kind in the bundle (Fleet matches an empty name to all). */
  readonly name?: string;
  readonly jsonPointers: readonly string[];
  /** Who writes the field. */
  readonly by: string;
}

/** An exact chart version (semver, optional leading v); never a range. */
export const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

const MINOR = /^1\.\d+$/;

/** The pinned charts, read from `charts/<id>/{chart.yaml,values.yaml}`. */
export class ChartCatalog {
  private constructor(private readonly entries: ReadonlyMap<string, ChartEntry>) {}

  static load(root: string, chartsDir = 'charts'): ChartCatalog {
    const directory = join(root, chartsDir);
    if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) throw new PlatformError('the charts directory is missing (or not a directory)', { file: chartsDir });
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

  /**
   * This catalog with one cluster's pins applied: each named chart at another
   * exact version (a promotion from dev to prod is one line per cluster).
   * Values, CRD handling and the supported Kubernetes range stay the entry's.
   */
  withPins(pins: Readonly<Record<string, { readonly version: string; readonly digest?: string | undefined }>> | undefined, file: (field: string) => string): ChartCatalog {
    if (!pins || Object.keys(pins).length === 0) return this;
    const entries = new Map(this.entries);
    for (const [id, pin] of Object.entries(pins)) {
      const entry = this.entries.get(id);
      if (!entry) {
        throw new PlatformError(`no chart "${id}" in charts/`, { file: file(`charts.${id}`), field: `charts.${id}`, hint: `a pin names a directory of charts/: ${[...this.entries.keys()].join(', ')}` });
      }
      // The entry's digest locks the entry's version; another version is locked by the pin's own digest or not at all.
      const { digest: _entryDigest, ...unlocked } = entry;
      entries.set(id, { ...unlocked, version: pin.version, ...(pin.digest ? { digest: pin.digest } : {}), pinnedBy: file(`charts.${id}.version`) });
    }
    return new ChartCatalog(entries);
  }
}

function readEntry(root: string, dir: string, id: string): ChartEntry {
  const chartFile = `${dir}/chart.yaml`;
  const valuesFile = `${dir}/values.yaml`;
  const raw = readInputFile(join(root, chartFile), chartFile, INPUT_LIMITS.chart);
  const data = parseYamlFile(raw, chartFile);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new PlatformError('must be a mapping with repo, chart, version, kubernetes and reason', { file: chartFile });
  }
  const fields = data as Record<string, unknown>;
  const known = ['repo', 'chart', 'version', 'digest', 'kubernetes', 'reason', 'crds', 'injected'];
  for (const key of Object.keys(fields)) {
    if (!known.includes(key)) throw new PlatformError(`unknown key ${quoteValue(key)}`, { file: chartFile, field: quoteValue(key).startsWith('"') ? excerpt(key) : '<key>', hint: `allowed keys: ${known.join(', ')}` });
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
  if (!/^(https:\/\/|oci:\/\/)\S+$/.test(repo)) throw new PlatformError(`got ${quoteValue(repo)}, expected an https:// or oci:// repository URL`, { file: chartFile, field: 'repo' });
  const version = String(fields.version ?? '');
  if (!EXACT_VERSION.test(version)) {
    throw new PlatformError(`got ${quoteValue(version)}, expected an exact version like 1.12.1 (ranges such as ^1.2, ~1.2 or 1.x are not allowed)`, {
      file: chartFile,
      field: 'version',
      hint: 'pin the exact release you tested, so every render and every cluster gets the same chart',
    });
  }
  // The archive's SHA-256 as @platform/charts locks and verifies it (its DIGEST rule).
  if (fields.digest !== undefined && (typeof fields.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(fields.digest))) {
    throw new PlatformError('expected sha256: and 64 lowercase hex characters, as `platform charts lock` writes it', { file: chartFile, field: 'digest', hint: 'delete the line and run `platform charts lock`' });
  }
  const kubernetes = fields.kubernetes as { min?: unknown; max?: unknown } | undefined;
  if (!kubernetes || typeof kubernetes !== 'object' || typeof kubernetes.min !== 'string' || !MINOR.test(kubernetes.min)) {
    throw new PlatformError('expected kubernetes.min as a quoted minor like "1.25"', { file: chartFile, field: 'kubernetes.min' });
  }
  if (kubernetes.max !== undefined && (typeof kubernetes.max !== 'string' || !MINOR.test(kubernetes.max))) {
    throw new PlatformError('expected kubernetes.max as a quoted minor like "1.35"', { file: chartFile, field: 'kubernetes.max' });
  }
  if (!statSync(join(root, valuesFile), { throwIfNoEntry: false })) {
    throw new PlatformError('the values file is missing', { file: valuesFile, hint: 'every chart entry has a values.yaml beside its chart.yaml (a comment line is enough)' });
  }
  const valuesText = readInputFile(join(root, valuesFile), valuesFile, INPUT_LIMITS.values);
  const values = parseYamlFile(valuesText, valuesFile) ?? {};
  if (typeof values !== 'object' || Array.isArray(values)) throw new PlatformError('must be a mapping of Helm values', { file: valuesFile });
  return {
    id,
    repo,
    chart: chartName(text('chart'), chartFile),
    version,
    ...(typeof fields.digest === 'string' ? { digest: fields.digest } : {}),
    kubernetes: { min: kubernetes.min, ...(typeof kubernetes.max === 'string' ? { max: kubernetes.max } : {}) },
    reason: text('reason'),
    crds: readCrds(fields.crds, chartFile),
    ...(fields.injected === undefined ? {} : { injected: readInjected(fields.injected, chartFile) }),
    valuesFile,
    valuesText,
    values: values as Record<string, unknown>,
  };
}

function readCrds(value: unknown, file: string): ChartCrds {
  const installs = Object.keys(CRD_INSTALLS) as CrdInstall[];
  if (!isMapping(value)) {
    throw new PlatformError('missing: how the chart installs and upgrades its CRDs', { file, field: 'crds', hint: `crds: { install: ${installs.join('|')}, upgrade: ..., note: ... }` });
  }
  for (const key of Object.keys(value)) {
    if (!['install', 'upgrade', 'chart', 'disabledBy', 'note'].includes(key)) throw new PlatformError(`unknown key "${key}"`, { file, field: `crds.${key}`, hint: 'allowed keys: install, upgrade, chart, disabledBy, note' });
  }
  const install = value.install as CrdInstall;
  if (!installs.includes(install)) throw new PlatformError(`got "${String(value.install)}", expected one of ${installs.join(', ')}`, { file, field: 'crds.install' });
  const upgrades: readonly string[] = CRD_INSTALLS[install];
  if (!upgrades.includes(String(value.upgrade))) {
    throw new PlatformError(`got "${String(value.upgrade)}"; CRDs installed as ${install} are upgraded: ${upgrades.join(', ')}`, { file, field: 'crds.upgrade' });
  }
  if (typeof value.note !== 'string' || value.note.trim() === '') throw new PlatformError('missing required value (a non-empty string)', { file, field: 'crds.note' });
  const separate = install === 'separate-chart';
  for (const key of ['chart', 'disabledBy'] as const) {
    if (separate && (typeof value[key] !== 'string' || value[key] === '')) throw new PlatformError(`required when crds.install is separate-chart`, { file, field: `crds.${key}` });
    if (!separate && value[key] !== undefined) throw new PlatformError(`only meaningful when crds.install is separate-chart`, { file, field: `crds.${key}` });
  }
  return {
    install,
    upgrade: value.upgrade as ChartCrds['upgrade'],
    ...(separate ? { chart: value.chart as string, disabledBy: value.disabledBy as string } : {}),
    note: value.note,
  };
}

function readInjected(value: unknown, file: string): InjectedField[] {
  if (!Array.isArray(value) || value.length === 0) throw new PlatformError('expected a non-empty list', { file, field: 'injected' });
  return value.map((entry: unknown, index) => {
    const field = `injected[${index}]`;
    if (!isMapping(entry)) throw new PlatformError('expected a mapping with apiVersion, kind, jsonPointers and by', { file, field });
    for (const key of Object.keys(entry)) {
      if (!['apiVersion', 'kind', 'name', 'jsonPointers', 'by'].includes(key)) throw new PlatformError(`unknown key "${key}"`, { file, field: `${field}.${key}`, hint: 'allowed keys: apiVersion, kind, name, jsonPointers, by' });
    }
    for (const key of ['apiVersion', 'kind', 'by'] as const) {
      if (typeof entry[key] !== 'string' || entry[key] === '') throw new PlatformError('missing required value (a non-empty string)', { file, field: `${field}.${key}` });
    }
    if (entry.name !== undefined && (typeof entry.name !== 'string' || entry.name === '')) throw new PlatformError('expected a non-empty string', { file, field: `${field}.name` });
    const pointers = entry.jsonPointers;
    if (!Array.isArray(pointers) || pointers.length === 0 || !pointers.every((pointer) => typeof pointer === 'string' && /^(\/[^/]+)+$/.test(pointer))) {
      throw new PlatformError('expected a non-empty list of JSON pointers such as /webhooks/0/clientConfig/caBundle', { file, field: `${field}.jsonPointers` });
    }
    return {
      apiVersion: entry.apiVersion as string,
      kind: entry.kind as string,
      ...(entry.name === undefined ? {} : { name: entry.name as string }),
      jsonPointers: pointers as string[],
      by: entry.by as string,
    };
  });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A chart's name as Helm repositories and OCI registries name it: lowercase
 * letters, digits, `-`, `_` and `.`, no path. It lands in fleet.yaml and
 * HelmCharts as-is, so `../../etc` must never get that far.
 */
function chartName(name: string, file: string): string {
  if (!/^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/.test(name) || name.length > 250) {
    // Not echoed: a field that is no chart name may hold anything, a pasted token included.
    throw new PlatformError('is not a chart name (lowercase letters, digits, -, _ and ., no path)', { file, field: 'chart' });
  }
  return name;
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
