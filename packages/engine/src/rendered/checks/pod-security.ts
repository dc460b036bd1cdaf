import type { RenderedCluster, RenderedTree } from '../model.js';
import { groupOf } from '../identity.js';
import { isPlainObject } from '../objects.js';
import type { Finding } from '../../rules/finding.js';
import { everyObject, effectiveNamespace, findingFile, podTemplate, subject } from './places.js';
import { LEVELS, type PodSecurityLevel } from './pss/policy.js';
import { evaluatePod, policyMinor, strictestPassingLevel } from './pss/registry.js';

export const POD_SECURITY_RULE = 'pod-security-level';

/** The label whose value is the level Pod Security admission enforces in a namespace (k8s.io/pod-security-admission api/constants.go, EnforceLevelLabel). */
export const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** The enforce level of each namespace of one cluster. */
export type NamespaceLevels = Readonly<Record<string, PodSecurityLevel>>;

export interface PodSecurityOptions {
  /**
   * The level of a namespace the map does not name: the cluster's admission
   * default (AdmissionConfiguration `defaults.enforce`). Kubernetes' own
   * default is privileged; RKE2 with `profile: cis` sets restricted.
   */
  readonly defaultLevel?: PodSecurityLevel;
  /** Namespaces the admission configuration exempts (`exemptions.namespaces`): never checked. */
  readonly exemptNamespaces?: readonly string[];
}

const isLevel = (value: unknown): value is PodSecurityLevel => typeof value === 'string' && (LEVELS as readonly string[]).includes(value);

/**
 * The enforce levels a cluster's own Namespace objects declare, from their
 * `pod-security.kubernetes.io/enforce` label. A value that is not a level
 * is left out: the API server refuses such a label on create
 * (admission/admission.go, "require valid labels on create").
 */
export function namespaceLevels(cluster: RenderedCluster): NamespaceLevels {
  const levels: Record<string, PodSecurityLevel> = {};
  for (const place of everyObject({ clusters: [cluster] })) {
    const { object } = place;
    if (object.kind !== 'Namespace' || typeof object.apiVersion !== 'string' || groupOf(object.apiVersion) !== '' || !isPlainObject(object.metadata)) continue;
    const { name, labels } = object.metadata;
    const level = isPlainObject(labels) ? labels[ENFORCE_LABEL] : undefined;
    if (typeof name === 'string' && isLevel(level)) levels[name] = level;
  }
  return levels;
}

/**
 * Workloads whose pods a namespace's Pod Security level would refuse. Each
 * pod template is evaluated at the namespace's enforce level with the
 * policy version the cluster's `latest` means (its Kubernetes minor), by a
 * faithful copy of pod-security-admission v0.36.2's checks (pss/). The API
 * server admits a Deployment whose pods fail and only warns; the pods are
 * then refused one by one (the ReplicaSet reports FailedCreate), so this
 * is an error before merge rather than a stuck rollout after it.
 * `levels` gives each cluster's namespace levels (namespaceLevels reads
 * them from the tree); the workload's namespace is its own, else its
 * release's, else `default`.
 */
export function checkPodSecurity(tree: RenderedTree, levels: (cluster: RenderedCluster) => NamespaceLevels, options: PodSecurityOptions = {}): Finding[] {
  const defaultLevel = options.defaultLevel ?? 'privileged';
  const exempt = new Set(options.exemptNamespaces ?? []);
  const levelsByCluster = new Map<RenderedCluster, NamespaceLevels>();
  const findings: Finding[] = [];
  for (const place of everyObject(tree)) {
    const template = podTemplate(place.object);
    if (!template) continue;
    const namespace = effectiveNamespace(place);
    if (exempt.has(namespace)) continue;
    let clusterLevels = levelsByCluster.get(place.cluster);
    if (!clusterLevels) {
      clusterLevels = levels(place.cluster);
      levelsByCluster.set(place.cluster, clusterLevels);
    }
    const enforced = Object.hasOwn(clusterLevels, namespace) ? (clusterLevels[namespace] as PodSecurityLevel) : defaultLevel;
    const minor = policyMinor(place.cluster.kubernetesVersion);
    // Most pods pass their namespace's level; only a failing one is evaluated again to name the level it needs.
    const failures = evaluatePod(enforced, minor, template.pod);
    if (failures.length === 0) continue;
    const needed = strictestPassingLevel(minor, template.pod);
    const reasons = failures.map((failure) => `${failure.reason} (${failure.detail})`).join('; ');
    findings.push({
      rule: POD_SECURITY_RULE,
      severity: 'error',
      file: findingFile(place),
      field: template.field === '' ? 'spec' : `${template.field}.spec`,
      message: `${subject(place)} needs Pod Security level ${needed}, but namespace ${namespace} enforces ${enforced}${Object.hasOwn(clusterLevels, namespace) ? '' : ' (the cluster default)'} at policy v1.${minor}: the API server would refuse its pods: ${reasons}`,
      hint: `label namespace ${namespace} ${ENFORCE_LABEL}=${needed}, or set the chart's values so the pod meets ${enforced}`,
    });
  }
  return findings;
}
