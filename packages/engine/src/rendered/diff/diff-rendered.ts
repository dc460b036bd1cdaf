import { oneLine } from '@platform/report';
import { PlatformError } from '../../errors.js';
import { canonical, toYaml } from '../../yaml/yaml.js';
import { compareKeys, compareText, displayKey, keyId, keyOf, type ObjectKey } from '../identity.js';
import type { RenderedBundle, RenderedCluster, RenderedTree } from '../model.js';
import { bundleObjects, type ExpandedObject } from '../objects.js';
import { deepEqual } from './equal.js';
import { redactPair } from './redact.js';
import { releaseChanges } from './releases.js';
import { RENDERED_DIFF_FORMAT, type BundleChange, type ClusterChange, type DiffTotals, type ObjectChange, type ObjectCounts, type ObjectMove, type RenderedDiff } from './result.js';
import { unifiedDiff } from './unified.js';

/** How diffRendered shows each object. */
export interface DiffOptions {
  /** Unchanged lines shown around each change; 3, as git. */
  readonly context?: number;
  /** Most diff lines kept per object (headers included); the rest are counted in cutLines. 1,000 by default. */
  readonly maxObjectDiffLines?: number;
}

const DEFAULT_CONTEXT = 3;
const DEFAULT_MAX_OBJECT_DIFF_LINES = 1000;

/** One object of one side, under its identity. */
interface Keyed extends ExpandedObject {
  readonly key: ObjectKey;
  /** keyId, with `#2`, `#3` for further objects of the same key in one bundle. */
  readonly id: string;
  /** 1 for the first object of its key in the bundle, 2 and up for further ones. */
  readonly occurrence: number;
}

