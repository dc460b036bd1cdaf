import { ALLOWED, type CheckResult, type PodView, type PolicyCheck } from './policy.js';
import { child, containers, containersText, isWindows, joinQuote, podSecurityContext, securityContext, sortedSet, text } from './pod.js';
import { SECCOMP_BASELINE_ID, validSeccomp } from './seccomp-baseline.js';

function restricted({ spec }: PodView): CheckResult {
  const setters: string[] = [];
  const values: string[] = [];
  let podSet = false;
  const podProfile = child(podSecurityContext(spec), 'seccompProfile');
  if (podProfile) {
    if (!validSeccomp(text(podProfile, 'type'))) {
      setters.push('pod');
      values.push(text(podProfile, 'type'));
    } else podSet = true;
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const { container, name } of containers(spec)) {
    const profile = child(securityContext(container), 'seccompProfile');
    if (profile) {
      if (!validSeccomp(text(profile, 'type'))) {
        explicit.push(name);
        values.push(text(profile, 'type'));
      }
    } else if (!podSet) implicit.push(name);
  }
  if (explicit.length > 0) setters.push(containersText(explicit));
  if (setters.length > 0) return { allowed: false, reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}` };
  if (implicit.length > 0) return { allowed: false, reason: 'seccompProfile', detail: `pod or ${containersText(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"` };
  return ALLOWED;
}

/**
 * Restricted: a seccomp profile must be set, RuntimeDefault or Localhost, on
 * the pod or every container; replaces the baseline seccomp check; Windows
 * pods exempt from 1.25 (policy/check_seccompProfile_restricted.go, since 1.19).
 */
export const seccompRestricted: PolicyCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: 19, checkPod: restricted, overrides: [SECCOMP_BASELINE_ID] },
    { minimumVersion: 25, checkPod: (pod) => (isWindows(pod.spec) ? ALLOWED : restricted(pod)), overrides: [SECCOMP_BASELINE_ID] },
  ],
};
