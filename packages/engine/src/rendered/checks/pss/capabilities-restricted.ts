import { CAPABILITIES_BASELINE_ID } from './capabilities-baseline.js';
import { ALLOWED, type CheckResult, type PodView, type PolicyCheck } from './policy.js';
import { child, containers, containersText, isWindows, joinQuote, list, securityContext, sortedSet } from './pod.js';

function restricted({ spec }: PodView): CheckResult {
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbidden: string[] = [];
  for (const { container, name } of containers(spec)) {
    const capabilities = child(securityContext(container), 'capabilities');
    if (!capabilities) {
      missingDropAll.push(name);
      continue;
    }
    if (!list(capabilities, 'drop').includes('ALL')) missingDropAll.push(name);
    const added = list(capabilities, 'add').map(String).filter((capability) => capability !== 'NET_BIND_SERVICE');
    if (added.length > 0) {
      addingForbidden.push(name);
      forbidden.push(...added);
    }
  }
  const details = [
    ...(missingDropAll.length > 0 ? [`${containersText(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`] : []),
    ...(addingForbidden.length > 0 ? [`${containersText(addingForbidden)} must not include ${joinQuote(sortedSet(forbidden))} in securityContext.capabilities.add`] : []),
  ];
  return details.length === 0 ? ALLOWED : { allowed: false, reason: 'unrestricted capabilities', detail: details.join('; ') };
}

/**
 * Restricted: every container drops ALL and adds nothing but
 * NET_BIND_SERVICE; replaces the baseline capabilities check; Windows pods
 * exempt from 1.25 (policy/check_capabilities_restricted.go, since 1.22).
 */
export const capabilitiesRestricted: PolicyCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  versions: [
    { minimumVersion: 22, checkPod: restricted, overrides: [CAPABILITIES_BASELINE_ID] },
    { minimumVersion: 25, checkPod: (pod) => (isWindows(pod.spec) ? ALLOWED : restricted(pod)), overrides: [CAPABILITIES_BASELINE_ID] },
  ],
};
