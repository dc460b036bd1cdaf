import { isPlainObject } from '../../objects.js';
import { ALLOWED, type CheckResult, type PodView, type PolicyCheck } from './policy.js';
import { list, podSecurityContext, text } from './pod.js';

/** The "safe" sysctls, namespaced and isolated per pod: the 1.0 set and what each later policy version adds (policy/check_sysctls.go). */
const SAFE_1_0 = ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start'];
const ADDED_1_27 = ['net.ipv4.ip_local_reserved_ports'];
const ADDED_1_29 = ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'];
const ADDED_1_32 = ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem'];

function sysctls(...safe: ReadonlyArray<readonly string[]>): (pod: PodView) => CheckResult {
  const allowed = new Set(safe.flat());
  return ({ spec }) => {
    const forbidden = list(podSecurityContext(spec), 'sysctls')
      .filter(isPlainObject)
      .map((sysctl) => text(sysctl, 'name'))
      .filter((name) => !allowed.has(name));
    return forbidden.length === 0 ? ALLOWED : { allowed: false, reason: 'forbidden sysctls', detail: forbidden.join(', ') };
  };
}

/** Baseline: only the safe sysctls, a set that grows with the policy version (policy/check_sysctls.go: 1.0, 1.27, 1.29, 1.32). */
export const sysctlsCheck: PolicyCheck = {
  id: 'sysctls',
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: /* @__PURE__ */ sysctls(SAFE_1_0) },
    { minimumVersion: 27, checkPod: /* @__PURE__ */ sysctls(SAFE_1_0, ADDED_1_27) },
    { minimumVersion: 29, checkPod: /* @__PURE__ */ sysctls(SAFE_1_0, ADDED_1_27, ADDED_1_29) },
    { minimumVersion: 32, checkPod: /* @__PURE__ */ sysctls(SAFE_1_0, ADDED_1_27, ADDED_1_29, ADDED_1_32) },
  ],
};
