import { HelmChart, Rke2Bundle, namespace, rke2Phase } from '@platform/engine';

export const FLEET_NAMESPACE = 'cattle-fleet-system';

/**
 * Phase 4: Fleet itself. RKE2 installs and keeps reconciling it, which is
 * why this directory is never a Fleet bundle: Fleet would fight
 * helm-controller over its own release. The GitRepo is generated into fleet/.
 */
export const gitops = rke2Phase({
  name: 'gitops',
  summary: 'Fleet (fleet-crd, then fleet; standalone clusters only) and the Pod Security-labelled namespaces of Fleet bundles; the GitRepo in fleet/<cluster>/ points Fleet at dist/<cluster>/',
  source: 'packages/gitops',
  build(phase) {
    // A cluster on a central Fleet manager is deployed by the manager's Fleet (through the agent Rancher
    // installs when it registers the cluster); a Fleet of its own would be a second controller for nothing.
    if (phase.config.fleet.topology !== 'managed') {
      const bundle = new Rke2Bundle(phase, 'fleet');
      new HelmChart(bundle, 'crd', {
        chart: phase.chart('fleet-crd'),
        releaseName: 'fleet-crd',
        targetNamespace: FLEET_NAMESPACE,
        createNamespace: true,
      });
      new HelmChart(bundle, 'controller', {
        chart: phase.chart('fleet'),
        releaseName: 'fleet',
        targetNamespace: FLEET_NAMESPACE,
        createNamespace: true,
      });
    }

    // Namespaces whose Fleet bundles need a Pod Security level. Fleet 0.13.11+
    // drops pod-security labels from namespaceLabels (deployer.go,
    // addLabelsFromOptions), so the level has to be on a Namespace object that
    // exists before the bundles: RKE2 applies these before Fleet runs, Fleet's
    // Helm install reuses an existing namespace, and the agent never removes
    // pod-security labels. Kept here rather than in a Fleet bundle so that
    // renaming or deleting a bundle can never uninstall a namespace and
    // everything in it. The render checks that every bundle declaring
    // podSecurity finds its namespace here with that level.
    const namespaces = new Rke2Bundle(phase, 'namespaces');
    // node-exporter (hostNetwork, hostPID) and the log shipper (hostPath /var/log).
    namespace(namespaces, 'monitoring', 'privileged');
    // Trivy's node collector mounts host paths for the infrastructure assessment.
    namespace(namespaces, 'trivy-system', 'privileged');
    // Falco loads a kernel driver from a privileged DaemonSet; only once it is enabled.
    if (phase.config.security.falco) namespace(namespaces, 'falco', 'privileged');
  },
});
