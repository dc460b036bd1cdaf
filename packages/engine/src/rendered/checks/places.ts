import { displayKey, groupOf, keyOf } from '../identity.js';
import type { RenderedBundle, RenderedCluster, RenderedObject, RenderedTree } from '../model.js';
import { bundleObjects, isPlainObject, type KubeObject } from '../objects.js';
import type { PodView } from './pss/policy.js';

/** One object of the tree, with the cluster and bundle it goes to. */
export interface ObjectPlace {
  readonly cluster: RenderedCluster;
  readonly bundle: RenderedBundle;
  readonly entry: RenderedObject;
  readonly object: KubeObject;
}

/** Every object of every bundle of every cluster, Lists expanded, in input order. */
export function* everyObject(tree: RenderedTree): Generator<ObjectPlace> {
  for (const cluster of tree.clusters) for (const bundle of cluster.bundles) for (const { object, entry } of bundleObjects(bundle)) yield { cluster, bundle, entry, object };
}

/** The repository file a finding about this object points at: its own source, else its bundle's file, else `cluster/bundle`. */
export function findingFile(place: ObjectPlace): string {
  return place.entry.source?.file ?? place.bundle.file ?? `${place.cluster.name}/${place.bundle.name}`;
}

/** How a finding names the object: `cluster prod, bundle storage-longhorn: Deployment.apps longhorn-system/longhorn-ui (longhorn/templates/deployment.yaml)`. */
export function subject(place: ObjectPlace): string {
  const template = place.entry.source?.template;
  return `cluster ${place.cluster.name}, bundle ${place.bundle.name}: ${displayKey(keyOf(place.object))}${template ? ` (${template})` : ''}`;
}

/** The namespace a namespaced object lands in: its own, else the release namespace Helm and Fleet put it in, else `default`. */
export function effectiveNamespace(place: ObjectPlace): string {
  const metadata = isPlainObject(place.object.metadata) ? place.object.metadata : {};
  return typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : (place.bundle.release?.namespace ?? 'default');
}

/** A pod (or pod template) inside a workload, and the dotted path to it. */
export interface PodTemplate {
  readonly pod: PodView;
  /** `spec.template`, `spec.jobTemplate.spec.template`, or `` for a Pod. */
  readonly field: string;
}

/** Where each workload kind keeps its pod, by group and kind. */
const TEMPLATE_PATHS: ReadonlyArray<readonly [string, string, readonly string[]]> = [
  ['', 'Pod', []],
  ['', 'PodTemplate', ['template']],
  ['', 'ReplicationController', ['spec', 'template']],
  ['apps', 'ReplicaSet', ['spec', 'template']],
  ['apps', 'Deployment', ['spec', 'template']],
  ['apps', 'DaemonSet', ['spec', 'template']],
  ['apps', 'StatefulSet', ['spec', 'template']],
  ['batch', 'Job', ['spec', 'template']],
  ['batch', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
];

/**
 * The pod a workload creates, for the kinds pod-security-admission reads
 * (v0.36.2 admission/admission.go, DefaultPodSpecExtractor.ExtractPodSpec):
 * Pod, PodTemplate, ReplicationController, ReplicaSet, Deployment,
 * DaemonSet, StatefulSet, Job and CronJob, matched by group and kind as the
 * API server decodes them. Anything else, or a workload without a template, has none.
 */
export function podTemplate(object: KubeObject): PodTemplate | undefined {
  const group = typeof object.apiVersion === 'string' ? groupOf(object.apiVersion) : undefined;
  const path = TEMPLATE_PATHS.find(([g, kind]) => g === group && kind === object.kind)?.[2];
  if (!path) return undefined;
  let node: unknown = object;
  for (const key of path) node = isPlainObject(node) ? node[key] : undefined;
  if (!isPlainObject(node)) return undefined;
  const metadata = isPlainObject(node.metadata) ? node.metadata : {};
  const spec = isPlainObject(node.spec) ? node.spec : {};
  return { pod: { metadata, spec }, field: path.join('.') };
}
