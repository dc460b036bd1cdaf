/** How much pull and lock read from a repository, and how long they wait. */

/**
 * The largest repository index read. The largest index the platform uses,
 * prometheus-community's, was 6.3 MB in August 2026 (its gh-pages index.yaml,
 * which keeps every version it ever published); js-yaml parses it in about
 * 1.4 s. 32 MiB is five times that and parses in about 5 s and 250 MB of heap;
 * past it, an index is a mistake or an attack on memory.
 */
export const MAX_INDEX_BYTES = 32 * 1024 * 1024;

/**
 * The largest archive downloaded: Helm refuses to load a chart that
 * decompresses past 100 MiB (helm v3 pkg/chart/loader/archive.go,
 * MaxDecompressedChartSize), and an archive is never larger than what it
 * decompresses to, give or take its headers.
 */
export const MAX_ARCHIVE_BYTES = 100 * 1024 * 1024;

/** Default: a server that sends nothing for 30 s is given up (connect, headers, or between body chunks). */
export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
