import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chartCacheDir } from '@platform/charts';
import { HelmUnavailableError, resolveHelm } from '@platform/helm';
import { readTreeAtRef } from '../check/base-tree.js';
import { PlatformError } from '../errors.js';
import { loadPlatforms, type Platform } from '../model/platform.js';
import { DEFAULT_LAYOUT, OutputLayout, type Tree } from '../output/layout.js';
import { diffRendered } from '../rendered/diff/diff-rendered.js';
import { renderDiffJson } from '../rendered/format/json.js';
import { renderDiffMarkdown } from '../rendered/format/markdown.js';
import { renderDiffText } from '../rendered/format/text.js';
import { produceRenderedTree, type ClusterToRender } from '../rendered/produce.js';
import { chartLookup, clustersToRender, platformPins } from '../rendered/stage.js';
import { renderPlatforms } from '../render/render.js';
import { rendering } from '../render/rendering.js';
import { loadDocumentOrUndefined } from '../yaml/yaml.js';
import type { CliContext } from './context.js';

import type { DiffOutput } from './diff-outputs.js';
export { DIFF_OUTPUTS, type DiffOutput } from './diff-outputs.js';

/**
 * What every cluster would receive at `base` (a merge request's base) and
 * now, object by object: raw manifests and what the charts render, with the
 * values Fleet and helm-controller pass. The base is read from the tree
 * committed at that revision, its charts from the cache (pull them with
 * `charts pull --ref <base>`). Secret data is never shown.
 */
export async function runDiff(options: { base: string; output: DiffOutput }, context: Required<CliContext>): Promise<number> {
  const platforms = rendering(() => loadPlatforms({ root: context.root }, context.phases));
  const head = rendering(() => renderPlatforms(platforms));
  const base = readTreeAtRef(context.root, options.base, DEFAULT_LAYOUT);
  const basePins = pinsAtRef(context.root, options.base);
  const cacheDir = chartCacheDir(process.env);
  let helm;
  try {
    helm = await resolveHelm(process.env);
  } catch (error) {
    if (error instanceof HelmUnavailableError) throw new PlatformError(`cannot render the charts: ${error.message}`, { hint: 'the diff needs the pinned helm (packages/helm)' });
    throw error;
  }
  const pins = [...platformPins(platforms), ...basePins];
  const renderOptions = { helm, renderCacheDir: join(cacheDir, 'renders') };
  // One lookup for both sides: a chart both pin is verified once.
  const lookup = chartLookup(pins, cacheDir);
  const [before, after] = [await produceRenderedTree(base, baseClusters(base, platforms), lookup, renderOptions), await produceRenderedTree(head, clustersToRender(platforms), lookup, renderOptions)];
  // A release left out on one side would show as removed or added: refuse rather than mislead.
  const missing = [...before.missing.map((line) => `${options.base}: ${line}`), ...after.missing.map((line) => `now: ${line}`)];
  if (missing.length > 0) {
    throw new PlatformError(`cannot show what changes: ${missing.length} release${missing.length === 1 ? '' : 's'} not rendered (${missing.slice(0, 3).join('; ')}${missing.length > 3 ? '; ...' : ''})`, {
      hint: `run npm run -s platform -- charts pull, and charts pull --ref ${options.base} for the base's charts`,
    });
  }
  for (const finding of [...before.findings, ...after.findings]) context.io.stderr(`warning: ${finding.file}: ${finding.message}\n`);
  const diff = diffRendered(before.tree, after.tree);
  context.io.stdout(options.output === 'json' ? renderDiffJson(diff) : options.output === 'markdown' ? renderDiffMarkdown(diff) : renderDiffText(diff));
  return 0;
}

/**
 * The clusters of a tree read from git: one per fleet/<cluster>/gitrepo.yaml;
 * a single-cluster tree's fleet/gitrepo.yaml stands for the inventory's one
 * cluster when it has one (so a migration shows as renames, not as a new cluster).
 */
function baseClusters(tree: Tree, platforms: readonly Platform[]): ClusterToRender[] {
  const now = clustersToRender(platforms);
  const phases = now[0]?.phases ?? [];
  const clusters: ClusterToRender[] = [];
  for (const path of tree.keys()) {
    const name = /^fleet\/([^/]+)\/gitrepo\.yaml$/.exec(path)?.[1];
    if (name) clusters.push({ name, kubernetesVersion: now.find((cluster) => cluster.name === name)?.kubernetesVersion ?? '1.31', layout: DEFAULT_LAYOUT.forCluster(name), phases });
  }
  if (tree.has(DEFAULT_LAYOUT.gitRepoFile)) {
    const only = now.length === 1 ? now[0] : undefined;
    clusters.push({ name: only?.name ?? 'single-cluster', kubernetesVersion: only?.kubernetesVersion ?? '1.31', layout: new OutputLayout(), phases });
  }
  return clusters.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The chart pins committed at `ref`: charts/<id>/chart.yaml and every cluster's own. */
function pinsAtRef(root: string, ref: string): Array<{ chart: string; version: string; digest?: string; source: string }> {
  const files = readTreeAtRef(root, ref, DEFAULT_LAYOUT, ['charts', 'clusters']);
  const pins: Array<{ chart: string; version: string; digest?: string; source: string }> = [];
  const byId = new Map<string, string>();
  for (const [path, text] of files) {
    const id = /^charts\/([^/]+)\/chart\.yaml$/.exec(path)?.[1];
    if (!id) continue;
    const entry = loadDocumentOrUndefined(text) as { chart?: unknown; version?: unknown; digest?: unknown } | undefined;
    if (typeof entry?.chart !== 'string' || entry.version === undefined) continue;
    byId.set(id, entry.chart);
    pins.push({ chart: entry.chart, version: String(entry.version), ...(typeof entry.digest === 'string' ? { digest: entry.digest } : {}), source: `${path} at ${ref}` });
  }
  for (const [path, text] of files) {
    if (!/^clusters\/[^/]+\.yaml$/.test(path)) continue;
    const cluster = loadDocumentOrUndefined(text) as { charts?: Record<string, { version?: unknown; digest?: unknown }> } | undefined;
    for (const [id, pin] of Object.entries(cluster?.charts ?? {})) {
      const chart = byId.get(id);
      if (chart && pin?.version !== undefined) pins.push({ chart, version: String(pin.version), ...(typeof pin.digest === 'string' ? { digest: pin.digest } : {}), source: `${path} at ${ref}` });
    }
  }
  return pins;
}

/** charts/ (and clusters/) as committed at `ref`, written to a scratch checkout so `charts pull` can pull what the base pins. */
export function checkoutPinsAtRef(root: string, ref: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'platform-pins-'));
  for (const [path, text] of readTreeAtRef(root, ref, DEFAULT_LAYOUT, ['charts'])) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
