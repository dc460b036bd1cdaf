import { compareText } from '../identity.js';
import type { ChartVersion, HelmRelease, RenderedBundle } from '../model.js';
import type { ReleaseChanges, ReleaseReinstall, ReleaseUpgrade, ReleaseOnOneSide } from './result.js';

const releaseId = (release: HelmRelease): string => `${release.namespace}/${release.name}`;
const sameChart = (a: ChartVersion | undefined, b: ChartVersion | undefined): boolean => a?.name === b?.name && a?.version === b?.version;

/**
 * What happens to a release whose identity changes, by who installs it:
 * - Fleet: a Bundle name that disappears makes `fleet apply` delete the
 *   Bundle (rancher/fleet v0.13.15 internal/cmd/cli/apply/apply.go,
 *   pruneBundlesNotFoundInRepo) and the agent uninstall its release with
 *   everything in it (internal/cmd/agent/deployer/cleanup/cleanup.go,
 *   CleanupReleases); the same Bundle with another release name or
 *   namespace has its old release uninstalled by the agent's garbage
 *   collection (cleanup.go: "release name doesn't match").
 * - helm-controller: a HelmChart that disappears runs an uninstall job from
 *   its finalizer (k3s-io/helm-controller pkg/controllers/chart/chart.go,
 *   OnRemove); another HelmChart installs its release anew.
 */
function effect(reason: ReleaseReinstall['reason'], before: RenderedBundle, after: RenderedBundle, from: HelmRelease, to: HelmRelease): string {
  const old = releaseId(from);
  const next = releaseId(to);
  if (before.kind === 'rke2-helmchart' || after.kind === 'rke2-helmchart') {
    if (reason === 'release-renamed') return `HelmChart ${after.name} now installs ${next} instead of ${old}: helm-controller installs ${next} as a new release, it does not upgrade ${old}`;
    return `helm-controller uninstalls ${old} when HelmChart ${before.name} goes (its finalizer runs helm uninstall), deleting everything it installed, and installs ${next} from scratch for ${after.name}`;
  }
  if (reason === 'release-renamed') return `Fleet uninstalls ${old} with everything it installed (the agent's cleanup: release name doesn't match) and installs ${next} from scratch`;
  if (reason === 'bundle-renamed') return `Fleet deletes Bundle ${before.name}, uninstalling ${old} with everything it installed, then installs ${next} as new for Bundle ${after.name} (rancher/fleet#719, #795)`;
  return `${old} moves from Bundle ${before.name} to Bundle ${after.name}: Fleet uninstalls it with ${before.name}'s cleanup and ${after.name} installs it anew, in no defined order`;
}

/**
 * How one cluster's releases change. Bundles are matched by name first (a
 * Fleet Bundle name is the Bundle's identity; a HelmChart's name is its
 * release name); a base release whose bundle is gone, or no longer has a
 * release, is then looked for under another bundle of the head with the same
 * release namespace and name. A chart or chart version change of an
 * otherwise identical release is an upgrade (helm upgrade keeps the release
 * and updates its objects in place), never a reinstall.
 */
export function releaseChanges(base: readonly RenderedBundle[], head: readonly RenderedBundle[]): ReleaseChanges {
  const byName = (bundles: readonly RenderedBundle[]) => new Map(bundles.map((bundle) => [bundle.name, bundle]));
  const sorted = (bundles: readonly RenderedBundle[]) => bundles.filter((bundle) => bundle.release).sort((a, b) => compareText(a.name, b.name));
  const baseByName = byName(base);
  const headByName = byName(head);
  const reinstalled: ReleaseReinstall[] = [];
  const upgraded: ReleaseUpgrade[] = [];
  const uninstalled: ReleaseOnOneSide[] = [];
  const matched = new Set<string>();
  const unmatched: RenderedBundle[] = [];

  // First pass: the same bundle on both sides.
  for (const before of sorted(base)) {
    const from = before.release as HelmRelease;
    const after = headByName.get(before.name);
    const to = after?.release;
    if (!after || !to) {
      unmatched.push(before);
      continue;
    }
    matched.add(after.name);
    if (releaseId(from) !== releaseId(to)) {
      reinstalled.push({ reason: 'release-renamed', bundle: { base: before.name, head: after.name }, release: { base: from, head: to }, chart: { ...(before.chart ? { base: before.chart } : {}), ...(after.chart ? { head: after.chart } : {}) }, effect: effect('release-renamed', before, after, from, to) });
    } else if (before.chart && after.chart && !sameChart(before.chart, after.chart)) {
      upgraded.push({ bundle: after.name, release: to, chart: { base: before.chart, head: after.chart } });
    }
  }

  // Second pass: a release whose bundle is gone, found under another bundle.
  for (const before of unmatched) {
    const from = before.release as HelmRelease;
    const candidates = sorted(head).filter((bundle) => !matched.has(bundle.name) && releaseId(bundle.release as HelmRelease) === releaseId(from));
    // A bundle that is new in the head is the rename; one that existed already took the release over.
    const after = candidates.find((bundle) => !baseByName.has(bundle.name)) ?? candidates[0];
    if (!after) {
      uninstalled.push({ bundle: before.name, release: from, ...(before.chart ? { chart: before.chart } : {}) });
      continue;
    }
    matched.add(after.name);
    const to = after.release as HelmRelease;
    const reason = baseByName.has(after.name) ? 'moved-to-another-bundle' : 'bundle-renamed';
    reinstalled.push({ reason, bundle: { base: before.name, head: after.name }, release: { base: from, head: to }, chart: { ...(before.chart ? { base: before.chart } : {}), ...(after.chart ? { head: after.chart } : {}) }, effect: effect(reason, before, after, from, to) });
  }

  const installed = sorted(head)
    .filter((bundle) => !matched.has(bundle.name))
    .map((bundle): ReleaseOnOneSide => ({ bundle: bundle.name, release: bundle.release as HelmRelease, ...(bundle.chart ? { chart: bundle.chart } : {}) }));
  const byBundle = <T extends { bundle: string | { base?: string } }>(list: T[]) =>
    list.sort((a, b) => compareText(typeof a.bundle === 'string' ? a.bundle : (a.bundle.base ?? ''), typeof b.bundle === 'string' ? b.bundle : (b.bundle.base ?? '')));
  return { reinstalled: byBundle(reinstalled), upgraded: byBundle(upgraded), installed, uninstalled: byBundle(uninstalled) };
}

/** `longhorn 1.7.2 → 1.8.0`, `old-chart 1.0.0 → new-chart 2.0.0`. */
export function chartChangeText(chart: { base?: ChartVersion; head?: ChartVersion }): string {
  const { base, head } = chart;
  if (!base || !head) {
    const only = base ?? head;
    return only ? `${only.name} ${only.version}` : '';
  }
  return base.name === head.name ? `${head.name} ${base.version} → ${head.version}` : `${base.name} ${base.version} → ${head.name} ${head.version}`;
}

export { releaseId };
