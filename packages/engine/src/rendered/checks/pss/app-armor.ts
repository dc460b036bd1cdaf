import { ALLOWED, type PolicyCheck } from './policy.js';
import { child, containers, containersText, joinQuote, podSecurityContext, securityContext, sortedSet, text } from './pod.js';
import { isPlainObject } from '../../objects.js';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const allowedType = (type: string) => type === 'RuntimeDefault' || type === 'Localhost';
const allowedAnnotation = (value: string) => value === '' || value === 'runtime/default' || value.startsWith('localhost/');

/**
 * Baseline: AppArmor may not be overridden to unconfined: profile types
 * RuntimeDefault or Localhost only, beta annotations runtime/default or
 * localhost/* only (policy/check_appArmorProfile.go, since 1.0).
 */
export const appArmorProfile: PolicyCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: ({ metadata, spec }) => {
        const setters: string[] = [];
        const values: string[] = [];
        const podProfile = child(podSecurityContext(spec), 'appArmorProfile');
        if (podProfile && !allowedType(text(podProfile, 'type'))) {
          setters.push('pod');
          values.push(text(podProfile, 'type'));
        }
        const bad: string[] = [];
        for (const { container, name } of containers(spec)) {
          const profile = child(securityContext(container), 'appArmorProfile');
          if (profile && !allowedType(text(profile, 'type'))) {
            bad.push(name);
            values.push(text(profile, 'type'));
          }
        }
        if (bad.length > 0) setters.push(containersText(bad));
        const valueList = sortedSet(values);
        const annotations = isPlainObject(metadata.annotations) ? metadata.annotations : {};
        const forbidden = Object.entries(annotations)
          .filter(([key, value]) => key.startsWith(ANNOTATION_PREFIX) && !allowedAnnotation(typeof value === 'string' ? value : ''))
          .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        if (forbidden.length > 0) {
          valueList.push(...forbidden);
          setters.push(forbidden.length === 1 ? 'annotation' : 'annotations');
        }
        return setters.length === 0
          ? ALLOWED
          : { allowed: false, reason: valueList.length === 1 ? 'forbidden AppArmor profile' : 'forbidden AppArmor profiles', detail: `${setters.join(' and ')} must not set AppArmor profile type to ${joinQuote(valueList)}` };
      },
    },
  ],
};
