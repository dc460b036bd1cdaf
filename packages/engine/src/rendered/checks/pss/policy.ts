import type { PodSecurityLevel } from '../../../kube/namespace.js';
import type { KubeObject } from '../../objects.js';

/**
 * The shapes of k8s.io/pod-security-admission's policy package (kubernetes
 * v1.36.2, tag v0.36.2: policy/checks.go, registry.go), over parsed YAML
 * instead of typed Go structs. Each check file beside this one mirrors one
 * upstream policy/check_*.go, version by version.
 */

/** A Pod Security Standards level: the engine's own type, the one namespaces are declared with. */
export type { PodSecurityLevel };

/** The levels, least strict first (api/helpers.go, CompareLevels). */
export const LEVELS: readonly PodSecurityLevel[] = ['privileged', 'baseline', 'restricted'];

/** A pod as the policy sees it: the pod's (or template's) metadata and spec, as parsed. */
export interface PodView {
  readonly metadata: KubeObject;
  readonly spec: KubeObject;
}

/** What one check says about a pod; upstream's CheckResult. */
export interface CheckResult {
  readonly allowed: boolean;
  /** Short reason, e.g. `host namespaces`. */
  readonly reason?: string;
  /** Detail naming containers and values, e.g. `hostNetwork=true`. */
  readonly detail?: string;
}

export const ALLOWED: CheckResult = { allowed: true };

/** One version of a check: from `minimumVersion` (a 1.x minor) on, until a later version replaces it. */
export interface VersionedCheck {
  readonly minimumVersion: number;
  readonly checkPod: (pod: PodView) => CheckResult;
  /** Baseline checks this restricted check replaces at the restricted level (upstream OverrideCheckIDs). */
  readonly overrides?: readonly string[];
}

/** One upstream check: its id, the level it belongs to, and its versions in increasing order. */
export interface PolicyCheck {
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  readonly versions: readonly VersionedCheck[];
}
