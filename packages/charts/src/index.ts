/**
 * Charts as locked inputs: each chart pinned in charts/<id>/chart.yaml is
 * pulled from its Helm repository (or one mirror) into a content-addressed
 * cache outside git and verified against the digest locked beside its
 * version; lock records those digests from the repository indexes.
 */
export { CACHE_ENV, archivePath, cachedChartPath, chartCacheDir } from './cache.js';
export { CHARTS_USAGE, runChartsCommand, type ChartsCommandOptions, type ChartsCommandResult } from './command.js';
export { DIGEST, sha256Digest } from './digest.js';
export { ChartError, ChartErrors, isChartError, type ChartErrorCode } from './errors.js';
export { MAX_ARCHIVE_BYTES, MAX_INDEX_BYTES, DEFAULT_IDLE_TIMEOUT_MS } from './limits.js';
export { lockCharts, type LockedChart, type LockOptions, type LockResult } from './lock.js';
export { MIRROR_ENV, mirrorUrl, parseMirror, type Mirror } from './mirror.js';
export { loadChartPins, type ChartPin } from './pins.js';
export { pullCharts, pullPins, type PulledChart, type PullEvent, type PullOptions, type PullResult } from './pull.js';
export { resolveReferenceUrl } from './url.js';
