import { podSecurityLabels } from '../kube/namespace.js';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * A bundle that needs a Pod Security level (FleetBundle `podSecurity`) gets
 * it only from a Namespace object an RKE2 bundle declares: Fleet cannot set
 * the level (see pod-security-labels), RKE2 applies its manifests before Fleet
 * exists, Fleet's Helm install only creates a namespace that is missing
 * (internal/helmdeployer/install.go), and the agent leaves the labels of an
 * existing namespace alone when the bundle sets no namespaceLabels
 * (deployer.go, setNamespaceLabelsAndAnnotations). The need is stated in
 * phase code, so this rule reads the model as well as the tree.
 */
export const podSecurityNamespaces: Rule = {
  id: 'pod-security-namespaces',
  summary: 'every namespace that needs a Pod Security level is declared with it in an RKE2 bundle',
  check(view) {
    if (!view.model) return [];
    const declared = new Map<string, Record<string, unknown>>();
    for (const { object } of view.documents) {
      if (object.apiVersion === 'v1' && object.kind === 'Namespace' && typeof object.metadata?.name === 'string' && !view.bundles.some((bundle) => bundle.documents.some((document) => document.object === object))) {
        declared.set(object.metadata.name, (object.metadata.labels ?? {}) as Record<string, unknown>);
      }
    }
    const findings: Finding[] = [];
    for (const bundle of view.model.fleetBundles) {
      const level = bundle.props.podSecurity;
      // A bundle left out of the GitRepo deploys nothing, so its namespace may wait until it is enabled.
      if (!level || !bundle.enabled) continue;
      const file = `${bundle.path}/fleet.yaml`;
      const namespace = bundle.props.namespace;
      if (!namespace) {
        findings.push(error(this.id, file, "podSecurity needs the bundle's namespace (defaultNamespace)", { field: 'defaultNamespace' }));
        continue;
      }
      const labels = declared.get(namespace);
      if (!labels) {
        findings.push(
          error(this.id, file, `namespace ${namespace} needs Pod Security level ${level}, but no RKE2 bundle declares it; Fleet would create it unlabelled`, {
            field: 'defaultNamespace',
            hint: `declare namespace(bundle, '${namespace}', '${level}') in an RKE2 bundle, which RKE2 applies before Fleet runs`,
          }),
        );
      } else if (Object.entries(podSecurityLabels(level)).some(([key, value]) => labels[key] !== value)) {
        findings.push(error(this.id, file, `namespace ${namespace} is declared in an RKE2 bundle without Pod Security level ${level}`, { field: 'defaultNamespace', hint: `label it ${level}` }));
      }
    }
    return findings;
  },
};
