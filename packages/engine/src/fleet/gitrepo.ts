import type { ClusterConfig } from '../config/schema.js';

/** The Fleet GitRepo (fleet.cattle.io/v1alpha1) that points Fleet at the bundles in dist/. */
export function gitRepoObject(config: ClusterConfig, paths: readonly string[]): Record<string, unknown> {
  return {
    apiVersion: 'fleet.cattle.io/v1alpha1',
    kind: 'GitRepo',
    metadata: { name: config.fleet.gitRepo, namespace: config.fleet.namespace },
    spec: {
      repo: config.git.repo,
      branch: config.git.branch,
      clientSecretName: config.secrets.gitCredentials,
      pollingInterval: config.fleet.pollingInterval,
      paths: [...paths],
    },
  };
}
