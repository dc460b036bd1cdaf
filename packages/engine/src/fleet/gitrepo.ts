import type { ClusterConfig } from '../config/schema.js';

/**
 * The Fleet GitRepo (fleet.cattle.io/v1alpha1) that points Fleet at one
 * cluster's bundles. Standalone: no targets, so Fleet takes the workspace's
 * `default` ClusterGroup, which in fleet-local is the one local cluster.
 * Managed: one target selecting exactly this cluster, because without it the
 * same default group would be every cluster of the manager's workspace
 * (rancher/fleet v0.13.15 internal/cmd/controller/gitops/reconciler/targetsyaml.go, targetsOrDefault).
 */
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
      ...(isManaged(config) ? { targets: [gitRepoTarget(config)] } : {}),
    },
  };
}

export function isManaged(config: ClusterConfig): boolean {
  return config.fleet.topology === 'managed';
}

/** A managed cluster's GitRepo target: the cluster's labels when given, else the Fleet cluster of the cluster's name. */
function gitRepoTarget(config: ClusterConfig): Record<string, unknown> {
  const target = config.fleet.target;
  if (target?.clusterLabels) return { name: config.cluster.name, clusterSelector: { matchLabels: { ...target.clusterLabels } } };
  return { name: config.cluster.name, clusterName: target?.clusterName ?? config.cluster.name };
}

/**
 * Which Fleet a cluster's GitRepo and Bundles live in: its own (standalone),
 * or its manager's, shared with every cluster on that manager. Names must be
 * unique within one Fleet's namespace.
 */
export function fleetInstance(config: ClusterConfig): string {
  return isManaged(config) ? `the Fleet manager "${config.fleet.manager ?? 'default'}"` : `the standalone Fleet of cluster "${config.cluster.name}"`;
}
