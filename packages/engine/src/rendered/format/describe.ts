import type { BundleKind, ChartVersion, HelmRelease } from '../model.js';
import type { BundleChange, ClusterChange, DiffTotals, ObjectChange, ObjectCounts, ReleaseReinstall, Sides } from '../diff/result.js';

/**
 * The sentences every format shares. Every name inside them (cluster,
 * bundle, release, chart, object) goes through the format's `name` function,
 * so a format can quote or escape names without touching the words around
 * them. Nothing here sees a Secret value: the result holds none.
 */
export type NameFormat = (name: string) => string;

const plain: NameFormat = (name) => name;
const number = (count: number): string => count.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`): string => `${number(count)} ${count === 1 ? one : many}`;

/** `3 added, 2 changed, 1 removed` (unchanged left out). */
export function countsText(counts: ObjectCounts): string {
  return `${number(counts.added)} added, ${number(counts.changed)} changed, ${number(counts.removed)} removed`;
}

/** The one-line summary of the whole diff. */
export function totalsText(totals: DiffTotals, clusters: number): string {
  if (totals.clustersChanged === 0) return `No cluster changes (${plural(clusters, 'cluster')}, ${plural(totals.counts.unchanged, 'object')} unchanged)`;
  return [
    `${number(totals.clustersChanged)} of ${plural(clusters, 'cluster')} change: objects ${countsText(totals.counts)} (${number(totals.counts.unchanged)} unchanged)`,
    totals.bundlesAdded > 0 ? `${plural(totals.bundlesAdded, 'bundle')} added` : '',
    totals.bundlesRemoved > 0 ? `${plural(totals.bundlesRemoved, 'bundle')} removed` : '',
    totals.releasesReinstalled > 0 ? `${plural(totals.releasesReinstalled, 'release')} reinstalled` : '',
    totals.releasesUpgraded > 0 ? `${plural(totals.releasesUpgraded, 'release')} upgraded` : '',
    totals.releasesInstalled > 0 ? `${plural(totals.releasesInstalled, 'release')} installed` : '',
    totals.releasesUninstalled > 0 ? `${plural(totals.releasesUninstalled, 'release')} uninstalled` : '',
  ]
    .filter(Boolean)
    .join('; ');
}

/** `longhorn-system/longhorn`. */
export const releaseText = (release: HelmRelease, name: NameFormat = plain): string => name(`${release.namespace}/${release.name}`);

/** `longhorn 1.7.2 → 1.8.0`, `a 1.0.0 → b 2.0.0`, or one side's chart. */
export function chartText(chart: Sides<ChartVersion>, name: NameFormat = plain): string {
  const { base, head } = chart;
  if (base && head && base.name === head.name) return base.version === head.version ? `${name(head.name)} ${name(head.version)}` : `${name(head.name)} ${name(base.version)} → ${name(head.version)}`;
  if (base && head) return `${name(base.name)} ${name(base.version)} → ${name(head.name)} ${name(head.version)}`;
  const only = base ?? head;
  return only ? `${name(only.name)} ${name(only.version)}` : '';
}

/** How a bundle is delivered: `Fleet Helm release longhorn-system/longhorn`, `RKE2 manifests`. */
export function deliveryText(kind: BundleKind | undefined, release: HelmRelease | undefined, name: NameFormat = plain): string {
  const named = release ? ` ${releaseText(release, name)}` : '';
  if (kind === 'fleet-helm') return `Fleet Helm release${named}`;
  if (kind === 'rke2-helmchart') return `RKE2 HelmChart, release${named}`;
  return release ? `manifests, Fleet release${named}` : 'RKE2 manifests';
}

/** A bundle's heading after its name: delivery and chart (old → new where they differ) and object counts. */
export function bundleText(bundle: BundleChange, name: NameFormat = plain): string {
  const base = bundle.kind.base ? deliveryText(bundle.kind.base, bundle.release.base, name) : undefined;
  const head = bundle.kind.head ? deliveryText(bundle.kind.head, bundle.release.head, name) : undefined;
  const delivery = base !== undefined && head !== undefined && base !== head ? `${base} → ${head}` : (head ?? base ?? '');
  const chart = bundle.chart.base || bundle.chart.head ? `, chart ${chartText(bundle.chart, name)}` : '';
  const status = bundle.status === 'changed' ? '' : `${bundle.status}; `;
  return `${delivery}${chart} (${status}objects ${countsText(bundle.counts)})`;
}

/**
 * What a reinstall does on the cluster, by who installs the release:
 * - Fleet: a Bundle name that disappears makes `fleet apply` delete the
 *   Bundle (rancher/fleet v0.13.15 internal/cmd/cli/apply/apply.go,
 *   pruneBundlesNotFoundInRepo; rancher/fleet#719, #795) and the agent
 *   uninstall its release with everything in it
 *   (internal/cmd/agent/deployer/cleanup/cleanup.go, CleanupReleases); the
 *   same Bundle with another release name or namespace has its old release
 *   uninstalled by the agent's cleanup ("release name doesn't match").
 * - helm-controller: a HelmChart that disappears runs an uninstall job from
 *   its finalizer (k3s-io/helm-controller pkg/controllers/chart/chart.go,
 *   OnRemove); a HelmChart installs a release it has not installed before.
 */
export function reinstallText(item: ReleaseReinstall, name: NameFormat = plain): string {
  const old = releaseText(item.release.base, name);
  const next = releaseText(item.release.head, name);
  const from = name(item.bundle.base);
  const to = name(item.bundle.head);
  if (item.installer === 'helm-controller') {
    if (item.reason === 'release-renamed') return `HelmChart ${to} now installs ${next} instead of ${old}: helm-controller installs ${next} as a new release rather than upgrading ${old}`;
    return `helm-controller uninstalls ${old} when HelmChart ${from} goes (its finalizer runs helm uninstall), deleting everything it installed, and installs ${next} from scratch for ${to}`;
  }
  if (item.reason === 'release-renamed') return `Fleet uninstalls ${old} with everything it installed (the agent's cleanup: release name doesn't match) and installs ${next} from scratch for bundle ${to}`;
  if (item.reason === 'bundle-renamed') return `Fleet deletes Bundle ${from}, uninstalling ${old} with everything it installed, then installs ${next} as new for Bundle ${to}`;
  return `${old} moves from Bundle ${from} to Bundle ${to}: Fleet uninstalls it in ${from}'s cleanup and ${to} installs it anew, in no defined order`;
}

