import { DIGEST } from './digest.js';
import { download, DownloadFailure, type DownloadLimits } from './http.js';
import { DEFAULT_IDLE_TIMEOUT_MS, MAX_ARCHIVE_BYTES } from './limits.js';
import type { Mirror } from './mirror.js';
import { isLoopback } from './pins.js';
import { formatBytes } from './read-text.js';
import { redactUrl } from './url.js';

/**
 * Where a chart from an OCI registry is: `oci://<registry>/<path>` and the
 * chart name make the repository `<path>/<chart>`, the version makes the tag.
 * Helm replaces `+` in a tag with `_`, which OCI tags cannot hold (helm v3
 * pkg/registry/reference.go, newReference). Registries speak HTTPS; plain
 * HTTP is used for a loopback registry only (Helm needs --plain-http for it).
 *
 * With a mirror, the same host-and-path rule as for HTTP repositories: the
 * mirror's host is the registry and `<mirror path>/<registry>/<path>/<chart>`
 * the repository (a Harbor proxy-cache project named after the path, for
 * example), over the mirror URL's scheme.
 */
export interface OciTarget {
  /** `https://<registry>` (the mirror's origin with a mirror). */
  readonly registryUrl: string;
  readonly repository: string;
  readonly tag: string;
}

export function ociTarget(repo: string, chart: string, version: string, mirror?: Mirror): OciTarget {
  const url = new URL(repo);
  const path = url.pathname.replace(/^\/+|\/+$/g, '');
  const tag = version.replaceAll('+', '_');
  if (mirror) {
    const base = new URL(mirror.base);
    return { registryUrl: base.origin, repository: [base.pathname.replace(/^\/+|\/+$/g, ''), url.host, path, chart].filter(Boolean).join('/'), tag };
  }
  return { registryUrl: `${isLoopback(url.hostname) ? 'http' : 'https'}://${url.host}`, repository: [path, chart].filter(Boolean).join('/'), tag };
}

/** The manifest URL of a target, for messages and events. */
export function manifestUrl(target: OciTarget): string {
  return `${target.registryUrl}/v2/${target.repository}/manifests/${target.tag}`;
}

/** Why a registry request failed; `kind` picks the error code. */
export class OciFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'no-tag' | 'not-a-chart' | 'too-large',
  ) {
    super(message);
  }
}

/** Helm's media types for a chart (helm v3 pkg/registry/constants.go): the archive layer, current and legacy. */
const CHART_LAYER_TYPES = ['application/vnd.cncf.helm.chart.content.v1.tar+gzip', 'application/tar+gzip'];
const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';
/** A manifest or token answer is a few kilobytes. */
const MAX_SMALL_BYTES = 4 * 1024 * 1024;

/**
 * The two requests pull and lock make of a registry, as the OCI distribution
 * specification defines them: the manifest a tag names (its chart layer's
 * digest is the sha256 of the .tgz, the digest lock records), and a blob by
 * digest. Anonymous pulls from public registries (quay.io, ghcr.io, Docker
 * Hub) answer 401 with a Bearer challenge first; the token is asked of the
 * realm it names, for the scope it names, and kept per repository.
 */
export class OciClient {
  private readonly tokens = new Map<string, Promise<string | undefined>>();

  constructor(private readonly options: { readonly mirror?: Mirror | undefined; readonly idleTimeoutMs?: number | undefined }) {}

  /** The chart layer's digest of the manifest `target.tag` names. */
  async chartDigest(target: OciTarget): Promise<string> {
    const url = manifestUrl(target);
    const answer = await this.authorized(target, url, MANIFEST_TYPE);
    if (answer.status === 404) throw new OciFailure(`${redactUrl(url)}: the registry has no tag ${JSON.stringify(target.tag)} of ${target.repository}`, 'no-tag');
    if (answer.status !== 200) throw new OciFailure(`${redactUrl(url)} answered HTTP ${answer.status}`, 'unreachable');
    let manifest: { mediaType?: unknown; layers?: unknown };
    try {
      manifest = JSON.parse(answer.body) as typeof manifest;
    } catch {
      throw new OciFailure(`${redactUrl(url)} is not a JSON manifest`, 'not-a-chart');
    }
    const layers = Array.isArray(manifest.layers) ? (manifest.layers as { mediaType?: unknown; digest?: unknown }[]) : [];
    const chart = layers.filter((layer) => CHART_LAYER_TYPES.includes(String(layer?.mediaType)));
    if (chart.length !== 1 || typeof chart[0]!.digest !== 'string' || !DIGEST.test(chart[0]!.digest)) {
      throw new OciFailure(`${redactUrl(url)} is not a Helm chart manifest (it needs exactly one layer of type ${CHART_LAYER_TYPES[0]} with a sha256 digest)`, 'not-a-chart');
    }
    return chart[0]!.digest;
  }

