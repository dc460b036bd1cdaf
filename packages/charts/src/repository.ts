import { download, DownloadFailure, type DownloadLimits } from './http.js';
import { DEFAULT_IDLE_TIMEOUT_MS, MAX_ARCHIVE_BYTES, MAX_INDEX_BYTES } from './limits.js';
import { IndexFailure, parseIndex, type RepositoryIndex } from './index-file.js';
import { sliceIndex } from './index-slice.js';
import { mirrorUrl, type Mirror } from './mirror.js';
import { indexUrl, redactUrl, resolveReferenceUrl } from './url.js';

/** Where a repository is read from, after the mirror rule. */
export interface RepositorySource {
  /** The repository URL as chart.yaml writes it. */
  readonly repo: string;
  /** The URL actually asked: the repository, or its place on the mirror. */
  readonly effective: string;
  readonly indexUrl: string;
}

export interface RepositoryOptions {
  readonly mirror?: Mirror | undefined;
  readonly maxIndexBytes?: number | undefined;
  readonly idleTimeoutMs?: number | undefined;
}

/** A repository index failed: `tooLarge` and `invalid` tell the kinds apart for the error code. */
export class RepositoryFailure extends Error {
  constructor(
    message: string,
    readonly kind: 'unreachable' | 'too-large' | 'invalid',
  ) {
    super(message);
  }
}

/**
 * The indexes of one pull or lock: each repository's index is fetched and
 * parsed once, however many charts come from it (prometheus-community and
 * grafana each serve two of the platform's charts), and all in parallel.
 */
export class RepositoryIndexes {
  private readonly texts = new Map<string, Promise<string>>();
  private readonly parsed = new Map<string, RepositoryIndex>();

  constructor(private readonly options: RepositoryOptions) {}

  source(repo: string): RepositorySource {
    const effective = this.options.mirror ? mirrorUrl(repo, this.options.mirror) : repo;
    return { repo, effective, indexUrl: indexUrl(effective) };
  }

  /**
   * The index of `repo`, holding at least `chart`'s entries; rejects with a
   * RepositoryFailure. The text is fetched once per repository; a YAML index
   * is parsed one chart's slice at a time (sliceIndex), the whole of it only
   * when the slice cannot be taken.
   */
  async index(repo: string, chart: string): Promise<RepositoryIndex> {
    const { indexUrl: url } = this.source(repo);
    const text = await this.text(url);
    const slice = text.trimStart().startsWith('{') ? undefined : sliceIndex(text, chart);
    if (slice !== undefined) {
      try {
        return parseIndex(slice);
      } catch {
        // The whole parse decides, and words the error.
      }
    }
    let whole = this.parsed.get(url);
    if (!whole) {
      try {
        whole = parseIndex(text);
      } catch (error) {
        if (error instanceof IndexFailure) throw new RepositoryFailure(`${redactUrl(url)} ${error.message}`, 'invalid');
        throw error;
      }
      this.parsed.set(url, whole);
    }
    return whole;
  }

  /**
   * The absolute URL of an index entry's archive: `urls[0]` resolved against
   * the repository the index came from (the mirror's path for it, when there
   * is a mirror), and an absolute URL elsewhere mapped onto the mirror.
   */
  archiveUrl(repo: string, reference: string): string {
    const resolved = resolveReferenceUrl(this.source(repo).effective, reference);
    return this.options.mirror ? mirrorUrl(resolved, this.options.mirror) : resolved;
  }

  /** Limits for an archive download. */
  archiveLimits(): DownloadLimits {
    return { maxBytes: MAX_ARCHIVE_BYTES, idleTimeoutMs: this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS };
  }

  get mirror(): Mirror | undefined {
    return this.options.mirror;
  }

  /** The index text, fetched once per URL; a failure is remembered too, so every chart of that repository gets the same answer without asking again. */
  private text(url: string): Promise<string> {
    let promise = this.texts.get(url);
    if (!promise) {
      promise = this.fetchText(url);
      this.texts.set(url, promise);
    }
    return promise;
  }

  private async fetchText(url: string): Promise<string> {
    const maxBytes = this.options.maxIndexBytes ?? MAX_INDEX_BYTES;
    const chunks: Uint8Array[] = [];
    try {
      await download(url, { maxBytes, idleTimeoutMs: this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS }, (chunk) => void chunks.push(chunk), this.options.mirror);
    } catch (error) {
      if (error instanceof DownloadFailure) throw new RepositoryFailure(error.message, error.tooLarge ? 'too-large' : 'unreachable');
      throw error;
    }
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
    } catch {
      throw new RepositoryFailure(`${redactUrl(url)} is not UTF-8 text`, 'invalid');
    }
  }
}
