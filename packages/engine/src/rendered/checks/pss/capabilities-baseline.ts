import { ALLOWED, type PolicyCheck } from './policy.js';
import { child, containers, containersText, joinQuote, list, securityContext, sortedSet } from './pod.js';

/** The container runtime's default set, which baseline lets a container add back (policy/check_capabilities_baseline.go, capabilities_allowed_1_0). */
export const DEFAULT_CAPABILITIES: ReadonlySet<string> = /* @__PURE__ */ new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);

export const CAPABILITIES_BASELINE_ID = 'capabilities_baseline';

/** Baseline: capabilities.add only from the default set (policy/check_capabilities_baseline.go, since 1.0). */
export const capabilitiesBaseline: PolicyCheck = {
  id: CAPABILITIES_BASELINE_ID,
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: ({ spec }) => {
        const bad: string[] = [];
        const added: string[] = [];
        for (const { container, name } of containers(spec)) {
          const extra = list(child(securityContext(container), 'capabilities'), 'add')
            .map(String)
            .filter((capability) => !DEFAULT_CAPABILITIES.has(capability));
          if (extra.length > 0) {
            bad.push(name);
            added.push(...extra);
          }
        }
        return bad.length === 0 ? ALLOWED : { allowed: false, reason: 'non-default capabilities', detail: `${containersText(bad)} must not include ${joinQuote(sortedSet(added))} in securityContext.capabilities.add` };
      },
    },
  ],
};
