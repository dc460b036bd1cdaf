import { posix } from 'node:path';
import { fleetBundleName, helmReleaseName } from '../fleet/names.js';
import { DEFAULT_LAYOUT, OutputLayout, type Tree } from '../output/layout.js';
import type { Finding } from '../rules/finding.js';
import { loadDocumentOrUndefined } from '../yaml/yaml.js';

type Parse = (text: string) => unknown;

/**
 * The YAML reader, remembering each text it parsed: a file the change leaves
 * as it was (most of them) is parsed once for both trees, not twice. The
 * documents are only read, never changed, so sharing one is safe.
 */
function parseOnce(): Parse {
  const parsed = new Map<string, unknown>();
  return (text) => {
    if (!parsed.has(text)) parsed.set(text, loadDocumentOrUndefined(text));
    return parsed.get(text);
  };
}

/** A deployed bundle as Fleet sees it: its Bundle name and the Helm release the agent keeps for it. */
interface DeployedBundle {
  readonly dir: string;
  /** Which Fleet and namespace hold the Bundle: a Bundle is known by these and its name. */
  readonly scope: string;
  readonly name: string;
  /** namespace/releaseName, as the agent's cleanup compares it. */
  readonly release: string;
  /** For messages: the cluster it deploys to, when the tree says. */
  readonly cluster: string | undefined;
}

/** A GitRepo of a tree and the Fleet that holds it. */
interface GitRepoOf {
  readonly file: string;
  readonly scope: string;
  readonly name: string;
  readonly namespace: string;
  readonly paths: readonly string[];
  readonly cluster: string | undefined;
}

/**
 * Every GitRepo under fleet/, in any layout (fleet/gitrepo.yaml of a
 * single-cluster tree, fleet/<cluster>/gitrepo.yaml of an inventory). A
 * fleet-local GitRepo lives in its cluster's own Fleet; any other namespace
 * is a manager's workspace, shared by every cluster registered there.
 */
function gitRepos(tree: Tree, layout: OutputLayout, parse: Parse): GitRepoOf[] {
  const found: GitRepoOf[] = [];
  for (const [file, text] of tree) {
    if (!file.startsWith(`${layout.fleet}/`) || !/\.ya?ml$/.test(file)) continue;
    const object = parse(text) as { kind?: string; metadata?: { name?: string; namespace?: string }; spec?: { paths?: string[] } } | undefined;
    if (object?.kind !== 'GitRepo') continue;
    const namespace = object.metadata?.namespace ?? 'default';
    const cluster = OutputLayout.clusterOf(file);
    const scope = namespace === 'fleet-local' ? `the Fleet of cluster ${cluster ?? '(single-cluster tree)'}` : 'the Fleet manager';
    found.push({ file, scope: `${scope} ${namespace}`, name: object.metadata?.name ?? '', namespace, paths: Array.isArray(object.spec?.paths) ? object.spec.paths : [], cluster });
  }
  return found;
}

/**
 * The Bundles a tree makes Fleet create: one per GitRepo path with a
 * fleet.yaml, named as `fleet apply` names it, with its release key as the
 * agent computes it (rancher/fleet v0.13.15
 * internal/cmd/agent/deployer/cleanup/cleanup.go, releaseKey: namespace,
 * else defaultNamespace, else the agent's default namespace, `default`
 * unless configured; helm.releaseName, else the bundle name).
 */
function deployedBundles(tree: Tree, repos: readonly GitRepoOf[], parse: Parse): DeployedBundle[] {
  return repos.flatMap((gitRepo) =>
    gitRepo.paths.flatMap((dir) => {
      const text = tree.get(posix.join(dir, 'fleet.yaml'));
      if (text === undefined) return [];
      const fleetYaml = (parse(text) ?? {}) as { name?: string; defaultNamespace?: string; namespace?: string; helm?: { releaseName?: string } };
      const name = fleetYaml.name ?? fleetBundleName(gitRepo.name, dir);
      const namespace = fleetYaml.namespace ?? fleetYaml.defaultNamespace ?? 'default';
      return [{ dir, scope: gitRepo.scope, name, release: `${namespace}/${fleetYaml.helm?.releaseName ?? helmReleaseName(name)}`, cluster: gitRepo.cluster }];
    }),
  );
}

