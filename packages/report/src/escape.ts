/**
 * Escaping for every format. File names, kinds, names and messages come from
 * the files being checked (a file name may hold a newline, a kind may hold
 * `# SKIP`, a name may hold `</testcase>`), so nothing from the input reaches
 * a report unescaped: one result can never read as two, or as a directive,
 * and no terminal escape reaches a terminal.
 */

/**
 * Characters that end a line for some reader: LF and CR everywhere, NEL and
 * U+2028/U+2029 for YAML 1.1 and JavaScript line counting, and the other C0
 * and C1 controls (a terminal escape in a file name must not rewrite what the
 * reader sees).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function unicodeEscape(character: string): string {
  switch (character) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/** One line of text: every control character, line breaks included, as a visible escape. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, unicodeEscape);
}

/** Several lines of text (a diff): line breaks and tabs kept, every other control character as a visible escape. */
export function visibleLines(text: string): string {
  return text.replace(CONTROL, (character) => (character === '\n' || character === '\t' ? character : unicodeEscape(character)));
}

/** A detail (a diff) for several-line formats: its lines kept, but a file name inside it escaped as on one line, so a newline in the name cannot start a line. */
export function visibleDetail(detail: string, file: string): string {
  return visibleLines(file === '' ? detail : detail.split(file).join(oneLine(file)));
}

/**
 * A TAP 13 description or comment: one line, `#` escaped as `\#` (the spec's
 * escape; a bare `#` starts a `# SKIP` or `# TODO` directive), backslashes
 * doubled first so the escaping reads back unambiguously.
 */
export function tapText(text: string): string {
  return oneLine(text.replace(/\\/g, '\\\\')).replace(/#/g, '\\#');
}

/** Characters XML 1.0 cannot carry at all, not even as references; lone surrogates too. */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlCommon(text: string): string {
  return text
    .replace(XML_FORBIDDEN, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Valid XML, but line separators to XML 1.1 and to many line-based tools.
    .replace(/[\u2028\u2029]/g, (character) => `&#x${character.charCodeAt(0).toString(16)};`);
}

/** An XML attribute value: quotes escaped; newline, CR and tab as references (a parser would turn raw ones into spaces). */
export function xmlAttribute(text: string): string {
  return xmlCommon(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** XML character data: newlines kept, CR as a reference (a parser would fold CR LF to LF). */
export function xmlText(text: string): string {
  return xmlCommon(text).replace(/\r/g, '&#13;');
}

/**
 * JSON text, indented: JSON.stringify already escapes C0 controls; C1
 * controls (NEL) and U+2028/U+2029 are legal raw in JSON but line breaks to
 * YAML 1.1, older JavaScript and line-based tools, so they are escaped too.
 */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