/** One line per notable change of a cluster: bundles added and removed, releases reinstalled, upgraded, installed, uninstalled, objects moved. */
export function clusterLines(cluster: ClusterChange, name: NameFormat = plain): string[] {
  const { releases } = cluster;
  return [
    ...cluster.bundlesAdded.map((bundle) => `bundle added: ${name(bundle)}`),
    ...cluster.bundlesRemoved.map((bundle) => `bundle removed: ${name(bundle)}`),
    ...releases.reinstalled.map((item) => `reinstalled: ${reinstallText(item, name)}`),
    ...releases.upgraded.map((item) => `upgraded: ${releaseText(item.release, name)} (bundle ${name(item.bundle)}): chart ${chartText(item.chart, name)}`),
    ...releases.installed.map((item) => `installed: ${releaseText(item.release, name)} (bundle ${name(item.bundle)})${item.chart ? `, chart ${chartText({ head: item.chart }, name)}` : ''}`),
    ...releases.uninstalled.map((item) => `uninstalled: ${releaseText(item.release, name)} (bundle ${name(item.bundle)}) with everything it installed`),
    ...cluster.moved.map((move) => `moved: ${name(move.id)} from bundle ${name(move.from)} to ${name(move.to)}; Helm will not adopt an object another release owns until that release lets it go`),
  ];
}

/** An object's heading: status, identity, apiVersion change, hidden Secret fields, template. */
export function objectText(object: ObjectChange, name: NameFormat = plain): string {
  const { base, head } = object.apiVersion;
  const version = base && head && base !== head ? `, apiVersion ${name(base)} → ${name(head)}` : '';
  const secret = object.secretFields.length > 0 ? `, Secret values ${object.secretFields.map((field) => `${name(field.field)} ${field.change}`).join(', ')}` : '';
  const template = object.source.head?.template ?? object.source.base?.template;
  return `${object.status} ${name(object.id)}${version}${secret}${template ? ` from ${name(template)}` : ''}`;
}

/** The line after a capped diff. */
export function cutText(cutLines: number): string {
  return `... (${plural(cutLines, 'more diff line')} not shown)`;
}
