import { unifiedDiff } from '../check/diff.js';
import { componentMatrix } from '../docs/inventory.js';
import type { Platform } from '../model/platform.js';
import { renderPlatform } from '../render/render.js';

/** How two clusters differ, in the order a promotion review reads it. */
export interface ClusterComparison {
  /** Settings whose effective values differ: dotted key, value in the first cluster, value in the second. */
  readonly settings: ReadonlyArray<readonly [string, string, string]>;
  /** Charts whose version (or deployment) differs: chart id, first, second. */
  readonly charts: ReadonlyArray<readonly [string, string, string]>;
  /** Rendered files, by path inside the cluster's directories, that differ: path and a unified diff (or which side lacks it). */
  readonly files: ReadonlyArray<{ readonly path: string; readonly change: 'only-first' | 'only-second' | 'changed'; readonly diff?: string }>;
  readonly text: string;
}

/**
 * Compares two clusters of one inventory: their effective settings (after
 * every extends), their chart versions, and every file each one's render
 * holds, with paths taken relative to the cluster's own directories so that
 * dist/dev/storage/longhorn/fleet.yaml meets dist/prod/storage/longhorn/fleet.yaml.
 */
export function compareClusters(first: Platform, second: Platform): ClusterComparison {
  const [a, b] = [first.config.cluster.name, second.config.cluster.name];
  const settings = diffSettings(flatten(first.config), flatten(second.config));
  const charts: Array<readonly [string, string, string]> = [];
  for (const [chart, row] of componentMatrix([first, second])) {
    const shown = (cluster: string) => {
      const deployed = row.get(cluster);
      return deployed ? `${deployed.version}${deployed.enabled ? '' : ' (not deployed)'}` : '-';
    };
    if (shown(a) !== shown(b)) charts.push([chart, shown(a), shown(b)]);
  }
  const left = ownFiles(first);
  const right = ownFiles(second);
  const files: Array<ClusterComparison['files'][number]> = [];
  for (const path of [...new Set([...left.keys(), ...right.keys()])].sort()) {
    const [before, after] = [left.get(path), right.get(path)];
    if (before === after) continue;
    if (before === undefined) files.push({ path, change: 'only-second' });
    else if (after === undefined) files.push({ path, change: 'only-first' });
    else files.push({ path, change: 'changed', diff: unifiedDiff(path, before, after, 3, [a, b]) });
  }
  const out: string[] = [`Comparing cluster ${a} with ${b}`, ''];
  out.push(`Settings (${settings.length} differ):`, ...(settings.length ? settings.map(([key, x, y]) => `  ${key}: ${x} -> ${y}`) : ['  (the same)']), '');
  out.push(`Chart versions (${charts.length} differ):`, ...(charts.length ? charts.map(([chart, x, y]) => `  ${chart}: ${x} -> ${y}`) : ['  (the same)']), '');
  out.push(`Rendered files (${files.length} differ):`);
  for (const file of files) {
    if (file.change === 'only-first') out.push(`  - ${file.path} (only in ${a})`);
    else if (file.change === 'only-second') out.push(`  + ${file.path} (only in ${b})`);
    else out.push(`  ~ ${file.path}`);
  }
  if (files.length === 0) out.push('  (the same)');
  for (const file of files.filter((candidate) => candidate.diff)) out.push('', file.diff ?? '');
  return { settings, charts, files, text: `${out.join('\n')}\n` };
}

/** One cluster's files keyed by their path inside its directories: `dist/<c>/x` as `dist/x`, `fleet/<c>/x` as `fleet/x`. */
function ownFiles(platform: Platform): Map<string, string> {
  const { layout } = platform;
  const files = new Map<string, string>();
  for (const [path, content] of renderPlatform(platform)) {
    if (path.startsWith(`${layout.clusterDir}/`)) files.set(`${layout.dist}/${path.slice(layout.clusterDir.length + 1)}`, content.replaceAll(`${layout.clusterDir}/`, `${layout.dist}/<cluster>/`));
    else if (path.startsWith(`${layout.fleetDir}/`)) files.set(`${layout.fleet}/${path.slice(layout.fleetDir.length + 1)}`, content.replaceAll(`${layout.clusterDir}/`, `${layout.dist}/<cluster>/`));
  }
  return files;
}

/** Every leaf of a config as dotted key → JSON value; the cluster's own name is left out (it always differs). */
function flatten(value: unknown, prefix = '', into = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      const field = prefix ? `${prefix}.${key}` : key;
      if (field !== 'cluster.name') flatten(child, field, into);
    }
  } else into.set(prefix, JSON.stringify(value));
  return into;
}

function diffSettings(a: Map<string, string>, b: Map<string, string>): Array<readonly [string, string, string]> {
  return [...new Set([...a.keys(), ...b.keys()])]
    .sort()
    .filter((key) => a.get(key) !== b.get(key))
    .map((key) => [key, a.get(key) ?? '(unset)', b.get(key) ?? '(unset)'] as const);
}
