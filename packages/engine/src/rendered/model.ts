/**
 * What every cluster would receive, as objects: the input of the rendered
 * diff and of the checks over rendered objects. It says nothing about paths
 * or how the objects were produced (cdk8s, `helm template`, a file read back
 * from dist/), so any producer can fill it; see README.md in this folder.
 */

/** Every cluster the platform deploys to, each with what it would receive. */
export interface RenderedTree {
  readonly clusters: readonly RenderedCluster[];
}

/** One cluster: its name (unique in the tree) and its bundles. */
export interface RenderedCluster {
  /** The cluster's name as the configuration spells it (`dist/<cluster>/…`). */
  readonly name: string;
  /** The Kubernetes version the cluster runs (`1.31`, `v1.31.4`): the Pod Security policy version its `latest` means. */
  readonly kubernetesVersion?: string;
  readonly bundles: readonly RenderedBundle[];
}

/**
 * How a bundle reaches the cluster. It decides what a rename does:
 * - `manifests`: plain objects. Fleet deploys them as a Helm release of a
 *   chart it builds (set `release`); RKE2's deploy controller applies an
 *   RKE2 manifest file directly (no `release`).
 * - `fleet-helm`: a Fleet bundle whose fleet.yaml `helm:` installs a chart.
 * - `rke2-helmchart`: an RKE2 `HelmChart` that helm-controller installs.
 */
export type BundleKind = 'manifests' | 'fleet-helm' | 'rke2-helmchart';

/** The Helm release a bundle is installed as. Together, namespace and name are the release's identity on the cluster. */
export interface HelmRelease {
  /** Release name (fleet.yaml `helm.releaseName` or the bundle name; the HelmChart's name for helm-controller). */
  readonly name: string;
  /** Namespace the release is stored in (fleet.yaml `namespace`/`defaultNamespace`; HelmChart `spec.targetNamespace`). */
  readonly namespace: string;
}

/** A chart at one version. */
export interface ChartVersion {
  readonly name: string;
  readonly version: string;
}

/**
 * One unit Fleet or RKE2 deploys. `name` is its identity in the cluster: for
 * Fleet the Bundle name (what `fleet apply` names it; a new name is a new
 * Bundle), for RKE2 the HelmChart or manifest file name.
 */
export interface RenderedBundle {
  readonly name: string;
  readonly kind: BundleKind;
  /** The release it is installed as; for every Fleet bundle (raw manifests too) and every RKE2 HelmChart. */
  readonly release?: HelmRelease;
  /** The chart, for `fleet-helm` and `rke2-helmchart`. */
  readonly chart?: ChartVersion;
  /** Repository-relative file that declares the bundle (its fleet.yaml, its HelmChart manifest): where findings point when an object has no source of its own. */
  readonly file?: string;
  /** The objects, in any order (the diff sorts them). Lists (`kind: List`, anything with `items`) are expanded as Helm and kubectl expand them; null or non-object documents are ignored. */
  readonly objects: readonly RenderedObject[];
}

/** Where an object came from, for people reading a report. */
export interface ObjectSource {
  /** Repository-relative file (a dist/ manifest, a values file, a fleet.yaml). */
  readonly file?: string;
  /** The chart template, as `helm template` names it in its `# Source:` line (`longhorn/templates/deployment.yaml`). */
  readonly template?: string;
}

/** One parsed Kubernetes object (or List) and where it came from. */
export interface RenderedObject {
  /** The object as parsed from YAML or JSON: `apiVersion`, `kind`, `metadata`, … */
  readonly object: unknown;
  readonly source?: ObjectSource;
  /** True when the object comes from a chart's `crds/` directory, which Helm installs once and never upgrades. */
  readonly fromCrdsDir?: boolean;
}
