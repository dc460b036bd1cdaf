import { ALLOWED, type CheckResult, type PodView, type PolicyCheck } from './policy.js';
import { child, containers, containersText, joinQuote, podSecurityContext, securityContext, sortedSet, text } from './pod.js';
import type { KubeObject } from '../../objects.js';

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const ADDED_1_31 = ['container_engine_t'];

function seLinuxOptions(...types: ReadonlyArray<readonly string[]>): (pod: PodView) => CheckResult {
  const allowedTypes = new Set(types.flat());
  return ({ spec }) => {
    const badTypes: string[] = [];
    let setUser = false;
    let setRole = false;
    const valid = (options: KubeObject): boolean => {
      let ok = true;
      if (!allowedTypes.has(text(options, 'type'))) {
        ok = false;
        badTypes.push(text(options, 'type'));
      }
      if (text(options, 'user') !== '') {
        ok = false;
        setUser = true;
      }
      if (text(options, 'role') !== '') {
        ok = false;
        setRole = true;
      }
      return ok;
    };
    const setters: string[] = [];
    const podOptions = child(podSecurityContext(spec), 'seLinuxOptions');
    if (podOptions && !valid(podOptions)) setters.push('pod');
    const bad = containers(spec)
      .filter(({ container }) => {
        const options = child(securityContext(container), 'seLinuxOptions');
        return options !== undefined && !valid(options);
      })
      .map(({ name }) => name);
    if (bad.length > 0) setters.push(containersText(bad));
    if (setters.length === 0) return ALLOWED;
    const types = sortedSet(badTypes);
    const data = [...(types.length > 0 ? [`${types.length === 1 ? 'type' : 'types'} ${joinQuote(types)}`] : []), ...(setUser ? ['user may not be set'] : []), ...(setRole ? ['role may not be set'] : [])];
    return { allowed: false, reason: 'seLinuxOptions', detail: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${data.join('; ')}` };
  };
}

/** Baseline: SELinux type only from the container types, no user or role (policy/check_seLinuxOptions.go; container_engine_t allowed from 1.31). */
export const seLinuxOptionsCheck: PolicyCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: /* @__PURE__ */ seLinuxOptions(TYPES_1_0) },
    { minimumVersion: 31, checkPod: /* @__PURE__ */ seLinuxOptions(TYPES_1_0, ADDED_1_31) },
  ],
};
