import { isPlainObject } from '../../objects.js';
import { ALLOWED, type CheckResult, type PodView, type PolicyCheck } from './policy.js';
import { containers, containersText, inUserNamespace, podSecurityContext, securityContext } from './pod.js';

const isRoot = (context: unknown): boolean => isPlainObject(context) && context.runAsUser === 0;

function runAsUser({ spec }: PodView): CheckResult {
  const setters = [...(isRoot(podSecurityContext(spec)) ? ['pod'] : [])];
  const bad = containers(spec)
    .filter(({ container }) => isRoot(securityContext(container)))
    .map(({ name }) => name);
  if (bad.length > 0) setters.push(containersText(bad));
  return setters.length === 0 ? ALLOWED : { allowed: false, reason: 'runAsUser=0', detail: `${setters.join(' and ')} must not set runAsUser=0` };
}

/** Restricted: no runAsUser 0 on the pod or a container (from 1.23); from 1.35 any value in a user namespace (policy/check_runAsUser.go). */
export const runAsUserCheck: PolicyCheck = {
  id: 'runAsUser',
  level: 'restricted',
  versions: [
    { minimumVersion: 23, checkPod: runAsUser },
    { minimumVersion: 35, checkPod: (pod) => (inUserNamespace(pod.spec) ? ALLOWED : runAsUser(pod)) },
  ],
};
