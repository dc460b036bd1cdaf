import type { BundleChange, ClusterChange, RenderedDiff } from '../diff/result.js';
import { bundleText, clusterLines, cutText, objectText, totalsText } from './describe.js';
import { htmlCode, htmlText, mdCode, mdFence } from './markdown-escape.js';

/**
 * GitLab refuses a note longer than 1,000,000 characters (app/models/note.rb:
 * `validates :note, length: { maximum: Gitlab::Database::MAX_TEXT_SIZE_LIMIT }`,
 * gitlab-org/gitlab 58c5e765). Ruby counts characters; JavaScript's length
 * counts UTF-16 units, never fewer, so a cap on `.length` is safe.
 */
export const GITLAB_NOTE_LIMIT = 1_000_000;

/** Room kept for the closing "what was cut" note, which is bounded by construction (10 names of at most 120 characters). */
const CUT_NOTE_ROOM = 4_000;
const CUT_NAMES_SHOWN = 10;
const CUT_NAME_LENGTH = 120;

export interface MarkdownOptions {
  /** The most characters the note may have; GitLab's limit by default. At least 10,000. */
  readonly maxChars?: number;
  /** Where the uncut diff is (a sentence, e.g. "the job's rendered-diff artifact"); said when something is cut. */
  readonly fullReport?: string;
}

/** Escaped names for Markdown text: code spans, so no name is read as markup or a GitLab reference. */
const code = (name: string): string => mdCode(name);

function table(clusters: readonly ClusterChange[]): string {
  const cell = (name: string) => mdCode(name, true);
  const rows = clusters.map((cluster) => {
    const { counts, releases } = cluster;
    const status = cluster.status === 'changed' || cluster.status === 'unchanged' ? '' : ` (${cluster.status})`;
    return `| ${cell(cluster.name)}${status} | ${counts.added} | ${counts.changed} | ${counts.removed} | ${counts.unchanged} | ${cluster.bundlesAdded.length} | ${cluster.bundlesRemoved.length} | ${releases.reinstalled.length} | ${releases.upgraded.length} |`;
  });
  return ['| Cluster | Objects added | Changed | Removed | Unchanged | Bundles added | Bundles removed | Releases reinstalled | Releases upgraded |', '|:--|--:|--:|--:|--:|--:|--:|--:|--:|', ...rows].join('\n');
}

function clusterSection(cluster: ClusterChange): string {
  const lines = clusterLines(cluster, code).map((line) => `- ${line.startsWith('reinstalled:') ? ':warning: ' : ''}${line}`);
  return lines.length === 0 ? '' : `#### ${code(cluster.name)}\n\n${lines.join('\n')}`;
}

/** One bundle's `<details>`: opening and closing, with the object blocks that fit between them. */
function detailsParts(cluster: ClusterChange, bundle: BundleChange): { open: string; close: string; objects: Array<{ text: string; label: string }> } {
  // Inside <summary> Markdown is not processed (it is an HTML block), so names are HTML code.
  const open = `<details><summary>${htmlCode(cluster.name)} / ${htmlCode(bundle.name)}: ${bundleText(bundle, htmlCode)}</summary>\n\n`;
  const objects = bundle.objects.map((object) => ({
    text: `${objectText(object, code)}\n\n${mdFence('diff', object.cutLines > 0 ? `${object.diff}\n${cutText(object.cutLines)}` : object.diff)}\n\n`,
    label: `${cluster.name} / ${bundle.name}: ${object.id}`,
  }));
  return { open, close: '</details>\n\n', objects };
}

/**
 * The rendered diff as a GitLab merge-request note: the totals and a table
 * per cluster first, then each cluster's release changes (reinstalls marked),
 * then a collapsed `<details>` per changed bundle with a ```diff block per
 * object. Capped at `maxChars`: an object diff that does not fit is left out
 * (the summary and table always stay), and a closing line says how many
 * object diffs of how many bundles were cut, names the first ten, and where
 * the full diff is.
 */
export function renderDiffMarkdown(diff: RenderedDiff, options: MarkdownOptions = {}): string {
  const maxChars = options.maxChars ?? GITLAB_NOTE_LIMIT;
  if (maxChars < 10_000) throw new RangeError(`maxChars must be at least 10,000, got ${maxChars}`);
  const changed = diff.clusters.filter((cluster) => cluster.status !== 'unchanged');
  const head = [`### Rendered diff\n\n${totalsText(diff.totals, diff.clusters.length)}\n\n`, `${table(diff.clusters)}\n\n`, ...changed.map(clusterSection).filter(Boolean).map((section) => `${section}\n\n`)];
  const budget = maxChars - CUT_NOTE_ROOM;
  let out = '';
  const cut: string[] = [];
  const cutBundles = new Set<string>();
  for (const part of head) {
    if (out.length + part.length <= budget) out += part;
    else cut.push(part.startsWith('#### ') ? 'a cluster summary' : 'the summary table');
  }
  for (const cluster of changed) {
    for (const bundle of cluster.bundles) {
      const { open, close, objects } = detailsParts(cluster, bundle);
      let body = '';
      for (const object of objects) {
        if (out.length + open.length + body.length + object.text.length + close.length <= budget) body += object.text;
        else {
          cut.push(object.label);
          cutBundles.add(`${cluster.name}\u0000${bundle.name}`);
        }
      }
      // A bundle with no object diffs to show (release or chart change only) still gets its line.
      if (body !== '' || objects.length === 0) {
        if (out.length + open.length + body.length + close.length <= budget) out += `${open}${body}${close}`;
        else cutBundles.add(`${cluster.name}\u0000${bundle.name}`);
      }
    }
  }
  if (cut.length > 0 || cutBundles.size > 0) out += cutNote(cut, cutBundles.size, maxChars, options.fullReport);
  return `${out.replace(/\n+$/, '')}\n`;
}

function cutNote(cut: readonly string[], bundles: number, maxChars: number, fullReport: string | undefined): string {
  const shown = cut.slice(0, CUT_NAMES_SHOWN).map((label) => code(label.length > CUT_NAME_LENGTH ? `${label.slice(0, CUT_NAME_LENGTH)}…` : label));
  const more = cut.length > CUT_NAMES_SHOWN ? ` and ${(cut.length - CUT_NAMES_SHOWN).toLocaleString('en-US')} more` : '';
  const where = fullReport ? ` The full diff is in ${htmlText(fullReport.slice(0, 500))}.` : '';
  return `---\n\n**Cut to stay within ${maxChars === GITLAB_NOTE_LIMIT ? "GitLab's" : 'the'} ${maxChars.toLocaleString('en-US')}-character note limit:** ${cut.length.toLocaleString('en-US')} object diffs or sections of ${bundles.toLocaleString('en-US')} bundles are not shown${shown.length > 0 ? `: ${shown.join(', ')}${more}` : ''}.${where}\n`;
}
