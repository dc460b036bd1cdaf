import { isPlainObject } from '../../objects.js';
import { ALLOWED, type CheckResult, type PodView, type PolicyCheck } from './policy.js';
import { child, containers, containersText, joinQuote, podSecurityContext, securityContext, sortedSet, text } from './pod.js';

export const SECCOMP_BASELINE_ID = 'seccompProfile_baseline';
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** A seccomp profile type baseline and restricted accept (policy/check_seccompProfile_baseline.go, validSeccomp). */
export const validSeccomp = (type: string): boolean => type === 'Localhost' || type === 'RuntimeDefault';
const validAnnotation = (value: string): boolean => value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');

/** Before 1.19: the alpha annotations only. */
function annotations1_0({ metadata, spec }: PodView): CheckResult {
  const all = isPlainObject(metadata.annotations) ? metadata.annotations : {};
  const forbidden: string[] = [];
  const check = (key: string) => {
    if (!Object.hasOwn(all, key)) return;
    const value = typeof all[key] === 'string' ? (all[key] as string) : '';
    if (!validAnnotation(value)) forbidden.push(`${key}=${JSON.stringify(value)}`);
  };
  check(POD_ANNOTATION);
  for (const { name } of containers(spec)) check(`${CONTAINER_ANNOTATION_PREFIX}${name}`);
  const sorted = sortedSet(forbidden);
  return sorted.length === 0 ? ALLOWED : { allowed: false, reason: 'seccompProfile', detail: `forbidden ${sorted.length === 1 ? 'annotation' : 'annotations'} ${sorted.join(', ')}` };
}

/** From 1.19: the seccompProfile fields; a profile that is set must be RuntimeDefault or Localhost. */
function fields1_19({ spec }: PodView): CheckResult {
  const setters: string[] = [];
  const values: string[] = [];
  const podProfile = child(podSecurityContext(spec), 'seccompProfile');
  if (podProfile && !validSeccomp(text(podProfile, 'type'))) {
    setters.push('pod');
    values.push(text(podProfile, 'type'));
  }
  const bad: string[] = [];
  for (const { container, name } of containers(spec)) {
    const profile = child(securityContext(container), 'seccompProfile');
    if (profile && !validSeccomp(text(profile, 'type'))) {
      bad.push(name);
      values.push(text(profile, 'type'));
    }
  }
  if (bad.length > 0) setters.push(containersText(bad));
  return setters.length === 0 ? ALLOWED : { allowed: false, reason: 'seccompProfile', detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(values))}` };
}

/** Baseline: seccomp may not be set to Unconfined (policy/check_seccompProfile_baseline.go: annotations to 1.18, fields from 1.19). */
export const seccompBaseline: PolicyCheck = {
  id: SECCOMP_BASELINE_ID,
  level: 'baseline',
  versions: [
    { minimumVersion: 0, checkPod: annotations1_0 },
    { minimumVersion: 19, checkPod: fields1_19 },
  ],
};
