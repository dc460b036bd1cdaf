import { ChartError, shown } from './errors.js';
import { findVersion, parseSemver, type IndexEntry, type RepositoryIndex } from './index-file.js';
import type { ChartPin } from './pins.js';
import { RepositoryFailure, type RepositoryIndexes } from './repository.js';
import { OciFailure } from './oci.js';
import { redactUrl } from './url.js';

/** A registry failure, as the error of the chart that needed it: `manifest` (resolving the tag) or `blob` (the archive). */
export function ociError(pin: ChartPin, error: unknown, stage: 'manifest' | 'blob'): ChartError {
  if (!(error instanceof OciFailure)) throw error;
  const where = { chart: pin.id, file: pin.file };
  switch (error.kind) {
    case 'no-tag':
      return new ChartError('not-in-index', error.message, { ...where, field: 'version', hint: 'check the version and the registry path' });
    case 'not-a-chart':
      return new ChartError('index-entry-invalid', error.message, { ...where, field: 'version' });
    case 'too-large':
      return new ChartError(stage === 'blob' ? 'archive-too-large' : 'index-too-large', error.message, { ...where, field: stage === 'blob' ? 'version' : 'repo' });
    case 'unreachable':
      return stage === 'blob'
        ? new ChartError('archive-unreachable', `cannot download ${pin.chart} ${pin.version}: ${error.message}`, { ...where, field: 'version' })
        : new ChartError('index-unreachable', `cannot resolve ${pin.chart} ${pin.version} in ${pin.repo}: ${error.message}`, { ...where, field: 'repo' });
  }
}

/** A failed index, as the error of one chart that needed it. */
export function repositoryError(pin: ChartPin, indexes: RepositoryIndexes, error: unknown): ChartError {
  if (!(error instanceof RepositoryFailure)) throw error;
  const code = error.kind === 'too-large' ? 'index-too-large' : error.kind === 'invalid' ? 'index-invalid' : 'index-unreachable';
  const source = indexes.source(pin.repo);
  const via = source.effective === pin.repo ? '' : ` (through the mirror: ${redactUrl(source.effective)})`;
  return new ChartError(code, `cannot read the index of ${pin.repo}${via}: ${error.message}`, {
    chart: pin.id,
    file: pin.file,
    field: 'repo',
    ...(code === 'index-unreachable' && !indexes.mirror ? { hint: 'without network access, set PLATFORM_CHART_MIRROR (or --mirror) to a mirror you can reach' } : {}),
  });
}

/**
 * The index entry of a pin's chart version and the absolute URL of its
 * archive, or one error naming what the index lacks: the chart, the version
 * (with the nearest versions it has), or a usable urls[0] (Helm: "has no
 * downloadable URLs").
 */
export function lookupEntry(pin: ChartPin, indexes: RepositoryIndexes, index: RepositoryIndex): { entry: IndexEntry; url: string } {
  const where = { chart: pin.id, file: pin.file };
  const lookup = findVersion(index, pin.chart, pin.version);
  if ('missing' in lookup) {
    if (lookup.missing === 'chart') {
      throw new ChartError('not-in-index', `the repository ${pin.repo} has no chart ${shown(pin.chart)}`, { ...where, field: 'chart', hint: 'check the chart name and the repository URL' });
    }
    const nearest = nearestVersions(lookup.available, pin.version);
    throw new ChartError('not-in-index', `the repository ${pin.repo} has no version ${shown(pin.version)} of ${pin.chart}`, {
      ...where,
      field: 'version',
      hint: nearest.length > 0 ? `versions it has near that one: ${nearest.join(', ')}` : 'the repository lists no version of it',
    });
  }
  if ('ambiguous' in lookup) {
    throw new ChartError('index-entry-invalid', `the repository ${pin.repo} lists several versions equal to ${shown(pin.version)} (${lookup.ambiguous.map((v) => shown(v)).join(', ')}), and Helm would take any of them`, {
      ...where,
      field: 'version',
      hint: 'pin one of them exactly as the index writes it',
    });
  }
  const entry = lookup.found;
  const reference = entry.urls[0];
  if (reference === undefined || reference.trim() === '') {
    throw new ChartError('index-entry-invalid', `the repository ${pin.repo} lists no archive URL for ${pin.chart} ${pin.version}`, { ...where, field: 'version' });
  }
  let url: string;
  try {
    url = indexes.archiveUrl(pin.repo, reference);
    const protocol = new URL(url).protocol;
    if (protocol !== 'https:' && protocol !== 'http:') throw new TypeError(protocol);
  } catch {
    throw new ChartError('index-entry-invalid', `the repository ${pin.repo} lists an archive URL for ${pin.chart} ${pin.version} that is not an http(s) URL: ${shown(redactUrl(reference))}`, {
      ...where,
      field: 'version',
    });
  }
  return { entry, url };
}

/** Up to five versions closest to `wanted` (same major and minor first, then by distance), newest first. */
function nearestVersions(available: readonly string[], wanted: string): string[] {
  const target = parseSemver(wanted);
  if (!target) return available.slice(0, 5);
  const score = (version: string): number => {
    const parsed = parseSemver(version);
    if (!parsed) return Number.MAX_SAFE_INTEGER;
    const [a, b, c] = parsed.core;
    const [x, y, z] = target.core;
    return Math.abs(a - x) * 1e8 + Math.abs(b - y) * 1e4 + Math.abs(c - z);
  };
  return [...new Set(available)].sort((p, q) => score(p) - score(q) || (p < q ? 1 : p > q ? -1 : 0)).slice(0, 5);
}