/**
 * A single-cluster tree's GitRepo (fleet/gitrepo.yaml) was applied to a
 * cluster the tree does not name. Against an inventory, it stands for each
 * cluster whose standalone GitRepo has its namespace and name: the migration
 * moves that cluster's bundles, and each such cluster sees the same renames.
 */
function placeSingleClusterRepos(before: GitRepoOf[], after: readonly GitRepoOf[]): GitRepoOf[] {
  return before.flatMap((gitRepo) => {
    if (gitRepo.cluster !== undefined || gitRepo.namespace !== 'fleet-local' || after.some((other) => other.cluster === undefined)) return [gitRepo];
    const heirs = after.filter((other) => other.namespace === gitRepo.namespace && other.name === gitRepo.name);
    return heirs.length === 0 ? [gitRepo] : heirs.map((heir) => ({ ...gitRepo, scope: heir.scope, cluster: heir.cluster }));
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
  const parse = parseOnce();
  const afterRepos = gitRepos(rendered, layout, parse);
  const beforeRepos = placeSingleClusterRepos(gitRepos(committed, layout, parse), afterRepos);
  if (beforeRepos.length === 0) return [];
  const before = deployedBundles(committed, beforeRepos, parse);
  const after = deployedBundles(rendered, afterRepos, parse);
  const key = (bundle: DeployedBundle) => `${bundle.scope}\u0000${bundle.name}`;
  const afterByName = new Map(after.map((bundle) => [key(bundle), bundle]));
  // A directory is matched by its place inside its cluster: dist/<phase>/<bundle> of a single-cluster tree is dist/<cluster>/<phase>/<bundle>.
  const place = (bundle: DeployedBundle) => `${bundle.scope}\u0000${bundle.cluster && bundle.dir.startsWith(`${layout.dist}/${bundle.cluster}/`) ? `${layout.dist}/${bundle.dir.slice(layout.dist.length + bundle.cluster.length + 2)}` : bundle.dir}`;
  const afterByDir = new Map(after.map((bundle) => [place(bundle), bundle]));
  const beforeNames = new Set(before.map(key));
  const problems: Finding[] = [];
  for (const old of before) {
    const same = afterByName.get(key(old));
    if (same) {
      if (same.release !== old.release) {
        problems.push({
          severity: 'warning',
          file: `${same.dir}/fleet.yaml`,
          rule: 'release-rename',
          message: `${onCluster(same)}Helm release ${old.release} becomes ${same.release}: Fleet uninstalls ${old.release} with everything it installed and installs ${same.release} from scratch`,
        });
      }
      continue;
    }
    // The same directory under a new name, or a new Bundle that installs the same release (a moved directory).
    const successor = afterByDir.get(place(old)) ?? after.find((bundle) => bundle.scope === old.scope && bundle.release === old.release && !beforeNames.has(key(bundle)));
    problems.push({
      severity: 'warning',
      file: `${(successor ?? old).dir}/fleet.yaml`,
      rule: 'bundle-rename',
      message: successor
        ? `${onCluster(old)}Bundle ${old.name} becomes ${successor.name}: Fleet deletes ${old.name}, uninstalling release ${old.release} with everything it installed, then installs ${successor.release} as new (rancher/fleet#719, #795)`
        : `${onCluster(old)}Bundle ${old.name} is no longer in the GitRepo: Fleet deletes it and uninstalls release ${old.release} with everything it installed`,
    });
  }
  return problems;
}

function onCluster(bundle: DeployedBundle): string {
  return bundle.cluster ? `cluster ${bundle.cluster}: ` : '';
}
