import type { Construct } from 'constructs';
import { ClusterPolicy, type ValidateRule } from './cluster-policy.js';

/** Audit until a week of clean PolicyReports has accumulated (seed 000 §12); then flip per policy. */
const ACTION = 'Audit' as const;
const pods = { any: [{ resources: { kinds: ['Pod'] } }] };

/** Every container list of a Pod, for rules that check each container. */
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

function eachContainer(pattern: Record<string, unknown>) {
  return CONTAINER_LISTS.map((list) => ({ list: `request.object.spec.${list}`, pattern }));
}

function rule(name: string, message: string, body: Pick<ValidateRule['validate'], 'pattern' | 'foreach'>, exclude?: readonly string[]): ValidateRule {
  return {
    name,
    match: pods,
    ...(exclude && exclude.length > 0 ? { exclude: { any: [{ resources: { namespaces: exclude } }] } } : {}),
    validate: { failureAction: ACTION, message, ...body },
  };
}

/**
 * The four audit policies of seed 000 §11. `hostPathNamespaces` is the
 * allow-list for disallow-host-path, derived from where the platform installs
 * its own components.
 */
export function auditPolicies(scope: Construct, hostPathNamespaces: readonly string[]): ClusterPolicy[] {
  return [
    new ClusterPolicy(scope, {
      name: 'disallow-privileged',
      title: 'Disallow privileged containers',
      category: 'Pod Security Standards (Baseline)',
      severity: 'high',
      description: 'Privileged containers can do almost anything the host can. Containers must not set securityContext.privileged to true.',
      rules: [
        rule('privileged-containers', 'Privileged containers are not allowed: unset securityContext.privileged or set it to false.', {
          foreach: eachContainer({ '=(securityContext)': { '=(privileged)': 'false' } }),
        }),
      ],
    }),
    new ClusterPolicy(scope, {
      name: 'disallow-latest-tag',
      title: 'Disallow the latest tag',
      category: 'Best Practices',
      severity: 'medium',
      description: 'An image without a tag, or tagged latest, changes under a running workload. Pin a version.',
      rules: [
        rule('require-image-tag', 'Every image needs a tag: name a version, not none.', { foreach: eachContainer({ image: '*:*' }) }),
        rule('validate-image-tag', 'The mutable tag latest is not allowed: name a version.', { foreach: eachContainer({ image: '!*:latest' }) }),
      ],
    }),
    new ClusterPolicy(scope, {
      name: 'require-resource-limits',
      title: 'Require CPU and memory limits',
      category: 'Best Practices',
      severity: 'medium',
      description: 'A container without limits can starve its node. Every container must set resources.limits.cpu and resources.limits.memory.',
      rules: [
        rule('validate-resource-limits', 'Set resources.limits.cpu and resources.limits.memory on every container.', {
          foreach: eachContainer({ resources: { limits: { cpu: '?*', memory: '?*' } } }),
        }),
      ],
    }),
    new ClusterPolicy(scope, {
      name: 'disallow-host-path',
      title: 'Disallow hostPath volumes',
      category: 'Pod Security Standards (Baseline)',
      severity: 'medium',
      description:
        'hostPath volumes reach into the node file system. Only the platform\'s own infrastructure namespaces may use them; the list is generated from where the platform installs its components.',
      rules: [
        rule('host-path', 'hostPath volumes are not allowed outside the infrastructure namespaces: use a PersistentVolumeClaim.', { pattern: { spec: { '=(volumes)': [{ 'X(hostPath)': 'null' }] } } }, hostPathNamespaces),
      ],
    }),
  ];
}
