import { ALLOWED, type PolicyCheck } from './policy.js';
import { flag } from './pod.js';

/** Baseline: no hostNetwork, hostPID or hostIPC (pod-security-admission v0.36.2 policy/check_hostNamespaces.go, since 1.0). */
export const hostNamespaces: PolicyCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: ({ spec }) => {
        const shared = (['hostNetwork', 'hostPID', 'hostIPC'] as const).filter((field) => flag(spec, field) === true).map((field) => `${field}=true`);
        return shared.length === 0 ? ALLOWED : { allowed: false, reason: 'host namespaces', detail: shared.join(', ') };
      },
    },
  ],
};
