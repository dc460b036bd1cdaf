/**
 * Which object is which. An object is identified by its API group, kind,
 * namespace and name, not by its apiVersion: the API server stores one object
 * per group and resource and serves it under every version of the group
 * (v1beta1 and v1 of a HorizontalPodAutoscaler are the same object), and Helm
 * matches the objects of two revisions the same way (helm v3.18.4
 * pkg/kube/resource.go, isMatchingInfo: name, namespace, group and kind since
 * 3.17.1; v4 compares GroupKind). So a new apiVersion of the same object is a
 * change of that object, which Helm applies as an update, not a delete and
 * create. A new group (extensions → networking.k8s.io) is another resource:
 * reported as one object removed and another added.
 */

/** The identity of one Kubernetes object. */
export interface ObjectKey {
  /** API group, `` for the core group (`v1`). */
  readonly group: string;
  readonly kind: string;
  /** `` for cluster-scoped objects and for namespaced objects that leave it to the release namespace. */
  readonly namespace: string;
  readonly name: string;
}

/** The group of an apiVersion: `apps` of `apps/v1`, `` of `v1`. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The key of a parsed object; missing fields are empty strings, so a malformed object still has a stable place. */
export function keyOf(object: Record<string, unknown>): ObjectKey {
  const metadata = object.metadata !== null && typeof object.metadata === 'object' ? (object.metadata as Record<string, unknown>) : {};
  return { group: groupOf(text(object.apiVersion)), kind: text(object.kind), namespace: text(metadata.namespace), name: text(metadata.name) };
}

/**
 * How people read a key, as kubectl prints a resource: `Deployment.apps
 * longhorn-system/longhorn-ui`, `ClusterRole.rbac.authorization.k8s.io
 * longhorn-role`, `ConfigMap kube-system/x`.
 */
export function displayKey(key: ObjectKey): string {
  const kind = key.group === '' ? key.kind || '(no kind)' : `${key.kind || '(no kind)'}.${key.group}`;
  const name = key.name || '(no name)';
  return `${kind} ${key.namespace === '' ? name : `${key.namespace}/${name}`}`;
}

/** A string unique per key, for maps; NUL cannot occur in a Kubernetes name, kind or group. */
export function keyId(key: ObjectKey): string {
  return `${key.kind}\u0000${key.group}\u0000${key.namespace}\u0000${key.name}`;
}

/** Code-unit order (never the locale's): kind, group, namespace, name. */
export function compareKeys(a: ObjectKey, b: ObjectKey): number {
  return compareText(a.kind, b.kind) || compareText(a.group, b.group) || compareText(a.namespace, b.namespace) || compareText(a.name, b.name);
}

/** Code-unit comparison, the same in every locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
