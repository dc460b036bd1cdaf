/**
 * The part of a YAML repository index that holds one chart, as a smaller
 * index, or undefined when the text is not laid out as the generators lay it
 * out. Parsing 6.3 MB of YAML (prometheus-community's index) takes js-yaml
 * about a second; the one chart pull or lock needs is a few kilobytes of it.
 *
 * `helm repo index`, chart-releaser and the repository managers write the
 * index through sigs.k8s.io/yaml (go-yaml): top-level keys at column 0, one
 * `entries:` mapping, each chart name a plain key at exactly two spaces, and
 * everything of that chart (its version list, block scalars, folded
 * descriptions) on the lines below it that are indented further or are
 * sequence items (`  - `). The slice is that chart's lines under a copy of
 * the `apiVersion:` line.
 *
 * Anything else falls back to parsing the whole text: several documents or
 * directives, no plain column-0 `entries:` and `apiVersion:`, the chart key
 * not found as a plain two-space key inside entries, or found twice (the
 * whole parse then refuses the duplicate key, as Helm does). So the slice
 * never answers where the whole parse would answer differently for a
 * generated index, and it is only ever tried first (index-slice.test.ts
 * compares the two on every chart of several indexes). What the slice does
 * not do is check the rest of the index: a syntax error in another chart's
 * entries, which makes Helm refuse the whole index, goes unnoticed. Fleet
 * and helm-controller read the index themselves when they deploy; pull and
 * lock need one entry, and the archive is verified against the lock anyway.
 */
export function sliceIndex(text: string, chart: string): string | undefined {
  // Native regular-expression scans over the whole text, no split into lines: a 6 MB index takes a few milliseconds.
  const atLineStart = (prefix: string): number[] => {
    const found = text.startsWith(prefix) ? [0] : [];
    for (let at = text.indexOf(`\n${prefix}`); at >= 0; at = text.indexOf(`\n${prefix}`, at + 1)) found.push(at + 1);
    return found;
  };
  if (['---', '...', '%'].some((marker) => atLineStart(marker).length > 0)) return undefined;
  const apiVersion = atLineStart('apiVersion:');
  const entries = /^entries:[ \t]*\r?$/m.exec(text);
  if (apiVersion.length !== 1 || !entries) return undefined;
  const apiVersionLine = /^[^\r\n]*/.exec(text.slice(apiVersion[0]!))![0];
  // Where the entries mapping ends: the next line that starts at column 0 and is not a comment.
  const topLevel = /\n[^\s#]/g;
  topLevel.lastIndex = entries.index + entries[0].length;
  const entriesEnd = topLevel.exec(text)?.index ?? text.length;
  const keys = new RegExp(`\\n  ${chart.replace(/[.]/g, '\\.')}:[ \\t]*(?:#[^\\r\\n]*)?(?=\\r?\\n|$)`, 'g');
  keys.lastIndex = entries.index;
  const starts: number[] = [];
  for (let match = keys.exec(text); match && match.index < entriesEnd; match = keys.exec(text)) starts.push(match.index + 1);
  if (starts.length !== 1) return undefined;
  // The chart's lines end at the next line that is another chart key (two spaces and no "-"), or less indented.
  const next = /\n(?: {2}[^\s#-]| {2}-\S| ?[^\s#])/g;
  next.lastIndex = starts[0]!;
  const end = Math.min(next.exec(text)?.index ?? text.length, entriesEnd);
  return `${apiVersionLine}\nentries:\n${text.slice(starts[0], end)}\n`;
}