  /** Streams the blob `digest` of the target's repository to `onChunk`. */
  async downloadBlob(target: OciTarget, digest: string, onChunk: (chunk: Uint8Array) => void): Promise<{ url: string; bytes: number }> {
    const url = `${target.registryUrl}/v2/${target.repository}/blobs/${digest}`;
    const token = await this.token(target, url);
    const limits: DownloadLimits = { maxBytes: MAX_ARCHIVE_BYTES, idleTimeoutMs: this.idleTimeoutMs };
    try {
      return { url, bytes: await download(url, limits, onChunk, this.options.mirror, token ? { authorization: `Bearer ${token}` } : {}) };
    } catch (error) {
      if (error instanceof DownloadFailure) throw new OciFailure(error.message, error.tooLarge ? 'too-large' : 'unreachable');
      throw error;
    }
  }

  private get idleTimeoutMs(): number {
    return this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  }

  /** GET with the repository's token, fetching one when the registry challenges. */
  private async authorized(target: OciTarget, url: string, accept: string): Promise<{ status: number; body: string }> {
    const known = await this.tokens.get(this.key(target));
    const first = await this.get(url, accept, known);
    if (first.status !== 401 || known !== undefined) return first;
    const token = await this.token(target, url, first.challenge);
    return token === undefined ? first : this.get(url, accept, token);
  }

  private key(target: OciTarget): string {
    return `${target.registryUrl}/${target.repository}`;
  }

  /** The repository's bearer token: asked once, from the challenge of a first request when none is known yet. */
  private token(target: OciTarget, url: string, challenge?: string | null): Promise<string | undefined> {
    let promise = this.tokens.get(this.key(target));
    if (!promise) {
      promise = (async () => {
        const header = challenge !== undefined ? challenge : (await this.get(url, MANIFEST_TYPE, undefined)).challenge;
        return header ? this.fetchToken(header, target) : undefined;
      })();
      this.tokens.set(this.key(target), promise);
    }
    return promise;
  }

  /** Asks a Bearer challenge's realm for a pull token (the Docker registry token protocol every OCI registry serves). */
  private async fetchToken(challenge: string, target: OciTarget): Promise<string | undefined> {
    if (!/^Bearer\s/i.test(challenge)) return undefined;
    const parameters = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1]!.toLowerCase(), match[2]!]));
    if (!parameters.realm) return undefined;
    const realm = new URL(parameters.realm);
    if (parameters.service) realm.searchParams.set('service', parameters.service);
    realm.searchParams.set('scope', parameters.scope ?? `repository:${target.repository}:pull`);
    const answer = await this.get(realm.href, 'application/json', undefined);
    if (answer.status !== 200) throw new OciFailure(`the registry's token service ${redactUrl(realm.origin + realm.pathname)} answered HTTP ${answer.status}`, 'unreachable');
    try {
      const body = JSON.parse(answer.body) as { token?: unknown; access_token?: unknown };
      const token = typeof body.token === 'string' ? body.token : body.access_token;
      if (typeof token === 'string' && token !== '') return token;
    } catch {
      // Reported below.
    }
    throw new OciFailure(`the registry's token service ${redactUrl(realm.origin + realm.pathname)} sent no token`, 'unreachable');
  }

  /** A small GET (manifest, token), bounded in size and time; the mirror's basic auth goes to the mirror's origin when no token is used. */
  private async get(url: string, accept: string, token: string | undefined): Promise<{ status: number; body: string; challenge: string | null }> {
    const headers: Record<string, string> = { accept, 'user-agent': 'rke2-platform-charts' };
    if (token) headers.authorization = `Bearer ${token}`;
    else if (this.options.mirror?.authorization && new URL(url).origin === this.options.mirror.origin) headers.authorization = this.options.mirror.authorization;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(this.idleTimeoutMs) });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `sent nothing for ${this.idleTimeoutMs / 1000} s` : `cannot be reached (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message})`;
      throw new OciFailure(`${redactUrl(url)} ${reason}`, 'unreachable');
    }
    const text = await readCapped(response, MAX_SMALL_BYTES);
    if (text === undefined) throw new OciFailure(`${redactUrl(url)} sent more than ${formatBytes(MAX_SMALL_BYTES)} (or broke off)`, 'too-large');
    return { status: response.status, body: text, challenge: response.headers.get('www-authenticate') };
  }
}

/** A response body as text, or undefined past `maxBytes` (read no further) or when the stream breaks. */
async function readCapped(response: Response, maxBytes: number): Promise<string | undefined> {
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    return response.body ? undefined : '';
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      total += next.value.byteLength;
      if (total > maxBytes) return undefined;
      chunks.push(next.value);
    }
  } catch {
    return undefined;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8');
}
