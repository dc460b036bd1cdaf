import { isPlainObject, type KubeObject } from '../../objects.js';

/**
 * Reading parsed pod specs the way Go decodes them: a field that is absent
 * or null is a nil pointer, a boolean is set only by a YAML boolean (the
 * API server refuses `"true"` before admission), and a number only by a
 * YAML number.
 */

/** A nested object, or undefined when absent, null or not an object (a nil pointer in Go). */
export function child(parent: unknown, key: string): KubeObject | undefined {
  if (!isPlainObject(parent)) return undefined;
  const value = parent[key];
  return isPlainObject(value) ? value : undefined;
}

/** A list, or empty. */
export function list(parent: unknown, key: string): unknown[] {
  if (!isPlainObject(parent)) return [];
  const value = parent[key];
  return Array.isArray(value) ? value : [];
}

/** A boolean field: true, false, or undefined for unset (a nil *bool). */
export function flag(parent: unknown, key: string): boolean | undefined {
  if (!isPlainObject(parent)) return undefined;
  const value = parent[key];
  return typeof value === 'boolean' ? value : undefined;
}

/** A string field, `` when unset (Go's zero value). */
export function text(parent: unknown, key: string): string {
  if (!isPlainObject(parent)) return '';
  const value = parent[key];
  return typeof value === 'string' ? value : '';
}

/** True when the field is present and not null (a non-nil pointer). */
export function present(parent: unknown, key: string): boolean {
  return isPlainObject(parent) && parent[key] !== undefined && parent[key] !== null;
}

/** A container and its place in the pod spec. */
export interface ContainerView {
  readonly container: KubeObject;
  readonly name: string;
  /** `initContainers[0]`, `containers[1]`, `ephemeralContainers[0]`. */
  readonly field: string;
}

/**
 * Every container of a pod spec in the order upstream visits them (policy/visitor.go,
 * visitContainers): init containers, containers, ephemeral containers.
 */
export function containers(spec: KubeObject): ContainerView[] {
  return ['initContainers', 'containers', 'ephemeralContainers'].flatMap((kind) =>
    list(spec, kind).flatMap((container, index) => (isPlainObject(container) ? [{ container, name: text(container, 'name'), field: `${kind}[${index}]` }] : [])),
  );
}

/** A container's securityContext, undefined when nil. */
export function securityContext(container: KubeObject): KubeObject | undefined {
  return child(container, 'securityContext');
}

/** The pod-level securityContext, undefined when nil. */
export function podSecurityContext(spec: KubeObject): KubeObject | undefined {
  return child(spec, 'securityContext');
}

/** spec.os.name is windows (upstream exempts such pods from Linux-only restricted checks since 1.25). */
export function isWindows(spec: KubeObject): boolean {
  return text(child(spec, 'os'), 'name') === 'windows';
}

/** spec.hostUsers is false: the pod runs in a user namespace (policy/helpers.go, relaxPolicyForUserNamespacePod). */
export function inUserNamespace(spec: KubeObject): boolean {
  return flag(spec, 'hostUsers') === false;
}

/** Upstream's joinQuote: `"a", "b"`. */
export function joinQuote(items: readonly string[]): string {
  return items.length === 0 ? '' : `"${items.join('", "')}"`;
}

/** Upstream's pluralize. */
export function pluralize(singular: string, plural: string, count: number): string {
  return count === 1 ? singular : plural;
}

/** `container "a"`, `containers "a", "b"`. */
export function containersText(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

/** Sorted, deduplicated (Go's sets.NewString(...).List()): code-unit order. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
