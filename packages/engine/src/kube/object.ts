import { ApiObject } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-30';
import type { Construct } from 'constructs';

/**
 * Core Kubernetes objects, typed by cdk8s-plus-30's generated props but
 * built as plain ApiObjects. Only the types are imported: loading the 3 MB of
 * generated L1 classes would cost every synth about 90 ms, and for these
 * kinds their JSON is exactly the props.
 */
function coreObject<Props extends object>(apiVersion: string, kind: string) {
  return (scope: Construct, id: string, props: Props): ApiObject => new ApiObject(scope, id, { apiVersion, kind, ...props });
}

export const kubeNamespace = coreObject<k8s.KubeNamespaceProps>('v1', 'Namespace');
export const kubeConfigMap = coreObject<k8s.KubeConfigMapProps>('v1', 'ConfigMap');
export const kubeIngress = coreObject<k8s.KubeIngressProps>('networking.k8s.io/v1', 'Ingress');
