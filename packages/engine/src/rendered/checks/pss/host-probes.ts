import { ALLOWED, type PolicyCheck } from './policy.js';
import { child, containers, containersText, joinQuote, pluralize, sortedSet, text } from './pod.js';
import type { KubeObject } from '../../objects.js';

/** The hosts a probe or lifecycle handler sets in httpGet.host or tcpSocket.host. */
function hosts(handler: KubeObject | undefined): string[] {
  return [text(child(handler, 'httpGet'), 'host'), text(child(handler, 'tcpSocket'), 'host')].filter((host) => host !== '');
}

/**
 * Baseline: probes and lifecycle handlers may not set a host (they would
 * make the kubelet connect elsewhere) (policy/check_hostProbesAndhostLifecycle.go, since 1.34).
 */
export const hostProbesAndHostLifecycle: PolicyCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 34,
      checkPod: ({ spec }) => {
        const bad = new Set<string>();
        const forbidden: string[] = [];
        for (const { container, name } of containers(spec)) {
          const lifecycle = child(container, 'lifecycle');
          const found = [...hosts(child(container, 'livenessProbe')), ...hosts(child(container, 'readinessProbe')), ...hosts(child(container, 'startupProbe')), ...hosts(child(lifecycle, 'postStart')), ...hosts(child(lifecycle, 'preStop'))];
          if (found.length > 0) bad.add(name);
          forbidden.push(...found);
        }
        const names = sortedSet(bad);
        const values = sortedSet(forbidden);
        return names.length === 0
          ? ALLOWED
          : { allowed: false, reason: 'probe or lifecycle host', detail: `${containersText(names)} ${pluralize('uses', 'use', names.length)} ${pluralize('probe or lifecycle host', 'probe or lifecycle hosts', values.length)} ${joinQuote(values)}` };
      },
    },
  ],
};
