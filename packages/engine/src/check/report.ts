/** One checked file and what is wrong with it (nothing, when it passes). */
export interface FileResult {
  readonly path: string;
  readonly failures: ReadonlyArray<{ readonly kind: string; readonly message: string; readonly detail?: string }>;
}

export type OutputFormat = 'text' | 'json' | 'junit' | 'tap';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['text', 'json', 'junit', 'tap'];

/** Renders results in one of the formats CI systems read; the JUnit has one test case per file. */
export function formatResults(suite: string, results: readonly FileResult[], format: OutputFormat, summary: string): string {
  const failed = results.filter((result) => result.failures.length > 0);
  switch (format) {
    case 'json':
      return `${JSON.stringify({ suite, summary, ok: failed.length === 0, files: results }, null, 2)}\n`;
    case 'tap':
      return [
        'TAP version 13',
        `1..${results.length}`,
        ...results.flatMap((result, index) => {
          const ok = result.failures.length === 0;
          const line = `${ok ? 'ok' : 'not ok'} ${index + 1} - ${tapDescription(result.path)}`;
          if (ok) return [line];
          return [line, '  ---', ...result.failures.map((failure) => `  ${failure.kind}: ${jsonLine(failure.message)}`), '  ...'];
        }),
        `# ${summary}`,
        '',
      ].join('\n');
    case 'junit':
      return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="${xml(suite)}" tests="${results.length}" failures="${failed.length}">`,
        `  <testsuite name="${xml(suite)}" tests="${results.length}" failures="${failed.length}">`,
        ...results.flatMap((result) => {
          const open = `    <testcase classname="${xml(suite)}" name="${xml(result.path)}"`;
          if (result.failures.length === 0) return [`${open}/>`];
          return [
            `${open}>`,
            ...result.failures.map((failure) => `      <failure type="${xml(failure.kind)}" message="${xml(failure.message)}">${xml(failure.detail ?? failure.message)}</failure>`),
            '    </testcase>',
          ];
        }),
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n');
    case 'text': {
      // A diff keeps its lines, but the file name in its header is escaped like everywhere else.
      const detail = (result: FileResult, text: string) => visible(text.split(result.path).join(visible(result.path)), true);
      const lines = failed.flatMap((result) => result.failures.flatMap((failure) => [visible(failure.message), ...(failure.detail ? [detail(result, failure.detail)] : [])]));
      return `${[...lines, summary].join('\n')}\n`;
    }
  }
}

/**
 * Characters that end a line for some reader: LF and CR everywhere, NEL and
 * the Unicode line and paragraph separators for YAML 1.1 parsers (the TAP
 * YAML block), and the other C0/C1 controls (a terminal escape in a file name
 * must not rewrite what the reader sees).
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const escapeControl = (character: string) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A file name as one TAP 13 description: no line break can end it early and
 * forge a test line, and `#` is escaped as `\#` (the spec's escape; a bare `#`
 * starts a SKIP or TODO directive). Backslashes are doubled so escapes stay
 * unambiguous.
 */
function tapDescription(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(CONTROL, escapeControl);
}

/** JSON text on one line: JSON.stringify leaves C1 controls (NEL) and U+2028/U+2029 raw, which YAML 1.1 reads as line breaks. */
function jsonLine(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, escapeControl);
}

/** Text for a terminal: control characters shown as escapes; a multi-line detail (a diff) keeps its line breaks and tabs. */
function visible(text: string, multiline = false): string {
  return text.replace(CONTROL, (character) => (multiline && (character === '\n' || character === '\t') ? character : escapeControl(character)));
}

/**
 * XML 1.0 attribute and text content. Characters XML cannot hold at all (C0
 * controls but tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogates) are shown
 * as `\uXXXX`; tab, LF and CR become character references so an attribute
 * keeps them (a parser would normalise raw ones to spaces).
 */
function xml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, escapeControl)
    .replace(/[<>&"'\t\n\r]/g, (character) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[character] ?? character);
}
