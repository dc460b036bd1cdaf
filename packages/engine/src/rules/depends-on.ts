import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';
import type { BundleView, TreeView } from './view.js';

/** The bundles each bundle's dependsOn names resolve to (selector entries are matched at run time by Fleet and left out). */
export function dependencyEdges(view: TreeView): Map<BundleView, BundleView[]> {
  return new Map(view.bundles.map((bundle) => [bundle, (bundle.fleetYaml.dependsOn ?? []).flatMap((entry) => view.bundleByName.get(String(entry?.name)) ?? [])]));
}

/**
 * Fleet holds a bundle back until every dependsOn bundle is Ready
 * (internal/cmd/agent/deployer: checkDependency). A name that matches no
 * Bundle, or one the GitRepo never lists, leaves it waiting forever. An entry
 * with only a selector is valid in 0.13 (matched by labels); an empty entry
 * is skipped by Fleet and so does nothing.
 */
export const dependsOn: Rule = {
  id: 'depends-on',
  summary: 'every dependsOn entry names a bundle of this GitRepo that the GitRepo lists',
  check(view) {
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      for (const entry of bundle.fleetYaml.dependsOn ?? []) {
        const name = entry?.name;
        const selector = entry?.selector as { matchLabels?: object; matchExpressions?: unknown[] } | null | undefined;
        // An empty selector (not a missing one) is labels.Everything() in checkDependency: it matches every
        // BundleDeployment of the cluster, this bundle's own included, so the bundle never deploys.
        if (selector && typeof selector === 'object' && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0) {
          findings.push(error(this.id, bundle.fleetYamlFile, 'a dependsOn selector that selects nothing in particular matches every bundle, this one included, so Fleet never deploys it', { field: 'dependsOn' }));
          continue;
        }
        if (name === undefined || name === null || name === '') {
          if (entry?.selector === undefined || entry.selector === null) findings.push(error(this.id, bundle.fleetYamlFile, 'a dependsOn entry without name or selector: Fleet skips it, so it waits for nothing', { field: 'dependsOn' }));
          continue;
        }
        const target = view.bundleByName.get(String(name));
        if (!target) {
          findings.push(error(this.id, bundle.fleetYamlFile, `dependsOn "${String(name)}" names no bundle of this GitRepo; Fleet would wait forever`, { field: 'dependsOn', hint: 'depend on a bundle of this platform, by the name Fleet computes' }));
        } else if (bundle.listed && !target.listed) {
          findings.push(error(this.id, bundle.fleetYamlFile, `dependsOn ${String(name)} (${target.dir}) is not listed in the GitRepo, so Fleet would wait forever`, { field: 'dependsOn', hint: 'enable that bundle or drop the dependency' }));
        }
      }
    }
    return findings;
  },
};
