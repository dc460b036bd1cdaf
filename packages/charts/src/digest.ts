import { createHash } from 'node:crypto';

/**
 * A locked chart digest: `sha256:` and the archive's SHA-256 in lowercase hex,
 * the OCI digest notation. Helm repository indexes carry the bare hex of the
 * same hash (`digest:` of an index entry, written by `helm repo index` from
 * provenance.DigestFile in helm v3 pkg/provenance/sign.go).
 */
export const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** The locked-digest notation of an archive's bytes. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The 64 hex characters of a valid digest. */
export function digestHex(digest: string): string {
  if (!DIGEST.test(digest)) throw new TypeError(`not a sha256 digest: ${JSON.stringify(digest)}`);
  return digest.slice('sha256:'.length);
}

/**
 * An index entry's digest in locked notation, or undefined when the entry has
 * none or it is not a SHA-256. Indexes write it as bare hex; hex is
 * case-insensitive, so it is lowered; a `sha256:` prefix is accepted too.
 */
export function indexDigest(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const hex = value.trim().toLowerCase().replace(/^sha256:/, '');
  return /^[0-9a-f]{64}$/.test(hex) ? `sha256:${hex}` : undefined;
}
