/**
 * A version as Masterminds/semver v3 reads one (the library Helm uses for
 * chart versions and `kubeVersion`): `version.go`, `NewVersion`, which
 * coerces `1.31` to 1.31.0 and takes a leading `v`. Numbers are bigints
 * because Go parses each segment as a uint64.
 *
 * The same parser is in v3.3.0 (Helm 3.17 and 3.18, so Fleet v0.13.15) and
 * v3.4.0 (Helm 3.19, so helm-controller's klipper-helm): v3.4.0 keeps the
 * loose regular expression as `looseSemVerRegex` behind `CoerceNewVersion`,
 * which defaults to true.
 */
export interface SemVer {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  /** Pre-release identifiers after `-`, '' when none. */
  readonly pre: string;
  /** Build metadata after `+`, '' when none; ignored by every comparison. */
  readonly metadata: string;
}

// semVerRegex of v3.3.0 (looseSemVerRegex of v3.4.0), anchored as versionRegex is.
const VERSION =
  /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseUint(s, 10, 64): digits only (the regex saw to that), at most 2^64-1. */
function parseUint64(text: string): bigint | undefined {
  const value = BigInt(text);
  return value > UINT64_MAX ? undefined : value;
}

/** validatePrerelease: a numeric identifier may not have a leading zero. */
function validPrerelease(pre: string): boolean {
  return pre.split('.').every((part) => !(/^[0-9]+$/.test(part) && part.length > 1 && part.startsWith('0')));
}

/** NewVersion: the version, or undefined where Go returns an error. */
export function parseVersion(text: string): SemVer | undefined {
  const m = VERSION.exec(text);
  if (!m) return undefined;
  const major = parseUint64(m[1]!);
  const minor = m[2] ? parseUint64(m[2].slice(1)) : 0n;
  const patch = m[3] ? parseUint64(m[3].slice(1)) : 0n;
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  const pre = m[5] ?? '';
  if (pre !== '' && !validPrerelease(pre)) return undefined;
  return { major, minor, patch, pre, metadata: m[8] ?? '' };
}

/** Version.String(): no `v`, metadata kept. */
export function formatVersion(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.metadata ? `+${v.metadata}` : ''}`;
}

function compareSegment(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** comparePrePart: numeric identifiers sort below alphanumeric ones; strings compare bytewise. */
function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const sNumeric = /^[0-9]+$/.test(s) && BigInt(s) <= UINT64_MAX;
  const oNumeric = /^[0-9]+$/.test(o) && BigInt(o) <= UINT64_MAX;
  if (!sNumeric && !oNumeric) return s > o ? 1 : -1;
  if (!oNumeric) return -1;
  if (!sNumeric) return 1;
  return BigInt(s) > BigInt(o) ? 1 : -1;
}

/** comparePrerelease: identifier by identifier, a missing one counting as ''. */
export function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** Version.Compare: -1, 0 or 1; metadata never counts, a release sorts above its pre-releases. */
export function compareVersions(a: SemVer, b: SemVer): number {
  const d = compareSegment(a.major, b.major) || compareSegment(a.minor, b.minor) || compareSegment(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}
