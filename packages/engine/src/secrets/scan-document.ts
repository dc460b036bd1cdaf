import type { SecretFinding } from './finding.js';
import { decodeUserPassword } from './rules/basic-auth.js';
import { stringHits, type Hit } from './rules/index.js';
import { secretPayloadKeys } from './rules/secret-object.js';
import { isSensitiveKey, literalUnderKey } from './rules/sensitive-key.js';

/** Keys that hold a value itself rather than a reference to it, in charts that wrap values in an object. */
const LITERAL_HOLDERS = /^(value|plain|plaintext|literal|raw|text|content|string)$/i;
import { parseAnyTags, Tagged } from './tagged-yaml.js';

/** A string written as-is on one line in any YAML style: printable, no quotes, no backslash. */
const VERBATIM = /^[\x20\x21\x23-\x26\x28-\x5b\x5d-\x7e]*$/;
/**
 * The same over several lines, without trailing blanks: the YAML writer emits
 * it as a block literal (`|`), each line verbatim, and a values file holds it
 * as a block scalar: the line scan read every line of it.
 */
const VERBATIM_LINES = /^[\x20\x21\x23-\x26\x28-\x5b\x5d-\x7e\n]*$/;
/** Text worth parsing as embedded YAML or JSON: a mapping or list line (not a `#` or `//` comment), or a JSON object or array. */
const YAML_LIKE = /^\s*[{[]|^[ \t]*(- |[^\s#:/][^\n:]*:([ \t]|$))/m;

/** `a.b[0]["x.y/z"]`: the path syntax of messages and allow-list entries. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!/^[A-Za-z0-9_-]+$/.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent && !parent.endsWith('>') ? `${parent}.${key}` : `${parent}${key}`;
}

/** A path built only when something is reported: most of a clean tree never needs one. */
interface Path {
  readonly parent: Path | string;
  readonly key: string | number;
}
const format = (path: Path | string): string => (typeof path === 'string' ? path : childPath(format(path.parent), path.key));

export interface DocumentScanOptions {
  /**
   * The document is what the YAML writer serialized into the file, and the
   * file's bytes passed the line scan: then a printable string without quotes
   * or backslashes, which the writer emits verbatim (plain or as a block
   * literal), was already checked by the same rules, and only key and
   * structure rules run on it.
   */
  readonly bytesClean?: boolean;
  /** Parses embedded YAML (multi-line strings); the renderer passes the parses it already has. */
  readonly parse?: (text: string) => readonly unknown[] | undefined;
}

/**
 * Scans one parsed document: Secret payloads at any depth, credential keys
 * holding literals (also `env`-style `{name: API_TOKEN, value: ...}`), every
 * string value and mapping key against the string rules, values behind tags
 * (`!!binary` decoded), and YAML embedded in strings (a HelmChart's
 * valuesContent, an extraObjects template), recursively. One finding per
 * path: the most specific rule names it.
 */
export function scanDocument(file: string, document: unknown, root = '', options: DocumentScanOptions = {}): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const parse = options.parse ?? parseAnyTags;
  // Only what the YAML writer emitted is known verbatim; embedded text was written by a user (a folded
  // plain scalar joins lines), so inside it every string gets every rule.
  let clean = options.bytesClean === true;
  // One value found again (an alias of a scalar, a copy) is one problem: reported at its first path.
  const reported = new Set<string>();
  const report = (path: Path | string, hit: Hit | undefined, value: string | undefined) => {
    if (!hit) return;
    if (value !== undefined) {
      if (reported.has(value)) return;
      reported.add(value);
    }
    findings.push({ file, path: format(path) || '(document)', what: hit.what, match: hit.match, ...(value === undefined ? {} : { value }) });
  };
  const scalar = (value: string | number, path: Path | string, key: string | undefined, tag?: string) => {
    const text = String(value);
    const keyed = key === undefined ? undefined : literalUnderKey(key, value);
    if (keyed) return report(path, keyed, text);
    // Embedded YAML or JSON is walked as documents, so a finding inside names its own path; the string
    // rules then see the whole text only if the walk found nothing (a comment inside it, say).
    if (typeof value === 'string' && text.length <= 1_000_000 && (text.includes('\n') || /^\s*[{[]/.test(text)) && YAML_LIKE.test(text)) {
      const embedded = parse(text)?.filter((inner) => inner !== null && typeof inner === 'object');
      const before = findings.length;
      const outer = clean;
      clean = false;
      embedded?.forEach((inner, index) => walk(inner, `${format(path)}>${embedded.length > 1 ? `[${index}]` : ''}`, undefined));
      clean = outer;
      if (findings.length > before) return;
    }
    const checked = clean && tag === undefined && (VERBATIM.test(text) || (VERBATIM_LINES.test(text) && !/ \n| $/.test(text)));
    report(path, (typeof value === 'string' && !checked ? stringHits(text)[0] : undefined) ?? (tag ? decodedTagHit(tag, text) : undefined), text);
  };
  // An alias names the node its anchor names: walked once, so one value under a thousand aliases is one finding.
  const seen = new Set<object>();
  const walk = (value: unknown, path: Path | string, key: string | undefined): void => {
    if (value !== null && typeof value === 'object') {
      if (seen.has(value)) return;
      seen.add(value);
    }
    if (value instanceof Tagged) {
      report(path, stringHits(value.tag)[0], undefined);
      if (typeof value.value === 'string' || typeof value.value === 'number') scalar(value.value, path, key, value.tag);
      else walk(value.value, path, key);
    } else if (typeof value === 'string' || typeof value === 'number') {
      scalar(value, path, key);
    } else if (value instanceof Uint8Array) {
      // `!!binary` as a core-schema parser constructs it (the catalog's parse of a values file).
      scalar(Buffer.from(value).toString('base64'), path, key, 'tag:yaml.org,2002:binary');
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, { parent: path, key: index }, key));
    } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      const object = value as Record<string, unknown>;
      const payloads = secretPayloadKeys(object);
      for (const payload of payloads) {
        findings.push({ file, path: format({ parent: path, key: payload }), what: `a ${String(object.kind)} with its payload in ${payload}`, match: JSON.stringify(object[payload]) });
      }
      // The env-var shape (core/v1 EnvVar): the credential's name is in `name`, the literal in `value`.
      const envName = typeof object.name === 'string' && 'value' in object ? object.name : undefined;
      Object.keys(object).forEach((childKey, index) => {
        // A refused payload is one finding; its entries are not reported again one by one.
        if (payloads.includes(childKey)) return;
        const child: Path = { parent: path, key: childKey };
        const keyHit = clean && VERBATIM.test(childKey) ? undefined : stringHits(childKey)[0];
        // The key itself is the credential: the path names its position, never its text.
        if (keyHit) report(`${format(path)}${format(path) ? '.' : ''}<key ${index + 1}>`, { ...keyHit, what: `${keyHit.what}, as a mapping key` }, childKey);
        // A literal one level down: `adminPassword: {value: x}` or `{plain: x}` is the credential key's value, spelt out.
        const literalOfParent = key !== undefined && LITERAL_HOLDERS.test(childKey) && isSensitiveKey(key) ? key : undefined;
        walk(object[childKey], child, childKey === 'value' && envName !== undefined ? envName : (literalOfParent ?? childKey));
      });
    }
  };
  walk(document, root, undefined);
  return findings;
}

/** `!!binary` content is base64: a credential may show only once decoded. */
function decodedTagHit(tag: string, text: string): Hit | undefined {
  if (!/binary$/.test(tag)) return undefined;
  const compact = text.replace(/\s+/g, '');
  if (decodeUserPassword(compact) !== undefined) return { what: 'base64 of user:password behind a !!binary tag', match: compact, index: 0 };
  const hit = stringHits(Buffer.from(compact, 'base64').toString('utf8'))[0];
  return hit ? { what: `${hit.what}, base64-encoded behind a !!binary tag`, match: compact, index: 0 } : undefined;
}
