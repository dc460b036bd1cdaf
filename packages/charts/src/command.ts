import { CACHE_ENV, chartCacheDir } from './cache.js';
import { ChartError, isChartError } from './errors.js';
import { lockCharts, type LockedChart, type LockResult } from './lock.js';
import { MIRROR_ENV, parseMirror, type Mirror } from './mirror.js';
import { pullCharts, type PullEvent, type PulledChart, type PullResult } from './pull.js';
import { formatBytes } from './read-text.js';

export { CHARTS_USAGE } from './usage.js';

/** `platform charts pull|lock`, its arguments already parsed by the CLI. */
export interface ChartsCommandOptions {
  readonly action: 'pull' | 'lock';
  /** The repository root (charts/ is under it). */
  readonly root: string;
  /** --mirror; when undefined, PLATFORM_CHART_MIRROR (an empty value means none). */
  readonly mirror?: string | undefined;
  /** --cache; when undefined, chartCacheDir(env). */
  readonly cache?: string | undefined;
  /** lock --update. */
  readonly update?: boolean | undefined;
  /** Chart ids to act on (all when empty or undefined). */
  readonly charts?: readonly string[] | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Where a relative --cache resolves; the invocation directory. */
  readonly cwd?: string | undefined;
  /** Progress as pull goes (the CLI may print it to stderr). */
  readonly onEvent?: ((event: PullEvent) => void | Promise<void>) | undefined;
  readonly idleTimeoutMs?: number | undefined;
}

export interface ChartsCommandResult {
  /** 0: done; 1: a chart, repository, mirror or cache failed (nothing partial in the cache, no chart.yaml written by a failed lock). */
  readonly exitCode: 0 | 1;
  /** What to print on stdout, one line each. */
  readonly lines: readonly string[];
  /** What to print on stderr: one message per failure, `file: field: message` and its hint. */
  readonly errors: readonly string[];
  readonly pull?: PullResult;
  readonly lock?: LockResult;
}

/**
 * Runs `charts pull` or `charts lock` and says what happened, deterministically
 * (no timings, sorted by chart id). User errors come back as exit code 1 and
 * messages; a bug still throws.
 */
export async function runChartsCommand(options: ChartsCommandOptions): Promise<ChartsCommandResult> {
  const env = options.env ?? process.env;
  const only = options.charts && options.charts.length > 0 ? options.charts : undefined;
  try {
    const mirror = mirrorOption(options.mirror, env);
    if (options.action === 'lock') {
      const lock = await lockCharts(options.root, { mirror, only, update: options.update, idleTimeoutMs: options.idleTimeoutMs });
      return { exitCode: 0, lines: lockLines(lock), errors: [], lock };
    }
    if (options.update) throw new ChartError('usage', '--update applies to lock only', { field: '--update' });
    const cacheDir = options.cache !== undefined ? chartCacheDir({ [CACHE_ENV]: options.cache }, undefined, options.cwd) : chartCacheDir(env, undefined, options.cwd);
    const pull = await pullCharts(options.root, { cacheDir, mirror, only, onEvent: options.onEvent, idleTimeoutMs: options.idleTimeoutMs });
    return { exitCode: 0, lines: pullLines(pull), errors: [], pull };
  } catch (error) {
    if (!isChartError(error)) throw error;
    const errors = error instanceof ChartError ? [error] : error.errors;
    return { exitCode: 1, lines: [], errors: errors.map((each) => each.describe()) };
  }
}

function mirrorOption(option: string | undefined, env: NodeJS.ProcessEnv): Mirror | undefined {
  if (option !== undefined) return option === '' ? undefined : parseMirror(option, '--mirror');
  const value = env[MIRROR_ENV];
  return value ? parseMirror(value, MIRROR_ENV) : undefined;
}

function pullLines(result: PullResult): string[] {
  const line = (chart: PulledChart): string =>
    chart.source === 'cache'
      ? `cached      ${chart.id}: ${chart.chart} ${chart.version} ${chart.digest}`
      : `downloaded  ${chart.id}: ${chart.chart} ${chart.version} ${chart.digest} (${formatBytes(chart.bytes)} from ${chart.url})`;
  const downloaded = result.charts.filter((chart) => chart.source === 'download');
  const bytes = downloaded.reduce((sum, chart) => sum + chart.bytes, 0);
  return [
    ...result.charts.map(line),
    `${result.charts.length} chart${result.charts.length === 1 ? '' : 's'} verified in ${result.cacheDir}: ${downloaded.length} downloaded (${formatBytes(bytes)}), ${result.charts.length - downloaded.length} already cached`,
  ];
}

function lockLines(result: LockResult): string[] {
  const line = (chart: LockedChart): string => {
    switch (chart.change) {
      case 'added':
        return `locked      ${chart.id}: ${chart.chart} ${chart.version} ${chart.digest}`;
      case 'unchanged':
        return `unchanged   ${chart.id}: ${chart.chart} ${chart.version} ${chart.digest}`;
      case 'bumped':
        return `bumped      ${chart.id}: ${chart.chart} ${chart.previousVersion} -> ${chart.version} ${chart.digest}`;
      case 'updated':
        return `UPDATED     ${chart.id}: ${chart.chart} ${chart.version} was ${chart.previousDigest}, now ${chart.digest} (re-published; accepted by --update)`;
    }
  };
  const changed = result.written.length;
  return [...result.charts.map(line), `${result.charts.length} chart${result.charts.length === 1 ? '' : 's'} locked: ${changed} chart.yaml file${changed === 1 ? '' : 's'} written`];
}
