import { ChartError } from './errors.js';
import { redactUrl } from './url.js';

/** The environment variable that names the mirror when no option does. */
export const MIRROR_ENV = 'PLATFORM_CHART_MIRROR';

/**
 * One base URL that stands in for every chart repository, as on air-gapped
 * sites: pull and lock then ask only the mirror.
 *
 * The rule: an upstream URL maps to the base URL followed by the upstream's
 * host (with its port, when it is not the default) and path, its scheme
 * dropped and its query kept:
 *
 *   mirror https://mirror.example/helm
 *   https://charts.jetstack.io                      -> https://mirror.example/helm/charts.jetstack.io
 *   https://prometheus-community.github.io/helm-charts
 *                                                   -> https://mirror.example/helm/prometheus-community.github.io/helm-charts
 *   archive https://github.com/o/r/releases/download/x-1.0.0/x-1.0.0.tgz (an absolute urls[0] in an index)
 *                                                   -> https://mirror.example/helm/github.com/o/r/releases/download/x-1.0.0/x-1.0.0.tgz
 *
 * So the mirror serves each repository's index.yaml under its own path, and a
 * relative archive URL in it resolves against that path as Helm resolves it
 * against the repository. An absolute archive URL on another host is mapped
 * by the same rule; one on the mirror's own origin (scheme, host and port) is
 * left alone, because a repository manager that rewrites its indexes (an
 * Artifactory remote with a Charts Base URL, a Nexus proxy) already points it
 * at itself.
 *
 * Why host and path, not a name per repository: it needs no table to keep in
 * step with charts/, two repositories never collide (grafana and
 * grafana-community both publish a chart named loki, which an aggregating
 * index such as an Artifactory virtual Helm repository merges into one list),
 * and a mirror is filled with any tool that copies URLs into a directory tree
 * (wget -x, a static web server, a caching reverse proxy keyed by path). It
 * is the layout of Go's GOPROXY and of containerd's per-host registry
 * mirrors. Digests are verified against the lock whatever the mirror serves,
 * so a mirror can withhold a chart but never substitute one.
 *
 * A user:password in the base URL is sent as basic auth, only to the
 * mirror's origin (as Helm sends repository credentials only to the
 * repository's host unless --pass-credentials is given), and never printed.
 */
export interface Mirror {
  /** The base URL without credentials and without a trailing slash. */
  readonly base: string;
  readonly origin: string;
  /** `Basic ...` for requests to the mirror's origin, when the base URL had credentials. */
  readonly authorization?: string;
}

/** Checks and normalises a mirror base URL (from an option or PLATFORM_CHART_MIRROR, named by `source` in messages). */
export function parseMirror(value: string, source: string): Mirror {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ChartError('mirror-invalid', 'is not a URL', { field: source, hint: 'give the mirror base URL, for example https://mirror.example/helm' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ChartError('mirror-invalid', `${redactUrl(value)} is not an http:// or https:// URL`, { field: source, hint: 'give the mirror\'s http:// or https:// base URL; OCI charts are asked of the same host, as a registry' });
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ChartError('mirror-invalid', `${redactUrl(value)} has a query or fragment; a mirror is a base URL that repository paths are appended to`, { field: source });
  }
  const authorization =
    url.username !== '' || url.password !== ''
      ? `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`
      : undefined;
  url.username = '';
  url.password = '';
  return { base: url.href.replace(/\/+$/, ''), origin: url.origin, ...(authorization ? { authorization } : {}) };
}

/** Where the mirror serves an upstream URL (a repository or an absolute archive URL), by the rule above. */
export function mirrorUrl(upstream: string, mirror: Mirror): string {
  const url = new URL(upstream);
  if (url.origin === mirror.origin && (url.protocol === 'http:' || url.protocol === 'https:')) return upstream;
  // url.host carries the port only when it is not the scheme's default.
  return `${mirror.base}/${url.host}${url.pathname === '/' ? '' : url.pathname}${url.search}`;
}
