import type { KubeSchema } from '../schema-types.js';
import {
  boolean,
  duration,
  int64,
  intOrString,
  labelSelector,
  listOf,
  nullable,
  object,
  string,
  stringList,
  stringMap,
} from './builders.js';
import { correctDrift, gitTarget } from './fleet-common.js';

/**
 * fleet.yaml as Fleet v0.13.15 reads it: the FleetYAML struct (fleetyaml.go)
 * with the inlined BundleSpec and BundleDeploymentOptions. Fleet itself drops
 * unknown keys without a word, which is how a typo such as
 * `helm.releaseNmae` ships; here every level is closed.
 *
 * Left out on purpose: later keys (`createNamespace` and
 * `targetCustomizationMode` are 0.16, `downstreamResources` 0.14,
 * `dependsOn[].acceptedStates` 0.15, `rolloutStrategy.autoPartitionThreshold`
 * and `maxNew` later still) and the BundleSpec fields Fleet fills in itself
 * (`resources`, `targetRestrictions`, `contentsId`, `helmOpOptions`,
 * `valuesHash`).
 */

const keySelector = object(
  { name: string, namespace: string, key: string },
  { required: ['name'] },
);

/** HelmOptions. releaseName rules come from the Bundle CRD the spec ends up in. */
const helm = object({
  chart: string,
  repo: string,
  releaseName: nullable({
    type: 'string',
    maxLength: 53,
    pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
  }),
  version: string,
  timeoutSeconds: { type: 'integer' },
  values: nullable({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
  templateValues: nullable(stringMap),
  valuesFiles: nullable(stringList),
  valuesFrom: nullable(listOf(object({ configMapKeyRef: keySelector, secretKeyRef: keySelector }))),
  force: boolean,
  takeOwnership: boolean,
  maxHistory: { type: 'integer' },
  waitForJobs: boolean,
  atomic: boolean,
  disablePreProcess: boolean,
  disableDNS: boolean,
  skipSchemaValidation: boolean,
  disableDependencyUpdate: boolean,
});

const comparePatch = object({
  kind: string,
  apiVersion: string,
  namespace: string,
  name: string,
  operations: listOf(object({ op: string, path: string, value: string })),
  jsonPointers: stringList,
});

/** BundleDeploymentOptions: what both the bundle and each target may set. */
const deploymentOptions: Record<string, KubeSchema> = {
  yaml: object({ overlays: stringList }),
  kustomize: object({ dir: string }),
  defaultNamespace: string,
  namespace: string,
  helm,
  serviceAccount: string,
  forceSyncGeneration: int64,
  diff: object({ comparePatches: listOf(comparePatch) }),
  keepResources: boolean,
  deleteNamespace: boolean,
  ignore: object({ conditions: listOf(stringMap) }),
  correctDrift,
  namespaceLabels: stringMap,
  namespaceAnnotations: stringMap,
  deleteCRDResources: boolean,
};

/** BundleTarget: an entry of `targetCustomizations` (or the legacy `targets`). */
const bundleTarget = object({
  ...deploymentOptions,
  name: string,
  clusterName: string,
  clusterSelector: nullable(labelSelector),
  clusterGroup: string,
  clusterGroupSelector: nullable(labelSelector),
  doNotDeploy: boolean,
});

const partition = object({
  name: string,
  maxUnavailable: intOrString,
  clusterName: string,
  clusterSelector: nullable(labelSelector),
  clusterGroup: string,
  clusterGroupSelector: nullable(labelSelector),
});

const rolloutStrategy = object({
  maxUnavailable: intOrString,
  maxUnavailablePartitions: intOrString,
  autoPartitionSize: intOrString,
  partitions: listOf(partition),
});

/** ImageScanYAML: a name plus the ImageScan spec (image-scan must be enabled). */
const imageScan = object({
  name: string,
  tagName: string,
  gitrepoName: string,
  image: string,
  interval: duration,
  secretRef: object({ name: string }),
  suspend: boolean,
  policy: object({
    semver: object({ range: string }, { required: ['range'] }),
    alphabetical: object({ order: string }),
  }),
});

export const fleetYaml: KubeSchema = object({
  name: string,
  labels: stringMap,
  ...deploymentOptions,
  paused: boolean,
  rolloutStrategy,
  targets: listOf(bundleTarget),
  dependsOn: listOf(object({ name: string, selector: nullable(labelSelector) })),
  targetCustomizations: listOf(bundleTarget),
  imageScans: listOf(imageScan),
  overrideTargets: listOf(gitTarget),
});

