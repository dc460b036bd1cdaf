import { ALLOWED, type PolicyCheck } from './policy.js';
import { child, containers, containersText, flag, podSecurityContext, securityContext } from './pod.js';

const hostProcess = (context: unknown): boolean => flag(child(context, 'windowsOptions'), 'hostProcess') === true;

/** Baseline: no Windows HostProcess pod or container (policy/check_windowsHostProcess.go, since 1.0). */
export const windowsHostProcess: PolicyCheck = {
  id: 'windowsHostProcess',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: ({ spec }) => {
        const bad = containers(spec)
          .filter(({ container }) => hostProcess(securityContext(container)))
          .map(({ name }) => name);
        const setters = [...(hostProcess(podSecurityContext(spec)) ? ['pod'] : []), ...(bad.length > 0 ? [containersText(bad)] : [])];
        return setters.length === 0 ? ALLOWED : { allowed: false, reason: 'hostProcess', detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true` };
      },
    },
  ],
};
