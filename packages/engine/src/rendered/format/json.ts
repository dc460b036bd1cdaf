import { jsonText } from '@platform/report';
import type { RenderedDiff } from '../diff/result.js';

/**
 * The rendered diff as JSON, for tools: the result exactly as diffRendered
 * returns it (its `format` field names the shape's version), two-space
 * indented, one trailing newline, with the characters JavaScript or YAML
 * readers treat as line breaks escaped as the other report formats do.
 */
export function renderDiffJson(diff: RenderedDiff): string {
  return `${jsonText(diff)}\n`;
}
