import { oneLine, visibleLines } from '@platform/report';

/**
 * Escaping for GitLab Flavored Markdown. Names come from charts and configs,
 * so none may open a link, a table cell, an HTML tag, a GitLab reference
 * (`@user`, `#1`, `!1`) or close a code block: names go into code spans
 * (GitLab does not expand references inside code), raw HTML gets entities,
 * and a diff's fence is longer than any backtick run inside it.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for inside an HTML element (a `<summary>`, where Markdown is not processed): one line, entities for markup. */
export function htmlText(text: string): string {
  return oneLine(text).replace(/[&<>"']/g, (character) => HTML[character] ?? character);
}

/** A name as HTML code, for inside a `<summary>`. */
export function htmlCode(text: string): string {
  return `<code>${htmlText(text)}</code>`;
}

/**
 * A code span holding `text` literally (CommonMark 6.1): delimited by one
 * more backtick than its longest backtick run, padded when it starts or ends
 * with a backtick. In a table cell, `|` is escaped as GFM requires even
 * inside code.
 */
export function mdCode(text: string, inTable = false): string {
  const line = oneLine(text);
  const content = inTable ? line.replace(/\|/g, '\\|') : line;
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || content === '' ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Plain text outside code: every ASCII punctuation mark backslash-escaped (CommonMark 2.4), markup characters as entities. */
export function mdText(text: string): string {
  return oneLine(text).replace(/[!-/:-@[-`{-~]/g, (character) => HTML[character] ?? `\\${character}`);
}

/** A fenced code block (CommonMark 4.5) whose fence no line inside can close. */
export function mdFence(info: string, body: string): string {
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${visibleLines(body)}\n${fence}`;
}
