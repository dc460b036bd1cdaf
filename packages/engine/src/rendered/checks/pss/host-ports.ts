import { ALLOWED, type PolicyCheck } from './policy.js';
import { containers, containersText, list, pluralize } from './pod.js';
import { isPlainObject } from '../../objects.js';

/** Baseline: no container port with a hostPort other than 0 (policy/check_hostPorts.go, since 1.0). */
export const hostPorts: PolicyCheck = {
  id: 'hostPorts',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: ({ spec }) => {
        const bad: string[] = [];
        const ports = new Set<string>();
        for (const { container, name } of containers(spec)) {
          const used = list(container, 'ports').flatMap((port) => (isPlainObject(port) && typeof port.hostPort === 'number' && port.hostPort !== 0 ? [port.hostPort] : []));
          if (used.length > 0) bad.push(name);
          for (const port of used) ports.add(String(port));
        }
        // Upstream lists the ports as a sorted string set.
        const sorted = [...ports].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        return bad.length === 0 ? ALLOWED : { allowed: false, reason: 'hostPort', detail: `${containersText(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', sorted.length)} ${sorted.join(', ')}` };
      },
    },
  ],
};
