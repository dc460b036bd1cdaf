import { EXACT_VERSION } from '../charts/catalog.js';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/**
 * A Helm bundle names its repository, chart and exact version. Fleet hands a
 * version range to Helm, which resolves it at deploy time: every cluster and
 * every re-deploy could get another chart.
 */
export const helmPin: Rule = {
  id: 'helm-pin',
  summary: 'Helm bundles and HelmCharts pin repository, chart and an exact version',
  check(view) {
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      const helm = bundle.fleetYaml.helm;
      if (!helm) continue;
      if (!helm.repo || !helm.chart) findings.push(error(this.id, bundle.fleetYamlFile, 'helm.repo and helm.chart are both required', { field: 'helm' }));
      if (typeof helm.version !== 'string' || !EXACT_VERSION.test(helm.version)) {
        findings.push(error(this.id, bundle.fleetYamlFile, `helm.version "${String(helm.version ?? '')}" is not an exact version`, { field: 'helm.version', hint: 'pin the exact release you tested' }));
      }
    }
    for (const { file, object } of view.documents) {
      if (object.kind !== 'HelmChart') continue;
      const spec = (object.spec ?? {}) as { version?: unknown; chart?: unknown };
      if (typeof spec.chart === 'string' && !/^(https?|oci):\/\//.test(spec.chart) && (typeof spec.version !== 'string' || !EXACT_VERSION.test(spec.version))) {
        findings.push(error(this.id, file, `spec.version "${String(spec.version ?? '')}" is not an exact version`, { field: 'spec.version' }));
      }
    }
    return findings;
  },
};
