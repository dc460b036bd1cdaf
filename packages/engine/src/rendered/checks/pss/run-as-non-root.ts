import { ALLOWED, type CheckResult, type PodView, type PolicyCheck } from './policy.js';
import { containers, containersText, flag, inUserNamespace, podSecurityContext, securityContext } from './pod.js';

function runAsNonRoot({ spec }: PodView): CheckResult {
  const setters: string[] = [];
  const podValue = flag(podSecurityContext(spec), 'runAsNonRoot');
  if (podValue === false) setters.push('pod');
  const podNonRoot = podValue === true;
  const explicit: string[] = [];
  const implicit: string[] = [];
  for (const { container, name } of containers(spec)) {
    const value = flag(securityContext(container), 'runAsNonRoot');
    if (value === false) explicit.push(name);
    else if (value === undefined && !podNonRoot) implicit.push(name);
  }
  if (explicit.length > 0) setters.push(containersText(explicit));
  if (setters.length > 0) return { allowed: false, reason: 'runAsNonRoot != true', detail: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false` };
  if (implicit.length > 0) return { allowed: false, reason: 'runAsNonRoot != true', detail: `pod or ${containersText(implicit)} must set securityContext.runAsNonRoot=true` };
  return ALLOWED;
}

/** Restricted: runAsNonRoot=true on the pod or every container; from 1.35 any value in a user namespace (policy/check_runAsNonRoot.go). */
export const runAsNonRootCheck: PolicyCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  versions: [
    { minimumVersion: 0, checkPod: runAsNonRoot },
    { minimumVersion: 35, checkPod: (pod) => (inUserNamespace(pod.spec) ? ALLOWED : runAsNonRoot(pod)) },
  ],
};
