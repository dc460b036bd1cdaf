import { isDeepStrictEqual } from 'node:util';
import yaml from 'js-yaml';

/** chart.yaml could not be edited by the line rule; the caller names the file. */
export class EditFailure extends Error {}

/**
 * chart.yaml's text with its top-level `digest:` set to `digest`, every other
 * byte kept: comments, key order, quoting, line endings (CRLF stays CRLF) and
 * a missing final newline. An existing `digest:` line gets its value
 * replaced (a comment after it stays); otherwise `digest: ...` is inserted
 * on the line after the top-level `version:`, so the version and the bytes it
 * stands for sit together.
 *
 * The edit is checked, not trusted: the result is parsed again and must equal
 * the original with only `digest` set. Anything the line rule cannot handle
 * (a flow-style mapping, a quoted key, a multi-line scalar that
 * looks like a key) fails that check and is refused rather than written.
 */
export function withDigest(text: string, digest: string): string {
  const lines = text.split(/(?<=\n)/);
  const keyLine = (key: string): number => lines.findIndex((line) => new RegExp(`^${key}[ \\t]*:(?:[ \\t]|\\r?\\n|$)`).test(line));
  let edited: string;
  const existing = keyLine('digest');
  if (existing >= 0) {
    const line = lines[existing]!;
    lines[existing] = line.replace(/^(digest[ \t]*:[ \t]*)('[^'\n]*'|"[^"\n]*"|[^\s#]*)/, (_whole, key: string) => `${key}${digest}`);
    edited = lines.join('');
  } else {
    const version = keyLine('version');
    if (version < 0) throw new EditFailure('has no top-level `version:` line to put the digest after');
    const line = lines[version]!;
    const eol = /\r\n$/.test(line) ? '\r\n' : /\n$/.test(line) ? '\n' : text.includes('\r\n') ? '\r\n' : '\n';
    const inserted = `digest: ${digest}`;
    lines[version] = /\n$/.test(line) ? `${line}${inserted}${eol}` : `${line}${eol}${inserted}`;
    edited = lines.join('');
  }
  const before = yaml.load(text) as Record<string, unknown>;
  let after: unknown;
  try {
    after = yaml.load(edited);
  } catch {
    after = undefined;
  }
  if (!isDeepStrictEqual(after, { ...before, digest })) {
    throw new EditFailure(`cannot be edited line by line here (set \`digest: ${digest}\` at the top level by hand)`);
  }
  return edited;
}
