import { posix } from 'node:path';
import { CHART_ARCHIVE_NOT_COUNTED, MAX_MEASURED_OBJECT_BYTES, sizeMessage, storedHelmValuesBytes, storedObjectBytes, storedResourcesBytes } from '../fleet/stored-size.js';
import { loadDocumentOrUndefined } from '../yaml/yaml.js';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

const asMap = (value: unknown): Record<string, unknown> | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);

/**
 * What a bundle puts into etcd, measured as the cluster stores it. A Fleet
 * Bundle holds helm.values with the values files merged over them as
 * uncompressed JSON, plus the bundle's other files, gzipped and base64'd
 * only past 1,000,000 bytes (rancher/fleet v0.13.15
 * internal/bundlereader/resources.go and read.go); an RKE2 HelmChart is one
 * object holding its values file. Each must fit one etcd request (1.5 MiB by
 * default) with a margin for the chart archive, which is not counted yet.
 */
export const bundleSize: Rule = {
  id: 'bundle-size',
  summary: 'every Bundle and HelmChart fits one etcd request with a margin',
  check(view) {
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      const helm = bundle.fleetYaml.helm;
      const valuesFiles = new Set(bundle.valuesFiles);
      const values = bundle.valuesFiles.map((file) => asMap(loadDocumentOrUndefined(view.tree.get(file) ?? '')) ?? {});
      const valuesBytes = helm ? storedHelmValuesBytes(asMap(helm.values), values) : 0;
      const resourcesBytes = storedResourcesBytes(bundle.files.filter(([file]) => !valuesFiles.has(file)).map(([, content]) => content));
      const total = valuesBytes + resourcesBytes;
      if (total <= MAX_MEASURED_OBJECT_BYTES) continue;
      // A values file is a byte copy of charts/<id>/values.yaml, named <id>.values.yaml.
      const source = bundle.valuesFiles[0] ? `charts/${posix.basename(bundle.valuesFiles[0]).replace(/\.values\.yaml$/, '')}/values.yaml` : undefined;
      const what = helm
        ? `the Bundle's helm.values (${bundle.valuesFiles.map((file) => posix.basename(file)).join(', ') || 'none'} merged over the values from cluster config: ${valuesBytes} bytes of JSON, never compressed) plus its files (${resourcesBytes} bytes)`
        : `the Bundle's files (${resourcesBytes} bytes as Fleet stores them)`;
      findings.push(error(this.id, bundle.fleetYamlFile, sizeMessage(what, total, helm ? CHART_ARCHIVE_NOT_COUNTED : undefined), { hint: source ? `shrink ${source}` : 'split the bundle' }));
    }
    for (const { file, object } of view.documents) {
      if (object.kind !== 'HelmChart') continue;
      const bytes = storedObjectBytes(object);
      if (bytes > MAX_MEASURED_OBJECT_BYTES) findings.push(error(this.id, file, sizeMessage("the HelmChart object (its valuesContent is the chart's values file)", bytes), { hint: 'move values out of the chart values file or split the release' }));
    }
    return findings;
  },
};
