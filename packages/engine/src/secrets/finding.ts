import { PlatformError } from '../errors.js';

/** One credential found in the rendered tree. The value itself is kept for fingerprints and never printed. */
export interface SecretFinding {
  /** Repository-relative path of the file that would be written. */
  readonly file: string;
  /** Dotted path in the parsed document (`grafana.admin.password`), or `line N` for what only the bytes show (comments). */
  readonly path: string;
  readonly what: string;
  /** The whole value at `path`: what an allow-list fingerprint pins. Undefined where nothing may be allowed (a Secret's payload, a comment). */
  readonly value?: string;
  /** The matched credential text, to avoid reporting the same credential again from the line scan. */
  readonly match: string;
}

/**
 * The user-facing error for a finding. `source` is the file the user edits
 * when it is not the generated one (a chart's values.yaml, copied byte for
 * byte). The value is never echoed.
 */
export function secretError(finding: SecretFinding, source?: string, allowListFile = 'secrets-allowlist.txt'): PlatformError {
  const where = source && source !== finding.file ? ` (copied to ${finding.file})` : '';
  const allow =
    finding.value === undefined
      ? 'this finding cannot be allow-listed'
      : `if it is not a secret, add "${finding.file}#${finding.path} sha256:<sha256 of the value>  # why it is not a secret" to ${allowListFile} (printf %s VALUE | sha256sum)`;
  return new PlatformError(`looks like ${finding.what}${where}; secrets are never rendered into git`, {
    file: source ?? finding.file,
    field: finding.path,
    hint: `reference a pre-seeded Secret by name (existingSecret, secretKeyRef and the like); ${allow}`,
  });
}
