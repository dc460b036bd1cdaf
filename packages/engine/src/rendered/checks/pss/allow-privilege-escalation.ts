import { ALLOWED, type CheckResult, type PodView, type PolicyCheck } from './policy.js';
import { containers, containersText, flag, isWindows, securityContext } from './pod.js';

function requireFalse({ spec }: PodView): CheckResult {
  const bad = containers(spec)
    .filter(({ container }) => flag(securityContext(container), 'allowPrivilegeEscalation') !== false)
    .map(({ name }) => name);
  return bad.length === 0 ? ALLOWED : { allowed: false, reason: 'allowPrivilegeEscalation != false', detail: `${containersText(bad)} must set securityContext.allowPrivilegeEscalation=false` };
}

/** Restricted: every container sets allowPrivilegeEscalation=false (unset fails); Windows pods exempt from 1.25 (policy/check_allowPrivilegeEscalation.go, since 1.8). */
export const allowPrivilegeEscalation: PolicyCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  versions: [
    { minimumVersion: 8, checkPod: requireFalse },
    { minimumVersion: 25, checkPod: (pod) => (isWindows(pod.spec) ? ALLOWED : requireFalse(pod)) },
  ],
};
