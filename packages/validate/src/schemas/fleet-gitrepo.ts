import type { KubeSchema } from '../schema-types.js';
import {
  anything,
  boolean,
  bytes,
  duration,
  int64,
  listOf,
  nullable,
  object,
  string,
  stringList,
} from './builders.js';
import { correctDrift, gitTarget } from './fleet-common.js';

/**
 * fleet.cattle.io/v1alpha1 GitRepo as in Fleet v0.13.15 (gitrepo_types.go
 * and the fleet-crd chart at that tag). All 24 spec fields exist in 0.13.
 * The intervals are metav1.Duration: 0.13's CRD accepts any string there,
 * but the controller parses them with time.ParseDuration, so `1d` fails at
 * run time; the Go duration format is checked here.
 */
export const gitRepo: KubeSchema = object({
  spec: object(
    {
      repo: { type: 'string', minLength: 1 },
      branch: nullable(string),
      revision: nullable(string),
      targetNamespace: nullable(string),
      clientSecretName: nullable(string),
      helmSecretName: nullable(string),
      helmSecretNameForPaths: nullable(string),
      helmRepoURLRegex: nullable(string),
      caBundle: nullable(bytes),
      insecureSkipTLSVerify: boolean,
      paths: nullable(stringList),
      paused: boolean,
      serviceAccount: nullable(string),
      targets: listOf(gitTarget),
      pollingInterval: nullable(duration),
      forceSyncGeneration: int64,
      imageScanInterval: duration,
      imageScanCommit: object({ authorName: string, authorEmail: string, messageTemplate: string }),
      keepResources: boolean,
      deleteNamespace: boolean,
      correctDrift,
      disablePolling: boolean,
      ociRegistrySecret: string,
      webhookSecret: string,
      bundles: listOf(object({ base: string, options: nullable(string) })),
    },
    { required: ['repo'] },
  ),
  status: anything,
});
