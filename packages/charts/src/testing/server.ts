import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import yaml from 'js-yaml';
import { sha256Digest } from '../digest.js';
import { buildChartArchive, type ChartSource } from './archive.js';

/** A fault a path answers with instead of (or before) its content. */
export type Fault =
  /** Answer this HTTP status with a short text body. */
  | { readonly status: number }
  /** Wait this long before answering normally. */
  | { readonly delayMs: number }
  /** Send the headers (with the full Content-Length) and this many body bytes, then nothing until the server closes. */
  | { readonly stallAfterBytes: number };

/** A chart to publish into a repository. */
export interface PublishSource extends ChartSource {
  /**
   * How the index names the archive:
   * - `relative` (default): `<name>-<version>.tgz`, as `helm repo index` writes it;
   * - `absolute`: an absolute URL on this server outside the repository path
   *   (`<server>/releases/download<repo path>/<name>-<version>.tgz`), as GitHub
   *   Pages repositories list GitHub release assets;
   * - any other string: listed as it is; served here when it is relative or
   *   on this server (resolved by the WHATWG URL rules), otherwise not at all.
   */
  readonly url?: 'relative' | 'absolute' | (string & {});
  /** The digest the index lists: the archive's by default; a string to list another (a stale index); null to list none. */
  readonly indexDigest?: string | null;
}

export interface PublishedChart {
  readonly name: string;
  readonly version: string;
  readonly bytes: Buffer;
  /** `sha256:<hex>` of the archive. */
  readonly digest: string;
  /** The URL as the index lists it. */
  readonly url: string;
  /** Where this server serves the archive, when it does. */
  readonly archiveUrl: string | undefined;
}

/** One Helm repository on the server. */
export interface FixtureRepository {
  /** The repository URL, as chart.yaml's `repo:` would name it (no trailing slash). */
  readonly url: string;
  /**
   * Builds the archive and lists it in the index. Publishing a name and
   * version again replaces both: the archive bytes and its index entry (a
   * re-published chart).
   */
  publish(source: PublishSource): PublishedChart;
  /** Removes a version from the index (its archive stays served). */
  unpublish(name: string, version: string): void;
}

/** A loopback HTTP server holding Helm repositories, for tests. */
export interface ChartServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /**
   * The repository served at `path` (`/` by default; created on first use):
   * `<path>/index.yaml` is generated from what is published. With
   * `format: 'json'` the index is JSON, as `helm repo index --json` writes it.
   * Under a path such as `/mirror/charts.example.com`, it stands for that
   * repository on a mirror.
   */
  repository(path?: string, options?: { readonly format?: 'yaml' | 'json' }): FixtureRepository;
  /** Serves exact bytes at a path (an index, an archive where a mirror keeps it), over anything generated; undefined removes it. */
  serve(path: string, body: string | Uint8Array | undefined): void;
  /**
   * Pushes a chart to the server's OCI registry as `helm push` lays it out:
   * `oci://127.0.0.1:<port>/<repository's parent>` is the chart.yaml repo and
   * the last path segment the chart name. The manifest (tag: the version, `+`
   * as `_`) has a Helm config blob and one chart layer whose digest is the
   * archive's. Every /v2/ request needs the anonymous bearer token the
   * server's /token hands out, as public registries ask (a 401 challenge
   * first). Pushing the same tag again re-points it.
   */
  pushChart(source: ChartSource & { readonly repository: string }): PublishedChart;
  /** Makes a path fail or lag (undefined clears it). */
  fault(path: string, fault: Fault | undefined): void;
  /** Every request's path (and query), in order: what a test asserts "no network" with. */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

/** The anonymous token the registry's /token hands out and its /v2/ paths require. */
const REGISTRY_TOKEN = 'fixture-anonymous-token';

/** Every index timestamp: fixed, so the same charts make the same index. */
const CREATED = '2026-01-01T00:00:00Z';

/**
 * Starts a Helm repository server on 127.0.0.1 (a free port). It serves
 * `index.yaml` per repository, as Helm's repository protocol asks
 * (https://helm.sh/docs/topics/chart_repository/), archives built from plain
 * files, exact bytes at any path, and faults: an HTTP status, a delay, or a
 * body that stalls part way.
 */
