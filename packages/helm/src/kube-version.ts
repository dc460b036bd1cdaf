import { checkConstraints, parseConstraints, type MastermindsVersion } from './semver/constraints.js';
import { formatVersion, parseVersion } from './semver/version.js';

export type { MastermindsVersion } from './semver/constraints.js';

/** Which Masterminds semver each deployer's Helm links (go.mod of each Helm tag). */
export const SEMVER_OF = {
  /** Fleet v0.13.15 embeds helm.sh/helm/v3 v3.18.6, which requires Masterminds/semver/v3 v3.3.0. */
  fleet: '3.3',
  /** helm-controller v0.16.16 runs klipper-helm v0.9.10-build20251111 (helm v3.19.1), which requires v3.4.0. */
  'helm-controller': '3.4',
  /** The pinned binary, helm v3.17.3, requires v3.3.0. */
  pinned: '3.3',
} as const satisfies Record<string, MastermindsVersion>;

/**
 * What `helm template --kube-version X` makes of X in Helm 3.17 and 3.18
 * (`chartutil.ParseKubeVersion`: Masterminds `NewVersion`, then "v" +
 * String()): "1.31" becomes "v1.31.0", "v1.31.14+rke2r1" stays. Undefined
 * when Helm would refuse the flag ("invalid kube version").
 *
 * Helm 3.19 parses the flag with k8s.io/apimachinery's ParseGeneric instead
 * (v3.19.0 pkg/chartutil/capabilities.go), so "1.31" would be "v1.31" there;
 * that changes only `helm template`, never a real install, where Fleet and
 * helm-controller read the server's GitVersion from discovery.
 */
export function helmKubeVersion(clusterVersion: string): string | undefined {
  const version = parseVersion(clusterVersion);
  return version ? `v${formatVersion(version)}` : undefined;
}

/**
 * What Helm keeps of a Chart.yaml string (pkg/chart/metadata.go Validate,
 * sanitizeString, applied to kubeVersion when the chart loads): every Unicode
 * space becomes ' ', and whatever Go's unicode.IsPrint refuses (controls,
 * format characters such as U+200B) is dropped.
 */
export function sanitizeChartString(text: string): string {
  return text.replace(/\p{White_Space}/gu, ' ').replace(/[^\p{L}\p{M}\p{N}\p{P}\p{S} ]/gu, '');
}

/** The outcome of a chart's kubeVersion against a cluster version. */
export interface KubeVersionCheck {
  readonly compatible: boolean;
  /** Why not, in words, when not compatible. */
  readonly reason?: string;
}

/**
 * A chart's `kubeVersion` against the cluster's version, as Helm decides
 * before rendering (pkg/action/action.go renderResources: when the chart's
 * kubeVersion is not empty, `chartutil.IsCompatibleRange(kubeVersion,
 * caps.KubeVersion.String())`, and "chart requires kubeVersion: %s which is
 * incompatible with Kubernetes %s" otherwise). IsCompatibleRange answers
 * false, not an error, when either string does not parse, so a malformed
 * kubeVersion makes the chart uninstallable everywhere.
 *
 * `chartKubeVersion` is Chart.yaml's text; Helm sanitizes it first
 * (sanitizeChartString). `clusterVersion` is what the cluster reports (RKE2: "v1.31.14+rke2r1") or
 * what was given to --kube-version ("1.31"). Only the top chart's kubeVersion
 * is checked; Helm ignores those of subcharts.
 */
export function checkKubeVersion(chartKubeVersion: string, clusterVersion: string, semantics: MastermindsVersion = SEMVER_OF.pinned): KubeVersionCheck {
  const kubeVersion = sanitizeChartString(chartKubeVersion);
  if (kubeVersion === '') return { compatible: true };
  const helmVersion = helmKubeVersion(clusterVersion);
  if (helmVersion === undefined) return { compatible: false, reason: `"${clusterVersion}" is not a Kubernetes version Helm can parse` };
  const version = parseVersion(helmVersion)!;
  const constraints = parseConstraints(kubeVersion);
  if (!constraints) return { compatible: false, reason: `kubeVersion "${kubeVersion}" is not a constraint Helm can parse, so Helm treats it as incompatible with every version` };
  if (checkConstraints(constraints, version, semantics)) return { compatible: true };
  const prerelease = version.pre !== '' ? ` (${helmVersion} is a pre-release, which a constraint matches only if it names a pre-release itself, e.g. ">=1.23.0-0")` : '';
  return { compatible: false, reason: `chart requires kubeVersion: ${kubeVersion} which is incompatible with Kubernetes ${helmVersion}${prerelease}` };
}

/**
 * Whether a chart version is one `helm install --version <spec>` could have
 * fetched from a repository (pkg/repo/index.go IndexFile.Get: an exact string
 * match first, else the newest entry whose version satisfies the spec read as
 * a constraint; the empty spec means "*"). helm-controller passes
 * spec.version as --version (pkg/controllers/chart/chart.go, args()).
 */
export function chartVersionSatisfies(spec: string, chartVersion: string, semantics: MastermindsVersion = SEMVER_OF['helm-controller']): boolean {
  if (spec === chartVersion) return true;
  const constraints = parseConstraints(spec === '' ? '*' : spec);
  const version = parseVersion(chartVersion);
  return constraints !== undefined && version !== undefined && checkConstraints(constraints, version, semantics);
}
