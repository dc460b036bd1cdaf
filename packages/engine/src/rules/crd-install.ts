import { mergeValues } from '../fleet/stored-size.js';
import { loadDocumentOrUndefined } from '../yaml/yaml.js';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

const asMap = (value: unknown): Record<string, unknown> => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/**
 * A chart whose CRDs come from a separate chart (charts/<id>/chart.yaml
 * `crds.install: separate-chart`) must have its own CRD install turned off:
 * Helm installs a crds/ copy once and never upgrades it, and two releases
 * would own the same objects. It must also wait for the CRD chart's bundle:
 * dependsOn is the only ordering Fleet has (deployer.go, checkDependency);
 * RKE2 HelmCharts have none, so there the split is refused.
 */
export const crdInstall: Rule = {
  id: 'crd-install',
  summary: 'a chart that takes its CRDs from a separate chart turns its own off and depends on that chart',
  check(view) {
    const findings: Finding[] = [];
    const entries = view.charts?.all() ?? [];
    const entryOf = (chart: unknown, version: unknown) => entries.find((entry) => entry.chart === chart && entry.version === version);
    for (const { object } of view.documents) {
      const spec = object.spec as { chart?: unknown; version?: unknown } | undefined;
      const entry = object.kind === 'HelmChart' ? entryOf(spec?.chart, spec?.version) : undefined;
      if (entry?.crds.install === 'separate-chart') {
        findings.push(error(this.id, `charts/${entry.id}/chart.yaml`, `${entry.chart} takes its CRDs from a separate chart, but RKE2 HelmCharts cannot wait for another release`, { field: 'crds.install' }));
      }
    }
    for (const bundle of view.bundles) {
      const helm = bundle.fleetYaml.helm;
      const entry = helm ? entryOf(helm.chart, helm.version) : undefined;
      const crds = entry?.crds;
      if (!entry || !crds || crds.install !== 'separate-chart' || !crds.chart || !crds.disabledBy) continue;
      // What Helm gets, as Fleet merges it: helm.values with the values files laid over them.
      const merged = bundle.valuesFiles.reduce((values, file) => mergeValues(values, asMap(loadDocumentOrUndefined(view.tree.get(file) ?? ''))), asMap(helm?.values));
      const configured = crds.disabledBy.split('.').reduce<unknown>((node, key) => asMap(node)[key], merged);
      if (configured !== false) {
        findings.push(error(this.id, entry.valuesFile, `${crds.disabledBy} must be false: the CRDs come from the ${crds.chart} chart, and this chart would also install its own copy once`, { field: crds.disabledBy, hint: `set ${crds.disabledBy}: false in ${entry.valuesFile}` }));
      }
      const crdChart = entries.find((candidate) => candidate.id === crds.chart);
      const waits = (bundle.fleetYaml.dependsOn ?? []).some((dependency) => view.bundleByName.get(String(dependency?.name))?.fleetYaml.helm?.chart === crdChart?.chart);
      if (!waits) {
        findings.push(error(this.id, bundle.fleetYamlFile, `must depend on the bundle that installs ${crds.chart}: Fleet would deploy this chart before its CRDs exist`, { field: 'dependsOn', hint: `add a FleetBundle with phase.chart('${crds.chart}') and list it in dependsOn` }));
      }
    }
    return findings;
  },
};
