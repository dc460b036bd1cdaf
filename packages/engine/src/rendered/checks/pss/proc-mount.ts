import { ALLOWED, type CheckResult, type PodView, type PolicyCheck } from './policy.js';
import { containers, containersText, inUserNamespace, joinQuote, securityContext, sortedSet } from './pod.js';
import { isPlainObject } from '../../objects.js';

export const PROC_MOUNT_ID = 'procMount';

/** Blocks any procMount but Default, unconditionally (policy/check_procMount_baseline.go, procMount_1_0). */
export function procMountDefaultOnly({ spec }: PodView): CheckResult {
  const bad: string[] = [];
  const types: string[] = [];
  for (const { container, name } of containers(spec)) {
    const context = securityContext(container);
    if (!context || !isPlainObject(context) || context.procMount === undefined || context.procMount === null) continue;
    if (context.procMount !== 'Default') {
      bad.push(name);
      types.push(String(context.procMount));
    }
  }
  return bad.length === 0 ? ALLOWED : { allowed: false, reason: 'procMount', detail: `${containersText(bad)} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}` };
}

/** Baseline: /proc stays masked (procMount Default); from 1.35 any value in a user namespace (hostUsers: false) (policy/check_procMount_baseline.go). */
export const procMountBaseline: PolicyCheck = {
  id: PROC_MOUNT_ID,
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: procMountDefaultOnly },
    { minimumVersion: 35, checkPod: (pod) => (inUserNamespace(pod.spec) ? ALLOWED : procMountDefaultOnly(pod)) },
  ],
};

/** Restricted: from 1.35, keeps the unconditional Default-only rule, replacing the relaxed baseline one (policy/check_procMount_restricted.go). */
export const procMountRestricted: PolicyCheck = {
  id: 'procMount_restricted',
  level: 'restricted',
  versions: [{ minimumVersion: 35, checkPod: procMountDefaultOnly, overrides: [PROC_MOUNT_ID] }],
};
