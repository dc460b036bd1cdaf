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
          const line = `${ok ? 'ok' : 'not ok'} ${index + 1} - ${result.path}`;
          if (ok) return [line];
          return [line, '  ---', ...result.failures.map((failure) => `  ${failure.kind}: ${JSON.stringify(failure.message)}`), '  ...'];
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
      const lines = failed.flatMap((result) => result.failures.flatMap((failure) => [`${failure.message}`, ...(failure.detail ? [failure.detail] : [])]));
      return `${[...lines, summary].join('\n')}\n`;
    }
  }
}

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (character) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[character] ?? character);
}
