import { HELM_RELEASE_NAME as RELEASE_NAME } from '../fleet/names.js';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';
import type { TreeView } from './view.js';

/** Every Helm release the tree installs: Fleet Helm bundles and RKE2 HelmCharts. */
export function helmReleases(view: TreeView): Array<{ file: string; field: string; release: unknown; namespace: string }> {
  const releases = view.bundles
    .filter((bundle) => bundle.fleetYaml.helm)
    .map((bundle) => ({
      file: bundle.fleetYamlFile,
      field: 'helm.releaseName',
      // Fleet's default release name is the bundle name (helmdeployer: releaseName or bundle ID).
      release: bundle.fleetYaml.helm?.releaseName ?? bundle.name,
      namespace: String(bundle.fleetYaml.namespace ?? bundle.fleetYaml.defaultNamespace ?? 'default'),
    }));
  for (const { file, object } of view.documents) {
    if (object.kind !== 'HelmChart') continue;
    const spec = (object.spec ?? {}) as { targetNamespace?: unknown };
    // helm-controller installs the release under the HelmChart's name into targetNamespace.
    releases.push({ file, field: 'metadata.name', release: String(object.metadata?.name ?? ''), namespace: String(spec.targetNamespace ?? object.metadata?.namespace ?? 'default') });
  }
  return releases;
}

/**
 * Helm refuses release names that are not DNS-1123 names of at most 53
 * characters (helm v3 pkg/chartutil: ValidateReleaseName), and a second release of
 * one name in one namespace is an upgrade of the first: one chart would
 * silently take over the other's objects.
 */
export const releaseNames: Rule = {
  id: 'release-name',
  summary: 'Helm release names are valid and unique per namespace',
  check(view) {
    const findings: Finding[] = [];
    const seen = new Map<string, string>();
    for (const { file, field, release, namespace } of helmReleases(view)) {
      if (typeof release !== 'string' || release.length > 53 || !RELEASE_NAME.test(release)) {
        findings.push(error(this.id, file, `release name ${JSON.stringify(release)} is not one Helm accepts (a string of lowercase letters, digits, - and ., at most 53)`, { field }));
        continue;
      }
      const key = `${namespace}/${release}`;
      const other = seen.get(key);
      if (other) findings.push(error(this.id, file, `release "${release}" in namespace ${namespace} is also installed by ${other}; Helm would treat one as an upgrade of the other`, { field, hint: 'give one of them another release name' }));
      else seen.set(key, file);
    }
    return findings;
  },
};
