/**
 * What went wrong with a chart, by kind. The CLI prints `describe()`; code
 * that reacts to a failure (CI deciding whether a pull may be retried, tests)
 * reads `code`.
 */
export type ChartErrorCode =
  /** charts/<id>/chart.yaml is missing, unreadable or has a bad repo, chart, version or digest. */
  | 'pin-invalid'
  /** pull: the chart has no locked digest. */
  | 'not-locked'
  /** The repository index (or an OCI registry's manifest) could not be fetched (network, HTTP status, timeout). */
  | 'index-unreachable'
  /** The repository index is larger than the cap. */
  | 'index-too-large'
  /** The repository index is not a Helm index (not YAML/JSON, no apiVersion, no entries). */
  | 'index-invalid'
  /** The index has no such chart, or no such version of it. */
  | 'not-in-index'
  /** The index entry has no usable archive URL or digest. */
  | 'index-entry-invalid'
  /** The archive could not be downloaded. */
  | 'archive-unreachable'
  /** The archive is larger than the cap. */
  | 'archive-too-large'
  /** pull: the downloaded archive is not the one locked. */
  | 'digest-mismatch'
  /** lock: the index lists another digest for a version already locked. */
  | 'digest-changed'
  /** lock: chart.yaml could not be edited safely, or written. */
  | 'lock-write'
  /** The mirror URL is not usable. */
  | 'mirror-invalid'
  /** The cache directory cannot be used. */
  | 'cache-unusable'
  /** An option names a chart that does not exist. */
  | 'unknown-chart'
  /** The command's options do not fit together. */
  | 'usage';

/**
 * One failure about one chart (or about the cache or mirror, which every
 * chart shares), in the engine's `file: field: message` shape so the CLI
 * prints it in one line without a stack trace.
 */
export class ChartError extends Error {
  readonly code: ChartErrorCode;
  /** The charts/<id> directory name, when the failure is about one chart. */
  readonly chart: string | undefined;
  /** Repository-relative file, `charts/<id>/chart.yaml` for a chart. */
  readonly file: string | undefined;
  /** The field of that file the failure is about (`digest`, `version`, `repo`). */
  readonly field: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ChartErrorCode, message: string, where: { chart?: string; file?: string; field?: string; hint?: string } = {}) {
    super(message);
    this.name = 'ChartError';
    this.code = code;
    this.chart = where.chart;
    this.file = where.file;
    this.field = where.field;
    this.hint = where.hint;
  }

  /** `file: field: message` and the hint on a second line: what is wrong, where, and what to do. */
  describe(): string {
    const location = [this.file, this.field].filter(Boolean).join(': ');
    const text = location ? `${location}: ${this.message}` : this.message;
    return this.hint ? `${text}\n  hint: ${this.hint}` : text;
  }
}

/** Every chart failure of one pull or lock, reported together (one per chart, sorted by chart id). */
export class ChartErrors extends Error {
  readonly errors: readonly ChartError[];

  constructor(errors: readonly ChartError[]) {
    const sorted = [...errors].sort((a, b) => compareText(a.chart ?? '', b.chart ?? ''));
    super(sorted.map((error) => error.describe()).join('\n'));
    this.name = 'ChartErrors';
    this.errors = sorted;
  }
}

/** True for the errors this package raises about the user's input, repositories and cache (never for bugs). */
export function isChartError(error: unknown): error is ChartError | ChartErrors {
  return error instanceof ChartError || error instanceof ChartErrors;
}

/** Code-unit order: the same on every machine, whatever the locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A value from a file or a server, fit for one line of a message: quoted,
 * control characters escaped, cut when long. A repository index or a chart
 * directory name may hold anything, a terminal escape included.
 */
export function shown(value: string, max = 120): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return JSON.stringify(cut);
}
