/**
 * Escaping for every output format. Paths, kinds, names and messages come
 * from the files being checked (a file name may hold a newline, a kind may
 * hold `# SKIP`), so nothing from input reaches a report unescaped: one
 * result can never read as two, or as a directive.
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

function unicodeEscape(char: string): string {
  switch (char) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}

/** One line of text: control characters (newlines included) as visible escapes. */
export function oneLine(text: string): string {
  return text.replace(CONTROL, unicodeEscape);
}

/**
 * A TAP description: one line, and `#` escaped as `\#` (TAP 13: an unescaped
 * `#` starts a directive such as `# SKIP` or `# TODO`), backslash doubled so
 * the escaping reads back unambiguously.
 */
export function tapText(text: string): string {
  return oneLine(text.replace(/\\/g, '\\\\')).replace(/#/g, '\\#');
}

/** Characters XML 1.0 cannot carry at all, even as references; lone surrogates too. */
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function xmlCommon(text: string): string {
  return text
    .replace(XML_FORBIDDEN, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Valid XML, but line separators to XML 1.1 and to many line-based tools.
    .replace(/[\u2028\u2029]/g, (char) => `&#x${char.charCodeAt(0).toString(16)};`);
}

/** An XML attribute value: quotes escaped, and newline, CR and tab as references (a parser would turn them into spaces). */
export function xmlAttribute(text: string): string {
  return xmlCommon(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** XML character data. */
export function xmlText(text: string): string {
  return xmlCommon(text).replace(/\r/g, '&#13;');
}

/** JSON text with U+2028/U+2029 escaped: legal raw in JSON, but line breaks to JavaScript before ES2019 and to line-based tools. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
