import type { ObjectKey } from '../identity.js';
import type { BundleKind, ChartVersion, HelmRelease, ObjectSource } from '../model.js';
import type { SecretFieldChange } from './redact.js';

/**
 * What diffRendered returns: plain data (JSON as it is), every list sorted,
 * no Secret value anywhere in it. Formats render this and nothing else.
 */

/** The version of this shape; the JSON format carries it. */
export const RENDERED_DIFF_FORMAT = 'platform-rendered-diff/1';

export type ChangeStatus = 'added' | 'removed' | 'changed';

/** The same thing on both sides of the diff; a side is absent where the thing does not exist. */
export interface Sides<T> {
  readonly base?: T;
  readonly head?: T;
}

/** One object that differs. */
export interface ObjectChange {
  /** How people read the key: `Deployment.apps longhorn-system/longhorn-ui`. */
  readonly id: string;
  readonly key: ObjectKey;
  readonly status: ChangeStatus;
  /** The apiVersion on each side; both present and different means the same object under a new version (see identity.ts). */
  readonly apiVersion: Sides<string>;
  readonly source: Sides<ObjectSource>;
  /** For a Secret, which hidden fields were added, changed or removed; values are never recorded. */
  readonly secretFields: readonly SecretFieldChange[];
  /** Unified diff of the object's YAML (keys sorted, Secret values redacted), capped at the option's line count. */
  readonly diff: string;
  readonly linesAdded: number;
  readonly linesRemoved: number;
  /** Diff lines left out by the cap. */
  readonly cutLines: number;
}

/** How many objects of a bundle, cluster or tree were added, changed, removed, or stayed the same. */
export interface ObjectCounts {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
}

/** One bundle with a difference: an object, its release or its chart. */
export interface BundleChange {
  readonly name: string;
  /** `changed` also when only the release or chart differs. */
  readonly status: ChangeStatus;
  readonly kind: Sides<BundleKind>;
  readonly release: Sides<HelmRelease>;
  readonly chart: Sides<ChartVersion>;
  readonly counts: ObjectCounts;
  /** Changed objects only, sorted by key. */
  readonly objects: readonly ObjectChange[];
}

/** A release that is uninstalled and installed again under another identity: everything it installed is deleted first. */
export interface ReleaseReinstall {
  readonly reason: 'bundle-renamed' | 'release-renamed' | 'moved-to-another-bundle';
  readonly bundle: Required<Sides<string>>;
  readonly release: Required<Sides<HelmRelease>>;
  readonly chart: Sides<ChartVersion>;
  /** Who uninstalls and installs it: Fleet for Fleet bundles, helm-controller for RKE2 HelmCharts. */
  readonly installer: 'fleet' | 'helm-controller';
}

/** The same release with another chart or chart version: `helm upgrade`, objects updated in place. */
export interface ReleaseUpgrade {
  readonly bundle: string;
  readonly release: HelmRelease;
  readonly chart: Required<Sides<ChartVersion>>;
}

/** A release that only exists on one side. */
export interface ReleaseOnOneSide {
  readonly bundle: string;
  readonly release: HelmRelease;
  readonly chart?: ChartVersion;
}

export interface ReleaseChanges {
  readonly reinstalled: readonly ReleaseReinstall[];
  readonly upgraded: readonly ReleaseUpgrade[];
  readonly installed: readonly ReleaseOnOneSide[];
  readonly uninstalled: readonly ReleaseOnOneSide[];
}

/** An object that leaves one bundle for another in the same cluster (shown there as removed and added). */
export interface ObjectMove {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

/** One cluster's differences. */
export interface ClusterChange {
  readonly name: string;
  readonly status: ChangeStatus | 'unchanged';
  readonly counts: ObjectCounts;
  readonly bundlesAdded: readonly string[];
  readonly bundlesRemoved: readonly string[];
  readonly releases: ReleaseChanges;
  readonly moved: readonly ObjectMove[];
  /** Bundles with a difference, sorted by name. */
  readonly bundles: readonly BundleChange[];
}

/** Totals over every cluster. */
export interface DiffTotals {
  readonly counts: ObjectCounts;
  readonly clustersChanged: number;
  readonly bundlesAdded: number;
  readonly bundlesRemoved: number;
  readonly releasesReinstalled: number;
  readonly releasesUpgraded: number;
  readonly releasesInstalled: number;
  readonly releasesUninstalled: number;
}

export interface RenderedDiff {
  readonly format: typeof RENDERED_DIFF_FORMAT;
  /** Every cluster of either side, sorted by name, unchanged ones included (with no bundles). */
  readonly clusters: readonly ClusterChange[];
  readonly totals: DiffTotals;
}
