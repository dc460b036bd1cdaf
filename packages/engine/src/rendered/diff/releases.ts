import { compareText } from '../identity.js';
import type { ChartVersion, HelmRelease, RenderedBundle } from '../model.js';
import type { ReleaseChanges, ReleaseReinstall, ReleaseUpgrade, ReleaseOnOneSide } from './result.js';

const releaseId = (release: HelmRelease): string => `${release.namespace}/${release.name}`;
/** Who installs the release: helm-controller when either side is an RKE2 HelmChart, Fleet otherwise. */
const installer = (before: RenderedBundle, after: RenderedBundle): ReleaseReinstall['installer'] => (before.kind === 'rke2-helmchart' || after.kind === 'rke2-helmchart' ? 'helm-controller' : 'fleet');
const sameChart = (a: ChartVersion | undefined, b: ChartVersion | undefined): boolean => a?.name === b?.name && a?.version === b?.version;

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
      reinstalled.push({ reason: 'release-renamed', bundle: { base: before.name, head: after.name }, release: { base: from, head: to }, chart: { ...(before.chart ? { base: before.chart } : {}), ...(after.chart ? { head: after.chart } : {}) }, installer: installer(before, after) });
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
    reinstalled.push({ reason, bundle: { base: before.name, head: after.name }, release: { base: from, head: to }, chart: { ...(before.chart ? { base: before.chart } : {}), ...(after.chart ? { head: after.chart } : {}) }, installer: installer(before, after) });
  }

  const installed = sorted(head)
    .filter((bundle) => !matched.has(bundle.name))
    .map((bundle): ReleaseOnOneSide => ({ bundle: bundle.name, release: bundle.release as HelmRelease, ...(bundle.chart ? { chart: bundle.chart } : {}) }));
  const byBundle = <T extends { bundle: string | { base?: string } }>(list: T[]) =>
    list.sort((a, b) => compareText(typeof a.bundle === 'string' ? a.bundle : (a.bundle.base ?? ''), typeof b.bundle === 'string' ? b.bundle : (b.bundle.base ?? '')));
  return { reinstalled: byBundle(reinstalled), upgraded: byBundle(upgraded), installed, uninstalled: byBundle(uninstalled) };
}
