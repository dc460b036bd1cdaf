import { posix } from 'node:path';
import { fleetBundleName, helmReleaseName } from '../fleet/names.js';
import { DEFAULT_LAYOUT, type OutputLayout, type Tree } from '../output/layout.js';
import type { Finding } from '../rules/finding.js';
import { loadDocumentOrUndefined } from '../yaml/yaml.js';

/** A deployed bundle as Fleet sees it: its Bundle name and the Helm release the agent keeps for it. */
interface DeployedBundle {
  readonly dir: string;
  readonly name: string;
  /** namespace/releaseName, as the agent's cleanup compares it. */
  readonly release: string;
}

/**
 * The Bundles a tree makes Fleet create: one per GitRepo path with a
 * fleet.yaml, named as `fleet apply` names it, with its release key as the
 * agent computes it (rancher/fleet v0.13.15
 * internal/cmd/agent/deployer/cleanup/cleanup.go, releaseKey: namespace,
 * else defaultNamespace, else the agent's default namespace, `default`
 * unless configured; helm.releaseName, else the bundle name).
 */
function deployedBundles(tree: Tree, layout: OutputLayout): DeployedBundle[] {
  const gitRepo = loadDocumentOrUndefined(tree.get(layout.gitRepoFile) ?? '') as { metadata?: { name?: string }; spec?: { paths?: string[] } } | undefined;
  const gitRepoName = gitRepo?.metadata?.name ?? '';
  return (gitRepo?.spec?.paths ?? []).flatMap((dir) => {
    const text = tree.get(posix.join(dir, 'fleet.yaml'));
    if (text === undefined) return [];
    const fleetYaml = (loadDocumentOrUndefined(text) ?? {}) as { name?: string; defaultNamespace?: string; namespace?: string; helm?: { releaseName?: string } };
    const name = fleetYaml.name ?? fleetBundleName(gitRepoName, dir);
    const namespace = fleetYaml.namespace ?? fleetYaml.defaultNamespace ?? 'default';
    return [{ dir, name, release: `${namespace}/${fleetYaml.helm?.releaseName ?? helmReleaseName(name)}` }];
  });
}

/**
 * What a change between the committed tree and a new render does on a
 * cluster, where it is more than an update:
 * - a Bundle name that disappears: `fleet apply` deletes that Bundle
 *   (internal/cmd/cli/apply/apply.go, pruneBundlesNotFoundInRepo) and the
 *   agent uninstalls its release with everything in it
 *   (cleanup/cleanup.go, CleanupReleases); a new name is a new install
 *   (rancher/fleet#719, #795);
 * - the same Bundle with another release name or namespace: the agent's
 *   garbage collection uninstalls the old release (cleanup.go, cleanup:
 *   "release name doesn't match") and installs the new one.
 * Each is reported on the new fleet.yaml (or the old one, when the bundle is gone),
 * as a warning: the change may be intended, but the reviewer must see what it does.
 */
export function bundleRenames(committed: Tree, rendered: Tree, layout: OutputLayout = DEFAULT_LAYOUT): Finding[] {
  if (!committed.has(layout.gitRepoFile)) return [];
  const before = deployedBundles(committed, layout);
  const after = deployedBundles(rendered, layout);
  const afterByName = new Map(after.map((bundle) => [bundle.name, bundle]));
  const afterByDir = new Map(after.map((bundle) => [bundle.dir, bundle]));
  const problems: Finding[] = [];
  for (const old of before) {
    const same = afterByName.get(old.name);
    if (same) {
      if (same.release !== old.release) {
        problems.push({
          severity: 'warning',
          file: `${same.dir}/fleet.yaml`,
          rule: 'release-rename',
          message: `Helm release ${old.release} becomes ${same.release}: Fleet uninstalls ${old.release} with everything it installed and installs ${same.release} from scratch`,
        });
      }
      continue;
    }
    // The same directory under a new name, or a new Bundle that installs the same release (a moved directory).
    const successor = afterByDir.get(old.dir) ?? after.find((bundle) => bundle.release === old.release && !before.some((earlier) => earlier.name === bundle.name));
    problems.push({
      severity: 'warning',
      file: `${(successor ?? old).dir}/fleet.yaml`,
      rule: 'bundle-rename',
      message: successor
        ? `Bundle ${old.name} becomes ${successor.name}: Fleet deletes ${old.name}, uninstalling release ${old.release} with everything it installed, then installs ${successor.release} as new (rancher/fleet#719, #795)`
        : `Bundle ${old.name} is no longer in the GitRepo: Fleet deletes it and uninstalls release ${old.release} with everything it installed`,
    });
  }
  return problems;
}