/** How people read an object's identity, numbered when its bundle holds several of it. */
const label = (item: Keyed): string => `${displayKey(item.key)}${item.occurrence > 1 ? ` (#${item.occurrence})` : ''}`;

/**
 * The objects of a bundle by identity. Two objects with the same identity in
 * one bundle (an install would fail on the second) are both kept, the first
 * under the plain key and the others numbered, ordered by content so the
 * numbering does not depend on input order.
 */
function keyed(bundle: RenderedBundle | undefined): Map<string, Keyed> {
  const groups = new Map<string, ExpandedObject[]>();
  const keys = new Map<string, ObjectKey>();
  for (const expanded of bundle ? bundleObjects(bundle) : []) {
    const key = keyOf(expanded.object);
    const id = keyId(key);
    keys.set(id, key);
    const group = groups.get(id);
    if (group) group.push(expanded);
    else groups.set(id, [expanded]);
  }
  const result = new Map<string, Keyed>();
  for (const [id, group] of groups) {
    const key = keys.get(id) as ObjectKey;
    if (group.length === 1) {
      const [only] = group as [ExpandedObject];
      result.set(id, { object: only.object, entry: only.entry, key, id, occurrence: 1 });
      continue;
    }
    const ordered = group.map((item) => ({ item, text: JSON.stringify(canonical(item.object)) })).sort((a, b) => compareText(a.text, b.text));
    ordered.forEach(({ item }, index) => {
      const numbered = index === 0 ? id : `${id}#${index + 1}`;
      result.set(numbered, { object: item.object, entry: item.entry, key, id: numbered, occurrence: index + 1 });
    });
  }
  return result;
}

/** A path-like name for a diff header, on one line whatever the names hold: `prod/longhorn/Deployment.apps/longhorn-system/longhorn-ui.yaml`. */
function headerName(cluster: string, bundle: string, item: Keyed): string {
  const kind = item.key.group === '' ? item.key.kind : `${item.key.kind}.${item.key.group}`;
  const suffix = item.occurrence > 1 ? `-${item.occurrence}` : '';
  return oneLine([cluster, bundle, kind || '_', ...(item.key.namespace === '' ? [] : [item.key.namespace]), `${item.key.name || '_'}${suffix}.yaml`].join('/'));
}

function objectChange(cluster: string, bundle: string, before: Keyed | undefined, after: Keyed | undefined, options: Required<DiffOptions>): ObjectChange {
  const item = (after ?? before) as Keyed;
  const shown = redactPair(before?.object, after?.object);
  const diff = unifiedDiff(
    shown.base ? toYaml(shown.base) : '',
    shown.head ? toYaml(shown.head) : '',
    { base: `a/${headerName(cluster, bundle, before ?? item)}`, head: `b/${headerName(cluster, bundle, after ?? item)}` },
    options.context,
    options.maxObjectDiffLines,
  );
  const apiVersion = (side: Keyed | undefined) => (side && typeof side.object.apiVersion === 'string' ? side.object.apiVersion : undefined);
  const baseVersion = apiVersion(before);
  const headVersion = apiVersion(after);
  return {
    id: label(item),
    key: item.key,
    status: before && after ? 'changed' : after ? 'added' : 'removed',
    apiVersion: { ...(baseVersion !== undefined ? { base: baseVersion } : {}), ...(headVersion !== undefined ? { head: headVersion } : {}) },
    source: { ...(before?.entry.source ? { base: before.entry.source } : {}), ...(after?.entry.source ? { head: after.entry.source } : {}) },
    secretFields: shown.secretFields,
    diff: diff.text,
    linesAdded: diff.linesAdded,
    linesRemoved: diff.linesRemoved,
    cutLines: diff.cutLines,
  };
}

function bundleChange(cluster: string, before: RenderedBundle | undefined, after: RenderedBundle | undefined, options: Required<DiffOptions>): { change: BundleChange | undefined; unchanged: number } {
  const name = ((after ?? before) as RenderedBundle).name;
  const baseObjects = keyed(before);
  const headObjects = keyed(after);
  const ids = [...new Set([...baseObjects.keys(), ...headObjects.keys()])];
  const changes: ObjectChange[] = [];
  let unchanged = 0;
  for (const id of ids) {
    const old = baseObjects.get(id);
    const next = headObjects.get(id);
    if (old && next && deepEqual(old.object, next.object)) unchanged += 1;
    else changes.push(objectChange(cluster, name, old, next, options));
  }
  changes.sort((a, b) => compareKeys(a.key, b.key) || compareText(a.id, b.id));
  const counts: ObjectCounts = {
    added: changes.filter((change) => change.status === 'added').length,
    changed: changes.filter((change) => change.status === 'changed').length,
    removed: changes.filter((change) => change.status === 'removed').length,
    unchanged,
  };
  const metaChanged = !before || !after || before.kind !== after.kind || !deepEqual(before.release, after.release) || !deepEqual(before.chart, after.chart);
  if (changes.length === 0 && !metaChanged) return { change: undefined, unchanged };
  const side = <T>(pick: (bundle: RenderedBundle) => T | undefined) => {
    const base = before ? pick(before) : undefined;
    const head = after ? pick(after) : undefined;
    return { ...(base !== undefined ? { base } : {}), ...(head !== undefined ? { head } : {}) };
  };
  return {
    change: {
      name,
      status: before && after ? 'changed' : after ? 'added' : 'removed',
      kind: side((bundle) => bundle.kind),
      release: side((bundle) => bundle.release),
      chart: side((bundle) => bundle.chart),
      counts,
      objects: changes,
    },
    unchanged,
  };
}

function uniqueByName<T extends { name: string }>(items: readonly T[], what: string, where: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.name)) throw new PlatformError(`${what} ${JSON.stringify(item.name)} appears twice`, { file: where, hint: `each ${what} name must be unique` });
    map.set(item.name, item);
  }
  return map;
}

const addCounts = (a: ObjectCounts, b: ObjectCounts): ObjectCounts => ({ added: a.added + b.added, changed: a.changed + b.changed, removed: a.removed + b.removed, unchanged: a.unchanged + b.unchanged });
const NO_COUNTS: ObjectCounts = { added: 0, changed: 0, removed: 0, unchanged: 0 };

