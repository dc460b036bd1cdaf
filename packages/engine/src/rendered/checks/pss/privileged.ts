import { ALLOWED, type PolicyCheck } from './policy.js';
import { containers, containersText, flag, securityContext } from './pod.js';

/** Baseline: no container with securityContext.privileged=true (policy/check_privileged.go, since 1.0). */
export const privileged: PolicyCheck = {
  id: 'privileged',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: ({ spec }) => {
        const bad = containers(spec)
          .filter(({ container }) => flag(securityContext(container), 'privileged') === true)
          .map(({ name }) => name);
        return bad.length === 0 ? ALLOWED : { allowed: false, reason: 'privileged', detail: `${containersText(bad)} must not set securityContext.privileged=true` };
      },
    },
  ],
};
