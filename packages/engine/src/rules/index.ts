import type { Tree } from '../output/layout.js';
import { bundleContent } from './bundle-content.js';
import { bundleNames } from './bundle-names.js';
import { bundleSize } from './bundle-size.js';
import { chartKubernetes } from './chart-kubernetes.js';
import { crdInstall } from './crd-install.js';
import { crdSplit } from './crd-split.js';
import { dependencyCycle } from './dependency-cycle.js';
import { dependsOn } from './depends-on.js';
import type { Finding } from './finding.js';
import { gitRepoPaths } from './gitrepo-paths.js';
import { helmPin } from './helm-pin.js';
import { injectedDrift } from './injected-drift.js';
import { namespaceNames } from './namespace-names.js';
import { nesting } from './nesting.js';
import { phaseOrder } from './phase-order.js';
import { podSecurityLabels } from './pod-security-labels.js';
import { podSecurityNamespaces } from './pod-security-namespaces.js';
import { preprocess } from './preprocess.js';
import { releaseNames } from './release-names.js';
import type { InventoryRule, Rule } from './rule.js';
import { fleetNamesAcrossClusters } from './fleet-names-across-clusters.js';
import { schema } from './schema.js';
import { secrets } from './secrets.js';
import { valuesFiles } from './values-files.js';
import { valuesOverlap } from './values-overlap.js';
import { viewOf, type TreeView, type ViewContext } from './view.js';

/** Every rule, in the order findings are reported. A new check is one file and one line here. */
export const RULES: readonly Rule[] = [
  gitRepoPaths,
  bundleNames,
  nesting,
  bundleContent,
  helmPin,
  releaseNames,
  namespaceNames,
  valuesFiles,
  preprocess,
  valuesOverlap,
  dependsOn,
  phaseOrder,
  dependencyCycle,
  crdSplit,
  crdInstall,
  podSecurityLabels,
  podSecurityNamespaces,
  injectedDrift,
  bundleSize,
  chartKubernetes,
  secrets,
  schema,
];

/** Every rule across clusters. */
export const INVENTORY_RULES: readonly InventoryRule[] = [fleetNamesAcrossClusters];

/** Runs the rules across clusters over every cluster's view. */
export function runInventoryRules(views: readonly TreeView[], rules: readonly InventoryRule[] = INVENTORY_RULES): Finding[] {
  return views.length < 2 ? [] : rules.flatMap((rule) => rule.check(views));
}

/** Runs every rule over one parsed view of `tree`. */
export function checkTree(tree: Tree, context: ViewContext, rules: readonly Rule[] = RULES): Finding[] {
  return runRules(viewOf(tree, context), rules);
}

export function runRules(view: TreeView, rules: readonly Rule[] = RULES): Finding[] {
  return [...view.parseFindings, ...rules.flatMap((rule) => rule.check(view))];
}

export type { Finding, Severity } from './finding.js';
export type { InventoryRule, Rule } from './rule.js';
export type { TreeView, ViewContext } from './view.js';
