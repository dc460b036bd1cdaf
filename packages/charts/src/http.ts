import { formatBytes } from './read-text.js';
import type { Mirror } from './mirror.js';
import { redactUrl } from './url.js';

/** How one download may behave before it is given up. */
export interface DownloadLimits {
  /** The most bytes the body may have. */
  readonly maxBytes: number;
  /** Milliseconds without progress (no response headers yet, or no body bytes) before giving up. */
  readonly idleTimeoutMs: number;
}

/** Why a download failed, in words for a message; `tooLarge` tells a size refusal from a network failure. */
export class DownloadFailure extends Error {
  constructor(
    message: string,
    readonly tooLarge = false,
  ) {
    super(message);
  }
}

/**
 * GETs `url` and hands each body chunk to `onChunk`, refusing a body past
 * `maxBytes` (by Content-Length before reading, and by counting while
 * reading) and a server that stalls for `idleTimeoutMs` at any point. Node's
 * fetch (undici) follows redirects; the mirror's credentials go only to the
 * mirror's origin, and undici drops Authorization on a cross-origin redirect.
 * Returns the byte count.
 */
export async function download(url: string, limits: DownloadLimits, onChunk: (chunk: Uint8Array) => void | Promise<void>, mirror?: Mirror, extraHeaders: Readonly<Record<string, string>> = {}): Promise<number> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limits.idleTimeoutMs);
  };
  const shownUrl = redactUrl(url);
  const stalled = (): DownloadFailure => new DownloadFailure(`${shownUrl} sent nothing for ${limits.idleTimeoutMs / 1000} s`);
  arm();
  try {
    let response: Response;
    try {
      const headers: Record<string, string> = { accept: '*/*', 'user-agent': 'rke2-platform-charts', ...extraHeaders };
      if (mirror?.authorization && !headers.authorization && new URL(url).origin === mirror.origin) headers.authorization = mirror.authorization;
      response = await fetch(url, { signal: controller.signal, headers, redirect: 'follow' });
    } catch (error) {
      if (timedOut) throw stalled();
      throw new DownloadFailure(`cannot fetch ${shownUrl}: ${networkReason(error)}`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new DownloadFailure(`${shownUrl} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    const declared = Number(response.headers.get('content-length') ?? Number.NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw new DownloadFailure(`${shownUrl} is ${formatBytes(declared)}, more than the ${formatBytes(limits.maxBytes)} this tool accepts`, true);
    }
    let total = 0;
    if (!response.body) return total;
    const reader = response.body.getReader();
    try {
      for (;;) {
        arm();
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (error) {
          if (timedOut) throw stalled();
          throw new DownloadFailure(`cannot fetch ${shownUrl}: ${networkReason(error)}`);
        }
        if (next.done) break;
        total += next.value.byteLength;
        if (total > limits.maxBytes) throw new DownloadFailure(`${shownUrl} is more than the ${formatBytes(limits.maxBytes)} this tool accepts`, true);
        await onChunk(next.value);
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return total;
  } finally {
    clearTimeout(timer);
  }
}

/** The useful part of a fetch failure: undici hides the system error (ECONNREFUSED, ENOTFOUND) in `cause`. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found (no network, or a wrong host name?)';
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed before the answer was complete';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'the connection timed out';
    default:
      return code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  }
}
