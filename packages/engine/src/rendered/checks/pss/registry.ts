import { allowPrivilegeEscalation } from './allow-privilege-escalation.js';
import { appArmorProfile } from './app-armor.js';
import { capabilitiesBaseline } from './capabilities-baseline.js';
import { capabilitiesRestricted } from './capabilities-restricted.js';
import { hostNamespaces } from './host-namespaces.js';
import { hostPathVolumes } from './host-path-volumes.js';
import { hostPorts } from './host-ports.js';
import { hostProbesAndHostLifecycle } from './host-probes.js';
import type { PodSecurityLevel, PodView, PolicyCheck, VersionedCheck } from './policy.js';
import { privileged } from './privileged.js';
import { procMountBaseline, procMountRestricted } from './proc-mount.js';
import { restrictedVolumes } from './restricted-volumes.js';
import { runAsNonRootCheck } from './run-as-non-root.js';
import { runAsUserCheck } from './run-as-user.js';
import { seccompBaseline } from './seccomp-baseline.js';
import { seccompRestricted } from './seccomp-restricted.js';
import { seLinuxOptionsCheck } from './se-linux-options.js';
import { sysctlsCheck } from './sysctls.js';
import { windowsHostProcess } from './windows-host-process.js';

/** Every check of pod-security-admission v0.36.2's policy package (one per policy/check_*.go). */
export const POLICY_CHECKS: readonly PolicyCheck[] = [
  allowPrivilegeEscalation,
  appArmorProfile,
  capabilitiesBaseline,
  capabilitiesRestricted,
  hostNamespaces,
  hostPathVolumes,
  hostPorts,
  hostProbesAndHostLifecycle,
  privileged,
  procMountBaseline,
  procMountRestricted,
  restrictedVolumes,
  runAsNonRootCheck,
  runAsUserCheck,
  seccompBaseline,
  seccompRestricted,
  seLinuxOptionsCheck,
  sysctlsCheck,
  windowsHostProcess,
];

/**
 * The newest policy version any check of the pinned library defines (the
 * 1.35 versions of runAsNonRoot, runAsUser and procMount); a newer cluster
 * is evaluated at it (registry.go, EvaluatePod caps at maxVersion). A literal,
 * so that bundling the engine without using these checks drops them; the
 * specification checks it against the checks.
 */
export const NEWEST_POLICY_MINOR = 35;

/**
 * The policy version a cluster evaluates `latest` at: its Kubernetes minor
 * (`1.31`, `v1.31.4+rke2r1` → 31). Undefined or unreadable means the newest
 * version the pinned library knows.
 */
export function policyMinor(kubernetesVersion: string | undefined): number {
  const match = /^v?1\.(\d+)(?:\.|$|[-+])/.exec(kubernetesVersion ?? '');
  return match ? Math.min(Number(match[1]), NEWEST_POLICY_MINOR) : NEWEST_POLICY_MINOR;
}

/** The version of a check in force at a policy minor, if any yet (upstream inflateVersions). */
function inForce(check: PolicyCheck, minor: number): VersionedCheck | undefined {
  return check.versions.filter((version) => version.minimumVersion <= minor).at(-1);
}

/** One failed check. */
export interface PolicyFailure {
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  readonly reason: string;
  readonly detail: string;
}

const byId = (a: PolicyCheck, b: PolicyCheck) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The checks a pod fails at one level and policy version, as registry.go's
 * EvaluatePod runs them: privileged runs none; baseline runs the baseline
 * checks; restricted runs the restricted checks and the baseline checks they
 * do not override; baseline ids first, then restricted, each sorted.
 */
export function evaluatePod(level: PodSecurityLevel, minor: number, pod: PodView): PolicyFailure[] {
  if (level === 'privileged') return [];
  const baseline = POLICY_CHECKS.filter((check) => check.level === 'baseline').sort(byId);
  const restricted = level === 'restricted' ? POLICY_CHECKS.filter((check) => check.level === 'restricted').sort(byId) : [];
  const overridden = new Set(restricted.flatMap((check) => inForce(check, minor)?.overrides ?? []));
  const failures: PolicyFailure[] = [];
  for (const check of [...baseline.filter((check) => !overridden.has(check.id)), ...restricted]) {
    const version = inForce(check, minor);
    if (!version) continue;
    const result = version.checkPod(pod);
    if (!result.allowed) failures.push({ id: check.id, level: check.level, reason: result.reason ?? check.id, detail: result.detail ?? '' });
  }
  return failures;
}

/** The strictest level a pod passes: restricted, baseline, or privileged (which every pod passes). */
export function strictestPassingLevel(minor: number, pod: PodView): PodSecurityLevel {
  if (evaluatePod('restricted', minor, pod).length === 0) return 'restricted';
  if (evaluatePod('baseline', minor, pod).length === 0) return 'baseline';
  return 'privileged';
}
