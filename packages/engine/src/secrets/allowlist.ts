import { statSync } from 'node:fs';
import { INPUT_LIMITS, readInputFile } from '../input/read-file.js';
import { PlatformError, PlatformErrors } from '../errors.js';
import { scanText } from './scan-text.js';

/** Documented false positives of the secret scan, at the repository root. */
export const SECRET_ALLOW_LIST = 'secrets-allowlist.txt';
/** An allow-list is a few lines; anything bigger is not one. */

/** `dist/<file>#<path> sha256:<hex of the value>  # reason`: one value at one path, with why it is not a secret. */
export interface AllowEntry {
  readonly file: string;
  readonly path: string;
  readonly sha256: string;
  readonly reason: string;
  /** 1-based line in the allow-list, for messages. */
  readonly line: number;
}

export interface AllowList {
  /** Where it was read from, for messages. */
  readonly source: string;
  readonly entries: readonly AllowEntry[];
}

export const EMPTY_ALLOW_LIST: AllowList = { source: SECRET_ALLOW_LIST, entries: [] };

const ENTRY = /^((?:dist|fleet)\/[^#\s]+)#(\S.*?)\s+sha256:([0-9a-f]{64})\s+#\s*(\S.*?)\s*$/;
const FORMAT = 'expected "dist/<file>#<path> sha256:<64 lowercase hex of the value>  # reason"';

/**
 * Reads the allow-list; none is an empty one. It must be a regular file
 * (a directory, FIFO or device gets one message, not EISDIR or a hang).
 */
export function loadAllowList(path: string, displayName = SECRET_ALLOW_LIST): AllowList {
  let stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { source: displayName, entries: [] };
    throw new PlatformError('cannot read the secret allow-list', { file: displayName });
  }
  if (!stats.isFile()) throw new PlatformError('is not a regular file; the secret allow-list must be a text file (or absent)', { file: displayName });
  // The same reader as every user file: regular files only, a size cap, strict UTF-8, no NUL bytes.
  const text = readInputFile(path, displayName, INPUT_LIMITS.allowList);
  return parseAllowList(text, displayName);
}

/**
 * Parses allow-list text. Every line is an entry, a `#` comment or blank.
 * The list is itself committed, so a credential written into it (instead of
 * its fingerprint, or in a reason) is refused like one in any other input.
 */
export function parseAllowList(text: string, source = SECRET_ALLOW_LIST): AllowList {
  const problems: PlatformError[] = [];
  const entries: AllowEntry[] = [];
  const withoutFingerprints = text.replace(/sha256:[0-9a-f]{64}/g, 'sha256:-');
  for (const finding of scanText(source, withoutFingerprints)) {
    problems.push(new PlatformError(`looks like ${finding.what}; the allow-list is committed, so it holds fingerprints (sha256 of the value), never the value`, { file: source, field: finding.path }));
  }
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = { file: source, field: `line ${index + 1}` };
    const match = ENTRY.exec(line);
    if (!match) {
      const reasonMissing = /sha256:[0-9a-f]{64}\s*$/.test(line);
      problems.push(new PlatformError(reasonMissing ? 'the reason is missing: say after " # " why this value is not a secret' : FORMAT, where));
      return;
    }
    const [, file = '', path = '', sha256 = '', reason = ''] = match;
    if (/(^|\.)(data|stringdata)$/i.test(path)) {
      problems.push(new PlatformError(`"${path}" is a whole Secret payload; an entry allows one value (its path and fingerprint), never a whole object`, where));
      return;
    }
    entries.push({ file, path, sha256, reason, line: index + 1 });
  });
  if (problems.length > 0) throw new PlatformErrors(problems);
  return { source, entries };
}
