import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { kubeNamespace } from './object.js';

export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** Pod Security Admission labels: one level for enforce, audit and warn, checked against the latest policy. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/audit': level,
    'pod-security.kubernetes.io/warn': level,
  };
}

/** A Namespace, optionally with a Pod Security level. */
export function namespace(scope: Construct, name: string, podSecurity?: PodSecurityLevel): ApiObject {
  return kubeNamespace(scope, `namespace-${name}`, {
    metadata: { name, ...(podSecurity ? { labels: podSecurityLabels(podSecurity) } : {}) },
  });
}
