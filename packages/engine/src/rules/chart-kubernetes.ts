import { supportsKubernetes, type ChartEntry } from '../charts/catalog.js';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/** A chart release supports a range of Kubernetes minors; installing it on another is unsupported and often breaks on removed APIs. */
export const chartKubernetes: Rule = {
  id: 'chart-kubernetes',
  summary: "every chart the tree installs supports the cluster's Kubernetes version",
  check(view) {
    if (!view.charts) return [];
    const used = new Map<string, ChartEntry>();
    const entries = view.charts.all();
    const find = (chart: unknown, version: unknown) => entries.find((entry) => entry.chart === chart && entry.version === version);
    for (const bundle of view.bundles) {
      const entry = find(bundle.fleetYaml.helm?.chart, bundle.fleetYaml.helm?.version);
      if (entry) used.set(entry.id, entry);
    }
    for (const { object } of view.documents) {
      const spec = object.spec as { chart?: unknown; version?: unknown } | undefined;
      const entry = object.kind === 'HelmChart' ? find(spec?.chart, spec?.version) : undefined;
      if (entry) used.set(entry.id, entry);
    }
    const findings: Finding[] = [];
    for (const entry of [...used.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      if (supportsKubernetes(entry, view.kubernetesVersion)) continue;
      const range = `${entry.kubernetes.min} to ${entry.kubernetes.max ?? 'any newer'}`;
      findings.push(
        // A cluster's own pin is fixed in its inventory file; the shared pin in charts/<id>/chart.yaml.
        error(this.id, entry.pinnedBy ?? `charts/${entry.id}/chart.yaml`, `${entry.chart} ${entry.version} supports Kubernetes ${range}, but cluster ${view.layout.cluster ?? ''} runs ${view.kubernetesVersion}`.replace('cluster  runs', 'the cluster runs'), {
          field: entry.pinnedBy ? `charts.${entry.id}.version` : 'version',
          hint: 'pin a release that supports the cluster, or correct cluster.kubernetesVersion',
        }),
      );
    }
    return findings;
  },
};
