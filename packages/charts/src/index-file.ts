import yaml from 'js-yaml';

/**
 * A Helm repository index (index.yaml), read the way Helm reads it: helm v3
 * pkg/repo/index.go, loadIndex and IndexFile.Get. Only the fields pull and
 * lock use are kept: each chart's versions with their archive URLs and
 * digests.
 */
export interface RepositoryIndex {
  /** Chart name -> its versions, invalid entries dropped as Helm drops them. */
  readonly entries: ReadonlyMap<string, readonly IndexEntry[]>;
}

export interface IndexEntry {
  readonly version: string;
  /** `urls` as listed; Helm downloads `urls[0]`. */
  readonly urls: readonly string[];
  /** The `digest` field as written (bare hex of the archive's SHA-256, normally). */
  readonly digest: unknown;
}

/** Why an index could not be read; the caller names the repository. */
export class IndexFailure extends Error {}

/**
 * Parses an index. Helm's jsonOrYamlUnmarshal takes valid JSON as JSON
 * (indexes written by `helm repo index --json`) and anything else as YAML;
 * JSON.parse is also about ten times faster than a YAML parser on a large
 * index. YAML is read by js-yaml, which refuses duplicate keys as
 * sigs.k8s.io/yaml's UnmarshalStrict does. loadIndex requires apiVersion
 * (ErrNoAPIVersion) and drops each version entry that is null or fails
 * validation (no or a non-semver version), logging and going on; so does this.
 *
 * The index is parsed whole: aliases are not expanded by js-yaml (an alias is
 * the same object), and nothing here walks more than one chart's entries, so
 * an alias bomb costs nothing; the byte cap on the download bounds the rest.
 */
export function parseIndex(text: string): RepositoryIndex {
  let data: unknown;
  const trimmed = text.trimStart();
  let json = false;
  if (trimmed.startsWith('{')) {
    try {
      data = JSON.parse(text);
      json = true;
    } catch {
      // Not valid JSON: Helm reads it as YAML, so does this.
    }
  }
  if (!json) {
    try {
      data = yaml.load(text, { filename: 'index.yaml' });
    } catch (error) {
      if (error instanceof yaml.YAMLException) {
        const line = error.mark ? ` at line ${error.mark.line + 1}` : '';
        throw new IndexFailure(`is not valid YAML${line}: ${error.reason}`);
      }
      if (error instanceof RangeError) throw new IndexFailure('is nested too deeply to parse');
      throw error;
    }
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new IndexFailure('is not a Helm repository index (not a mapping)');
  const fields = data as Record<string, unknown>;
  if (typeof fields.apiVersion !== 'string' || fields.apiVersion === '') throw new IndexFailure('is not a Helm repository index (no apiVersion)');
  const entries = new Map<string, IndexEntry[]>();
  const raw = fields.entries;
  if (raw !== undefined && raw !== null) {
    if (typeof raw !== 'object' || Array.isArray(raw)) throw new IndexFailure('is not a Helm repository index (entries is not a mapping)');
    for (const [name, versions] of Object.entries(raw as Record<string, unknown>)) {
      entries.set(name, Array.isArray(versions) ? versions.flatMap(readEntry) : []);
    }
  }
  return { entries };
}

function readEntry(value: unknown): IndexEntry[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const entry = value as Record<string, unknown>;
  // ChartVersion.Validate -> Metadata.Validate: a version must be semver (Masterminds NewVersion).
  if (typeof entry.version !== 'string' || parseSemver(entry.version) === undefined) return [];
  const urls = Array.isArray(entry.urls) ? entry.urls.filter((url): url is string => typeof url === 'string') : [];
  return [{ version: entry.version, urls, digest: entry.digest }];
}

/** What finding a chart version in an index gave. */
export type Lookup =
  | { readonly found: IndexEntry }
  | { readonly missing: 'chart' }
  | { readonly missing: 'version'; readonly available: readonly string[] }
  | { readonly ambiguous: readonly string[] };

/**
 * The entry Helm would take for an exact version: IndexFile.Get first looks
 * for the version string as written, then for the first entry the version
 * (read as a Masterminds constraint, `=1.2.3` for an exact version) matches,
 * so `1.19.6` finds an entry written `v1.19.6`. Build metadata does not count
 * for equality. Helm takes whichever equal entry its unstable sort put first;
 * two such entries are refused here as ambiguous instead of guessed.
 */
export function findVersion(index: RepositoryIndex, chart: string, version: string): Lookup {
  const versions = index.entries.get(chart);
  if (versions === undefined) return { missing: 'chart' };
  const exact = versions.find((entry) => entry.version === version);
  if (exact) return { found: exact };
  const wanted = parseSemver(version);
  const equal = wanted === undefined ? [] : versions.filter((entry) => sameVersion(parseSemver(entry.version), wanted));
  if (equal.length === 1) return { found: equal[0]! };
  if (equal.length > 1) return { ambiguous: equal.map((entry) => entry.version) };
  return { missing: 'version', available: versions.map((entry) => entry.version) };
}

/** The digest of another version of the chart that equals `digest`, if any: how lock tells a bump from a re-publish. */
export function versionWithDigest(index: RepositoryIndex, chart: string, digest: string, normalise: (value: unknown) => string | undefined): string | undefined {
  return index.entries.get(chart)?.find((entry) => normalise(entry.digest) === digest)?.version;
}

interface Semver {
  readonly core: readonly [number, number, number];
  readonly prerelease: string;
}

/**
 * A version as Masterminds/semver v3 NewVersion reads it (the library Helm
 * uses): an optional v, one to three numeric parts (missing ones are 0),
 * an optional -prerelease and +metadata.
 */
export function parseSemver(value: string): Semver | undefined {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/.exec(value);
  if (!match) return undefined;
  return { core: [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)], prerelease: match[4] ?? '' };
}

function sameVersion(a: Semver | undefined, b: Semver): boolean {
  return a !== undefined && a.core[0] === b.core[0] && a.core[1] === b.core[1] && a.core[2] === b.core[2] && a.prerelease === b.prerelease;
}