function clusterChange(name: string, before: RenderedCluster | undefined, after: RenderedCluster | undefined, side: { base: string; head: string }, options: Required<DiffOptions>): ClusterChange {
  const baseBundles = uniqueByName(before?.bundles ?? [], 'bundle', `${side.base}: cluster ${name}`);
  const headBundles = uniqueByName(after?.bundles ?? [], 'bundle', `${side.head}: cluster ${name}`);
  const names = [...new Set([...baseBundles.keys(), ...headBundles.keys()])].sort(compareText);
  const bundles: BundleChange[] = [];
  let counts = NO_COUNTS;
  for (const bundleName of names) {
    const { change, unchanged } = bundleChange(name, baseBundles.get(bundleName), headBundles.get(bundleName), options);
    counts = addCounts(counts, change ? change.counts : { ...NO_COUNTS, unchanged });
    if (change) bundles.push(change);
  }
  const releases = releaseChanges(before?.bundles ?? [], after?.bundles ?? []);
  return {
    name,
    status: !before ? 'added' : !after ? 'removed' : bundles.length > 0 ? 'changed' : 'unchanged',
    counts,
    bundlesAdded: bundles.filter((bundle) => bundle.status === 'added').map((bundle) => bundle.name),
    bundlesRemoved: bundles.filter((bundle) => bundle.status === 'removed').map((bundle) => bundle.name),
    releases,
    moved: moves(bundles),
    bundles,
  };
}

/**
 * Objects removed from one bundle and added to another of the same cluster.
 * Helm 3.2+ refuses to adopt an object another release owns (pkg/action/validate.go,
 * existingResourceConflict: "invalid ownership metadata"), so the new bundle
 * fails until the old one lets go; worth a line of its own.
 */
function moves(bundles: readonly BundleChange[]): ObjectMove[] {
  const removed = new Map<string, string[]>();
  for (const bundle of bundles) for (const object of bundle.objects) if (object.status === 'removed') removed.set(object.id, [...(removed.get(object.id) ?? []), bundle.name]);
  const result: ObjectMove[] = [];
  for (const bundle of bundles) {
    for (const object of bundle.objects) {
      if (object.status !== 'added') continue;
      for (const from of removed.get(object.id) ?? []) if (from !== bundle.name) result.push({ id: object.id, from, to: bundle.name });
    }
  }
  return result.sort((a, b) => compareText(a.id, b.id) || compareText(a.from, b.from) || compareText(a.to, b.to));
}

/**
 * What changes on every cluster between two rendered trees (the merge
 * request's base and head), grouped by cluster, bundle and object, with
 * release reinstalls and upgrades, Secret values redacted. Pure: same inputs,
 * same result, whatever the order of clusters, bundles and objects.
 * Throws a PlatformError when a cluster or bundle name appears twice on one side.
 */
export function diffRendered(base: RenderedTree, head: RenderedTree, options: DiffOptions = {}): RenderedDiff {
  const resolved: Required<DiffOptions> = { context: options.context ?? DEFAULT_CONTEXT, maxObjectDiffLines: options.maxObjectDiffLines ?? DEFAULT_MAX_OBJECT_DIFF_LINES };
  const side = { base: 'base', head: 'head' };
  const baseClusters = uniqueByName(base.clusters, 'cluster', side.base);
  const headClusters = uniqueByName(head.clusters, 'cluster', side.head);
  const names = [...new Set([...baseClusters.keys(), ...headClusters.keys()])].sort(compareText);
  const clusters = names.map((name) => clusterChange(name, baseClusters.get(name), headClusters.get(name), side, resolved));
  return { format: RENDERED_DIFF_FORMAT, clusters, totals: totals(clusters) };
}

function totals(clusters: readonly ClusterChange[]): DiffTotals {
  return {
    counts: clusters.reduce((sum, cluster) => addCounts(sum, cluster.counts), NO_COUNTS),
    clustersChanged: clusters.filter((cluster) => cluster.status !== 'unchanged').length,
    bundlesAdded: clusters.reduce((sum, cluster) => sum + cluster.bundlesAdded.length, 0),
    bundlesRemoved: clusters.reduce((sum, cluster) => sum + cluster.bundlesRemoved.length, 0),
    releasesReinstalled: clusters.reduce((sum, cluster) => sum + cluster.releases.reinstalled.length, 0),
    releasesUpgraded: clusters.reduce((sum, cluster) => sum + cluster.releases.upgraded.length, 0),
    releasesInstalled: clusters.reduce((sum, cluster) => sum + cluster.releases.installed.length, 0),
    releasesUninstalled: clusters.reduce((sum, cluster) => sum + cluster.releases.uninstalled.length, 0),
  };
}
