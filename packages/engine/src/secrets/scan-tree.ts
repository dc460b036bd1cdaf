import { createHash } from 'node:crypto';
import { PlatformError } from '../errors.js';
import type { AllowList } from './allowlist.js';
import { secretError, type SecretFinding } from './finding.js';
import { scanDocument, type DocumentScanOptions } from './scan-document.js';
import { scanText } from './scan-text.js';
import { parseAnyTags } from './tagged-yaml.js';

/**
 * Scans exactly what synth would write: every file of the rendered tree, as
 * parsed documents (structure, keys, tags, embedded YAML) and as lines
 * (comments and whatever else the parse does not show). A finding is excused
 * only by an allow-list entry naming its file and path with the sha256 of the
 * very value found there; entries that excuse nothing are reported, so the
 * list cannot go stale.
 */
export function scanTree(tree: ReadonlyMap<string, string>, allowList: AllowList, known: KnownDocuments = {}): PlatformError[] {
  const sources = known.sources ?? new Map<string, string>();
  const parse = (text: string) => known.parses?.get(text) ?? parseAnyTags(text);
  const problems: PlatformError[] = [];
  const used = new Set<number>();
  for (const [file, text] of tree) {
    // A binary file (a PNG someone left in dist/, read back as text) is no text to judge: its bytes look random.
    if (text.includes('\u0000') || text.includes('\uFFFD')) continue;
    const lineFindings = scanText(file, text);
    // A file the renderer wrote from its own objects need not be parsed back; a copied user file is parsed (by the catalog, or here).
    // A file that parses to a bare scalar (plain text, River, the manifest) has no paths: its lines are the finding's place.
    const written = known.documents?.get(file);
    const documents = (written ?? parse(text) ?? []).filter((document) => document !== null && typeof document === 'object');
    const parsed = parsedFindings(file, documents, { bytesClean: written !== undefined && lineFindings.length === 0, parse });
    for (const finding of parsed) {
      const entry = allowList.entries.find((candidate) => candidate.file === file && candidate.path === finding.path);
      if (entry) used.add(entry.line);
      if (entry && finding.value !== undefined && entry.sha256 === fingerprint(finding.value)) continue;
      const error = secretError(finding, sources.get(file), allowList.source);
      problems.push(entry ? withNote(error, `${allowList.source} line ${entry.line} pins a different value; the value here changed`) : error);
    }
    const lines = new Set<string>();
    for (const finding of lineFindings) {
      const known = parsed.some((other) => (other.value ?? other.match).includes(finding.match) || finding.match.includes(other.match));
      if (known || lines.has(finding.path)) continue;
      lines.add(finding.path);
      problems.push(secretError(finding, sources.get(file), allowList.source));
    }
  }
  for (const entry of allowList.entries) {
    if (used.has(entry.line)) continue;
    problems.push(
      new PlatformError(`${entry.file}#${entry.path} matches no finding in the rendered tree: the value is gone or no longer looks like a secret`, {
        file: allowList.source,
        field: `line ${entry.line}`,
        hint: 'delete the entry, so it cannot excuse a future value',
      }),
    );
  }
  return problems;
}

/** Findings of the parsed documents of one file, one per path. */
function parsedFindings(file: string, documents: readonly unknown[], options: DocumentScanOptions): SecretFinding[] {
  const all = documents.flatMap((document, index) => scanDocument(file, document, documents.length > 1 ? `(document ${index + 1})` : '', options));
  const byPath = new Map<string, SecretFinding>();
  for (const finding of all) if (!byPath.has(finding.path)) byPath.set(finding.path, finding);
  return [...byPath.values()];
}

/** What the renderer knows about its files, so the scan need not rediscover it. */
export interface KnownDocuments {
  /**
   * The documents a generated file serializes (the renderer's own objects, one
   * YAML writer, so parsing the bytes back gives the same). Files missing here
   * (copies of user files) are parsed from their bytes, tags and all.
   */
  readonly documents?: ReadonlyMap<string, readonly unknown[]>;
  /**
   * Text → its documents, for texts already parsed elsewhere: a chart's
   * values file, parsed by the catalog (core schema: a custom tag was refused
   * there; `!!binary` arrives as bytes), is both a Fleet values copy and a
   * HelmChart's valuesContent.
   */
  readonly parses?: ReadonlyMap<string, readonly unknown[]>;
  /** Generated file → the file the user edits (a chart's values.yaml), for messages. */
  readonly sources?: ReadonlyMap<string, string>;
}

/** The allow-list fingerprint of a value: sha256 of its UTF-8 text, hex. */
export function fingerprint(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function withNote(error: PlatformError, note: string): PlatformError {
  return new PlatformError(`${error.message} (${note})`, { ...(error.file ? { file: error.file } : {}), ...(error.field ? { field: error.field } : {}), ...(error.hint ? { hint: error.hint } : {}) });
}
