import type { KubeSchema } from '../schema-types.js';
import {
  anything,
  boolean,
  core,
  duration,
  int32,
  int64,
  intOrString,
  listOf,
  localObjectReference,
  mapOf,
  object,
  oneOfStrings,
  securityContext,
  string,
  stringList,
} from './builders.js';

/**
 * helm.cattle.io/v1 as served by helm-controller v0.16.16, the version RKE2
 * v1.31.14 bundles (pkg/apis/helm.cattle.io/v1/types.go at that tag). Later
 * releases add `values`, `serverSide`, `forceConflicts`, `driver` and a
 * `retry` failure policy; the v0.16.16 API server prunes those silently, so
 * here they are unknown fields.
 */

/** reinstall (the default) or abort; `retry` came later. */
const failurePolicy = oneOfStrings('abort', 'reinstall');

/**
 * The job pod's PodSecurityContext as v0.16.16's CRD has it: generated from
 * k8s.io/api v0.32, so it already has `seLinuxChangePolicy`, which the 1.31
 * core definition lacks.
 */
const podSecurityContext = object({
  appArmorProfile: core('io.k8s.api.core.v1.AppArmorProfile'),
  fsGroup: int64,
  fsGroupChangePolicy: string,
  runAsGroup: int64,
  runAsNonRoot: boolean,
  runAsUser: int64,
  seLinuxChangePolicy: string,
  seLinuxOptions: core('io.k8s.api.core.v1.SELinuxOptions'),
  seccompProfile: core('io.k8s.api.core.v1.SeccompProfile'),
  supplementalGroups: listOf(int64),
  supplementalGroupsPolicy: string,
  sysctls: listOf(core('io.k8s.api.core.v1.Sysctl')),
  windowsOptions: core('io.k8s.api.core.v1.WindowsSecurityContextOptions'),
});

/** SecretSpec: a Secret holding values files, by key. */
const valuesSecret = object({
  name: string,
  keys: stringList,
  ignoreUpdates: boolean,
});

export const helmChart: KubeSchema = object({
  spec: object({
    targetNamespace: string,
    createNamespace: boolean,
    chart: string,
    version: string,
    repo: string,
    repoCA: string,
    repoCAConfigMap: localObjectReference,
    set: mapOf(intOrString),
    valuesContent: string,
    valuesSecrets: listOf(valuesSecret),
    helmVersion: string,
    bootstrap: boolean,
    takeOwnership: boolean,
    chartContent: string,
    jobImage: string,
    backOffLimit: int32,
    // metav1.Duration; the CRD only says "string", but the job fails on anything
    // time.ParseDuration rejects, so the format is checked here.
    timeout: duration,
    failurePolicy,
    authSecret: localObjectReference,
    authPassCredentials: boolean,
    insecureSkipTLSVerify: boolean,
    plainHTTP: boolean,
    dockerRegistrySecret: localObjectReference,
    podSecurityContext,
    securityContext,
  }),
  status: anything,
});

export const helmChartConfig: KubeSchema = object({
  spec: object({
    valuesContent: string,
    valuesSecrets: listOf(valuesSecret),
    failurePolicy,
  }),
});