export async function startChartServer(): Promise<ChartServer> {
  const repositories = new Map<string, RepositoryState>();
  const files = new Map<string, Buffer>();
  const faults = new Map<string, Fault>();
  const requests: string[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const registry = new Map<string, Buffer>();
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const target = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(`${target.pathname}${target.search}`);
    const fault = faults.get(target.pathname);
    if (fault && 'delayMs' in fault) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        answer(target, request, response, undefined);
      }, fault.delayMs);
      timers.add(timer);
      return;
    }
    answer(target, request, response, fault);
  });

  const answer = (target: URL, request: IncomingMessage, response: ServerResponse, fault: Fault | undefined): void => {
    const path = target.pathname;
    if (fault && 'status' in fault) {
      response.writeHead(fault.status, { 'content-type': 'text/plain' }).end(`fault ${fault.status}\n`);
      return;
    }
    if (path === '/token') {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: REGISTRY_TOKEN }));
      return;
    }
    if (path.startsWith('/v2/') && request.headers.authorization !== `Bearer ${REGISTRY_TOKEN}`) {
      const repository = /^\/v2\/(.+)\/(?:manifests|blobs)\//.exec(path)?.[1] ?? '';
      response
        .writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer realm="${origin}/token",service="fixture-registry",scope="repository:${repository}:pull"` })
        .end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    const body = registry.get(path) ?? content(path);
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    const type = path.includes('/manifests/') ? 'application/vnd.oci.image.manifest.v1+json' : path.endsWith('.tgz') || path.includes('/blobs/') ? 'application/octet-stream' : 'text/yaml';
    response.writeHead(200, { 'content-type': type, 'content-length': String(body.length) });
    if (fault && 'stallAfterBytes' in fault) {
      response.write(body.subarray(0, fault.stallAfterBytes));
      return;
    }
    response.end(body);
  };

  const content = (path: string): Buffer | undefined => {
    const exact = files.get(path);
    if (exact) return exact;
    for (const repository of repositories.values()) {
      if (path === `${repository.path}/index.yaml`) return Buffer.from(indexText(repository));
      const archive = repository.archives.get(path);
      if (archive) return archive;
    }
    return undefined;
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const repository = (path = '/', options: { readonly format?: 'yaml' | 'json' } = {}): FixtureRepository => {
    const normal = path.replace(/\/+$/, '');
    if (normal !== '' && !normal.startsWith('/')) throw new TypeError(`repository paths start with /, got ${JSON.stringify(path)}`);
    let state = repositories.get(normal);
    if (!state) {
      state = { path: normal, format: options.format ?? 'yaml', entries: new Map(), archives: new Map() };
      repositories.set(normal, state);
    }
    const repo = state;
    const url = `${origin}${normal}`;
    return {
      url,
      publish(source) {
        const archive = buildChartArchive(source);
        const file = `${source.name}-${source.version}.tgz`;
        const listed = source.url === undefined || source.url === 'relative' ? file : source.url === 'absolute' ? `${origin}/releases/download${normal}/${file}` : source.url;
        const served = new URL(listed, `${url}/`);
        const archiveUrl = served.origin === origin ? served.href : undefined;
        if (archiveUrl) repo.archives.set(served.pathname, archive.bytes);
        const digest = source.indexDigest === undefined ? archive.digest : source.indexDigest;
        const versions = repo.entries.get(source.name) ?? new Map<string, Record<string, unknown>>();
        versions.set(source.version, {
          apiVersion: 'v2',
          created: CREATED,
          ...(digest === null ? {} : { digest: digest.replace(/^sha256:/, '') }),
          name: source.name,
          type: 'application',
          urls: [listed],
          version: source.version,
        });
        repo.entries.set(source.name, versions);
        return { name: source.name, version: source.version, bytes: archive.bytes, digest: archive.digest, url: listed, archiveUrl };
      },
      unpublish(name, version) {
        repo.entries.get(name)?.delete(version);
      },
    };
  };

  return {
    url: origin,
    repository,
    serve(path, body) {
      if (body === undefined) files.delete(path);
      else files.set(path, Buffer.from(body));
    },
    pushChart(source) {
      if (!/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/.test(source.repository)) throw new TypeError(`not an OCI repository name: ${JSON.stringify(source.repository)}`);
      const archive = buildChartArchive(source);
      const config = Buffer.from(JSON.stringify({ apiVersion: 'v2', name: source.name, version: source.version }));
      const configDigest = sha256Digest(config);
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.cncf.helm.config.v1+json', digest: configDigest, size: config.length },
          layers: [{ mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', digest: archive.digest, size: archive.bytes.length }],
        }),
      );
      const base = `/v2/${source.repository}`;
      registry.set(`${base}/blobs/${configDigest}`, config);
      registry.set(`${base}/blobs/${archive.digest}`, archive.bytes);
      registry.set(`${base}/manifests/${source.version.replaceAll('+', '_')}`, manifest);
      return { name: source.name, version: source.version, bytes: archive.bytes, digest: archive.digest, url: `oci://127.0.0.1:${origin.split(':')[2]}/${source.repository}`, archiveUrl: `${origin}${base}/blobs/${archive.digest}` };
    },
    fault(path, fault) {
      if (fault === undefined) faults.delete(path);
      else faults.set(path, fault);
    },
    get requests() {
      return [...requests];
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface RepositoryState {
  readonly path: string;
  readonly format: 'yaml' | 'json';
  /** Chart name -> version -> index entry. */
  readonly entries: Map<string, Map<string, Record<string, unknown>>>;
  /** Served path -> archive bytes. */
  readonly archives: Map<string, Buffer>;
}

/** The index `helm repo index` would write: apiVersion v1, entries by name, each chart's versions newest first. */
function indexText(repository: RepositoryState): string {
  const entries: Record<string, unknown[]> = {};
  for (const name of [...repository.entries.keys()].sort()) {
    const versions = repository.entries.get(name)!;
    entries[name] = [...versions.keys()].sort(compareVersionsDescending).map((version) => versions.get(version));
  }
  const index = { apiVersion: 'v1', entries, generated: CREATED };
  return repository.format === 'json' ? `${JSON.stringify(index, null, 2)}\n` : yaml.dump(index, { lineWidth: -1, noRefs: true });
}

function compareVersionsDescending(a: string, b: string): number {
  const parts = (version: string): number[] => version.replace(/^v/, '').split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (y[i] ?? 0) - (x[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return a < b ? 1 : a > b ? -1 : 0;
}
