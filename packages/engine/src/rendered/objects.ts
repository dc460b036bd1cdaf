import type { RenderedBundle, RenderedObject } from './model.js';

/** A plain JSON-like object. */
export type KubeObject = Record<string, unknown>;

/** One object of a bundle after Lists are expanded, with the entry it came from. */
export interface ExpandedObject {
  readonly object: KubeObject;
  readonly entry: RenderedObject;
}

export function isPlainObject(value: unknown): value is KubeObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The objects Kubernetes would receive from one document: a List's items
 * (nested Lists too), the object itself otherwise. A document with an
 * `items` field decodes as a list in apimachinery
 * (pkg/apis/meta/v1/unstructured/unstructured.go, unstructuredJSONScheme.decode),
 * and Helm and kubectl flatten lists into their items before applying
 * (cli-runtime pkg/resource, FlattenListVisitor). Null and scalar documents
 * (`---` with nothing after it, which `helm template` emits) carry no object.
 */
export function expandDocument(document: unknown): KubeObject[] {
  if (!isPlainObject(document)) return [];
  if (!Array.isArray(document.items)) return [document];
  return document.items.flatMap((item) => expandDocument(item));
}

/** Every object of a bundle, Lists expanded, in input order. */
export function bundleObjects(bundle: RenderedBundle): ExpandedObject[] {
  return bundle.objects.flatMap((entry) => expandDocument(entry.object).map((object) => ({ object, entry })));
}
