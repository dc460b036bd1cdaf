import { isHelmChart } from '../rke2/helm-chart.js';
import { isFleetBundle } from './bundle.js';
import type { Phase } from './phase.js';

/**
 * Namespaces the platform installs its own components into: every Helm
 * release's namespace (RKE2 HelmCharts and Fleet Helm bundles, deployed or
 * not), plus kube-system, where RKE2 runs its own and the HelmCharts live.
 * Derived from the bundles, so a new infrastructure namespace cannot be forgotten.
 */
export function infrastructureNamespaces(phases: readonly Phase[]): string[] {
  const namespaces = new Set<string>(['kube-system']);
  for (const phase of phases) {
    for (const bundle of phase.bundles) {
      if (isFleetBundle(bundle) && bundle.props.helm && bundle.props.namespace) namespaces.add(bundle.props.namespace);
      for (const object of bundle.objects()) {
        if (isHelmChart(object)) namespaces.add(object.targetNamespace);
      }
    }
  }
  return [...namespaces].sort();
}
