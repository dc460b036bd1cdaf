import { oneLine, visibleLines } from '@platform/report';
import type { RenderedDiff } from '../diff/result.js';
import { bundleText, clusterLines, countsText, cutText, objectText, totalsText } from './describe.js';

/**
 * The rendered diff for a terminal or a plain-text artifact: the summary
 * first (the whole tree, then each changed cluster with its release
 * changes), then every changed object's diff under `== cluster / bundle`.
 * No colour, so the bytes are the same on every terminal and in CI logs;
 * control characters from names and objects are shown as escapes.
 */
export function renderDiffText(diff: RenderedDiff): string {
  const lines = [`Rendered diff: ${totalsText(diff.totals, diff.clusters.length)}`];
  const changed = diff.clusters.filter((cluster) => cluster.status !== 'unchanged');
  for (const cluster of changed) {
    lines.push(`  cluster ${oneLine(cluster.name)}${cluster.status === 'changed' ? '' : ` (${cluster.status})`}: objects ${countsText(cluster.counts)}`);
    for (const line of clusterLines(cluster)) lines.push(`    ${oneLine(line)}`);
  }
  for (const cluster of changed) {
    for (const bundle of cluster.bundles) {
      lines.push('', `== ${oneLine(cluster.name)} / ${oneLine(bundle.name)}: ${oneLine(bundleText(bundle))}`);
      for (const object of bundle.objects) {
        lines.push('', oneLine(objectText(object)), visibleLines(object.diff));
        if (object.cutLines > 0) lines.push(cutText(object.cutLines));
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
