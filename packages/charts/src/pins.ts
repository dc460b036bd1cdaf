import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { DIGEST } from './digest.js';
import { ChartError, ChartErrors, compareText, shown } from './errors.js';
import { ReadFailure, readBoundedText } from './read-text.js';

/** What pull and lock need of one `charts/<id>/chart.yaml`: where the archive comes from and which bytes it must be. */
export interface ChartPin {
  /** Directory name under charts/. */
  readonly id: string;
  /** Repository-relative path of the chart.yaml, for messages: `charts/<id>/chart.yaml`. */
  readonly file: string;
  /** Absolute path of the chart.yaml, for lock to edit. */
  readonly path: string;
  /** The Helm repository URL: https:// (an index.yaml repository) or oci:// (a registry path). */
  readonly repo: string;
  readonly chart: string;
  /** The exact version, as written. */
  readonly version: string;
  /** `sha256:<64 hex>` of the archive, once locked. */
  readonly digest?: string;
}

/** charts/<id>/chart.yaml is a few dozen lines; the engine reads it under the same bound (INPUT_LIMITS.chart). */
const CHART_FILE_LIMIT = 64 * 1024;

/** An exact chart version (semver, optional leading v); never a range. The engine's EXACT_VERSION, repeated: charts does not depend on the engine. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** A chart name as Helm repositories name it; the engine's rule, repeated. */
const CHART_NAME = /^[a-z0-9]([a-z0-9._-]*[a-z0-9])?$/;

/**
 * Every pin under `<root>/<chartsDir>`, sorted by id. Only the fields pull and
 * lock use are read and checked here (the engine validates the whole file);
 * every bad file is reported, not just the first.
 */
export function loadChartPins(root: string, chartsDir = 'charts'): ChartPin[] {
  const directory = join(root, chartsDir);
  if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new ChartError('pin-invalid', 'the charts directory is missing (or not a directory)', { file: chartsDir });
  }
  const ids = readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(compareText);
  const pins: ChartPin[] = [];
  const errors: ChartError[] = [];
  for (const id of ids) {
    try {
      pins.push(readPin(root, chartsDir, id));
    } catch (error) {
      if (!(error instanceof ChartError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new ChartErrors(errors);
  return pins;
}

/** The pins named by `only` (all when it is undefined), refusing a name that is no chart. */
export function selectPins(pins: readonly ChartPin[], only: readonly string[] | undefined): ChartPin[] {
  if (only === undefined) return [...pins];
  const known = new Set(pins.map((pin) => pin.id));
  const unknown = only.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new ChartErrors(
      unknown.map((id) => new ChartError('unknown-chart', `no chart ${shown(id)} in charts/`, { chart: id, hint: `charts are: ${[...known].join(', ')}` })),
    );
  }
  const wanted = new Set(only);
  return pins.filter((pin) => wanted.has(pin.id));
}

function readPin(root: string, chartsDir: string, id: string): ChartPin {
  const file = `${chartsDir}/${id}/chart.yaml`;
  const path = join(root, chartsDir, id, 'chart.yaml');
  const fail = (message: string, field?: string, hint?: string): ChartError =>
    new ChartError('pin-invalid', message, { chart: id, file, ...(field ? { field } : {}), ...(hint ? { hint } : {}) });
  let text: string;
  try {
    text = readBoundedText(path, CHART_FILE_LIMIT);
  } catch (error) {
    if (error instanceof ReadFailure) throw fail(error.message);
    throw error;
  }
  let data: unknown;
  try {
    data = yaml.load(text, { filename: file });
  } catch (error) {
    const line = error instanceof yaml.YAMLException && error.mark ? `line ${error.mark.line + 1}` : undefined;
    throw fail(`not valid YAML: ${error instanceof yaml.YAMLException ? error.reason : 'nested too deeply'}`, line);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw fail('must be a mapping with repo, chart and version');
  const fields = data as Record<string, unknown>;
  const repo = fields.repo;
  if (typeof repo !== 'string' || !repositoryUrl(repo)) {
    // Not echoed: a URL that fails the check may hold credentials.
    throw fail('expected an https:// or oci:// repository URL without credentials (plain http:// only for a loopback address)', 'repo');
  }
  const chart = fields.chart;
  if (typeof chart !== 'string' || !CHART_NAME.test(chart) || chart.length > 250) {
    throw fail('is not a chart name (lowercase letters, digits, -, _ and ., no path)', 'chart');
  }
  const version = fields.version;
  if (typeof version !== 'string' || !EXACT_VERSION.test(version)) {
    throw fail(`got ${typeof version === 'string' ? shown(version, 40) : `a ${version === null ? 'null' : typeof version}`}, expected an exact version like 1.12.1 (quoted if YAML would read it as a number)`, 'version');
  }
  const digest = fields.digest;
  if (digest !== undefined && (typeof digest !== 'string' || !DIGEST.test(digest))) {
    throw fail('expected sha256: and 64 lowercase hex characters, as `platform charts lock` writes it', 'digest', 'delete the line and run `platform charts lock` to record the digest from the repository index');
  }
  return { id, file, path, repo, chart, version, ...(digest === undefined ? {} : { digest }) };
}

/**
 * A repository URL pull and lock may use: https:// or oci://, or http:// to a
 * loopback address (the tests' repository, a local tunnel to a mirror). Helm
 * sends a URL's user:password as basic auth, and chart.yaml is committed, so
 * credentials are refused (the engine refuses them too).
 */
function repositoryUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '' || url.hash !== '') return false;
  if (url.protocol === 'https:' || url.protocol === 'oci:') return url.hostname !== '';
  return url.protocol === 'http:' && isLoopback(url.hostname);
}

/** 127.0.0.0/8, ::1 and localhost: addresses that never leave the machine. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}
