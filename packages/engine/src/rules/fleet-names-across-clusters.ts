import { error, type Finding } from './finding.js';
import type { InventoryRule } from './rule.js';
import type { TreeView } from './view.js';

/**
 * Within one Fleet, a namespace holds one GitRepo and one Bundle of each
 * name: `kubectl apply` of a second GitRepo of the same name replaces the
 * first, and `fleet apply` of a second GitRepo's Bundle of the same name
 * takes it over (bundles are looked up by namespace and name,
 * rancher/fleet v0.13.15 internal/cmd/cli/apply/apply.go, save). Clusters on
 * one Fleet manager share its workspace, so their GitRepos and Bundles must
 * differ by name; standalone clusters each have a Fleet of their own.
 */
export const fleetNamesAcrossClusters: InventoryRule = {
  id: 'fleet-names-across-clusters',
  summary: 'two clusters on one Fleet never give a GitRepo or a Bundle the same name in one namespace',
  check(views) {
    const findings: Finding[] = [];
    const gitRepos = new Map<string, TreeView>();
    const bundles = new Map<string, { view: TreeView; file: string }>();
    for (const view of views) {
      if (!view.gitRepo) continue;
      const scope = `${view.fleetInstance ?? ''}\u0000${view.gitRepo.namespace}`;
      const where = `namespace ${view.gitRepo.namespace} of ${view.fleetInstance ?? 'one Fleet'}`;
      const repoKey = `${scope}\u0000${view.gitRepo.name}`;
      const otherRepo = gitRepos.get(repoKey);
      if (otherRepo?.gitRepo) {
        findings.push(error(this.id, view.gitRepo.file, `GitRepo "${view.gitRepo.name}" is also ${otherRepo.gitRepo.file} in ${where}; applying one replaces the other`, { field: 'metadata.name', hint: 'give each cluster on a Fleet manager its own fleet.gitRepo (e.g. platform-<cluster>)' }));
      } else gitRepos.set(repoKey, view);
      for (const bundle of view.bundles.filter((candidate) => candidate.listed)) {
        const key = `${scope}\u0000${bundle.name}`;
        const other = bundles.get(key);
        if (other && other.view !== view) {
          findings.push(error(this.id, bundle.fleetYamlFile, `Fleet would name this Bundle "${bundle.name}", the same as ${other.file} in ${where}; one cluster's bundle would replace the other's`, { hint: 'give the clusters different fleet.gitRepo names, or drop a fleet.yaml name override' }));
        } else if (!other) bundles.set(key, { view, file: bundle.fleetYamlFile });
      }
    }
    return findings;
  },
};
