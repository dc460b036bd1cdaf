import { coreModel } from './core/model.js';
import { excerpt } from './excerpt.js';

/** An apiVersion Kubernetes stopped serving for some kinds, and what replaced it. */
interface Removal {
  apiVersion: string;
  kinds: readonly string[];
  /** Kubernetes minor that no longer serves it. */
  removedIn: string;
  /** The apiVersion to use instead; undefined when the API went away entirely. */
  replacement?: string;
  /** What to do when there is no replacement. */
  note?: string;
}

/**
 * Kubernetes' "Deprecated API Migration Guide"
 * (kubernetes.io/docs/reference/using-api/deprecation-guide/, the v1.16 to
 * v1.32 sections): the apiVersions removed from the API server, per kind,
 * with the served replacement. removed-apis.test.ts checks that every
 * replacement is served by every version this validator carries.
 */
export const REMOVED_APIS: readonly Removal[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['DaemonSet', 'Deployment', 'ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet', 'ControllerRevision'], removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', kinds: ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'], removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', note: 'PodSecurityPolicy is gone since 1.25; use Pod Security Admission (namespace labels)' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], removedIn: '1.22', replacement: 'certificates.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'], removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25', replacement: 'autoscaling/v2' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: '1.25', replacement: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', note: 'PodSecurityPolicy has no replacement API; use Pod Security Admission (namespace labels)' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema', 'PriorityLevelConfiguration'], removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
];

/**
 * The note for an apiVersion the cluster still serves but a later Kubernetes
 * removes (the same guide): valid today, and named so the move happens before
 * the upgrade.
 */
export function deprecationNote(apiVersion: string, kind: string, kubernetesVersion: string): string | undefined {
  const removal = REMOVED_APIS.find((entry) => entry.apiVersion === apiVersion && entry.kinds.includes(kind));
  if (!removal || minor(removal.removedIn) <= minor(kubernetesVersion)) return undefined;
  return `${apiVersion} ${kind} is deprecated: Kubernetes ${removal.removedIn} removes it; ${removal.replacement ? `use ${removal.replacement}` : (removal.note ?? 'it has no replacement')}`;
}

function minor(version: string): number {
  return Number(version.split('.')[1] ?? 0);
}

/**
 * Why an object has no schema, in words that lead to the fix: a removed
 * apiVersion is named as such with its served replacement; a kind served
 * under another apiVersion names that one; anything else (a custom resource
 * without its CRD) points at --crd, --schema-location and
 * --ignore-missing-schemas.
 */
export function missingSchemaMessage(apiVersion: string, kind: string, kubernetesVersion: string): string {
  const shown = `${excerpt(apiVersion, { quoted: false })} ${excerpt(kind, { quoted: false })}`;
  const removal = REMOVED_APIS.find((entry) => entry.apiVersion === apiVersion && entry.kinds.includes(kind));
  if (removal) {
    const when = minor(removal.removedIn) <= minor(kubernetesVersion) ? `removed in Kubernetes ${removal.removedIn}` : `deprecated, removed in ${removal.removedIn}, and not in this validator's schemas`;
    const instead = removal.replacement ? `use ${removal.replacement}` : (removal.note ?? 'it has no replacement');
    return `Kubernetes ${kubernetesVersion} does not serve ${shown} (${when}); ${instead}`;
  }
  const served = Object.keys(coreModel(kubernetesVersion).kinds)
    .filter((key) => key.endsWith(` ${kind}`))
    .map((key) => key.slice(0, -kind.length - 1))
    .sort();
  if (served.length > 0) {
    return `Kubernetes ${kubernetesVersion} does not serve ${shown}; it serves ${excerpt(kind, { quoted: false })} as ${served.join(', ')}`;
  }
  return `no schema for ${shown} (Kubernetes ${kubernetesVersion} core API and the platform's CRDs); add its CRD with --crd or --schema-location, or pass --ignore-missing-schemas`;
}
