import { posix } from 'node:path';
import { loadDocumentOrUndefined } from '../yaml/yaml.js';
import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';

/** Dotted paths of every leaf (scalars and arrays) in a values tree. */
export function leafPaths(tree: unknown, prefix: string[] = []): string[][] {
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return prefix.length > 0 ? [prefix] : [];
  const entries = Object.entries(tree as Record<string, unknown>);
  if (entries.length === 0) return prefix.length > 0 ? [prefix] : [];
  return entries.flatMap(([key, value]) => leafPaths(value, [...prefix, key]));
}

/** The first path set in both trees, where one is equal to or inside the other. */
function overlapping(a: string[][], b: string[][]): string | undefined {
  for (const left of a) {
    for (const right of b) {
      const shorter = Math.min(left.length, right.length);
      if (left.slice(0, shorter).every((part, index) => part === right[index])) return (left.length >= right.length ? left : right).join('.');
    }
  }
  return undefined;
}

const parse = loadDocumentOrUndefined;

/**
 * Values derived from cluster config (Fleet helm.values, HelmChart spec.set)
 * may not repeat a key of the chart's values file: Fleet lays valuesFiles over
 * helm.values, and helm-controller lays --set over valuesContent, so one of
 * the two silently wins.
 */
export const valuesOverlap: Rule = {
  id: 'values-overlap',
  summary: 'config-derived values never repeat a key of the chart values file',
  check(view) {
    const findings: Finding[] = [];
    const report = (file: string, chartValues: string, path: string) =>
      findings.push(error(this.id, chartValues, `"${path}" is set both here and from cluster config (${file}); one would silently win`, { field: path, hint: 'keep cluster-specific values out of the chart values file' }));
    for (const bundle of view.bundles) {
      const inline = bundle.fleetYaml.helm?.values;
      if (!inline) continue;
      for (const file of bundle.valuesFiles) {
        const clash = overlapping(leafPaths(parse(view.tree.get(file) ?? '')), leafPaths(inline));
        // The values file is a byte copy of charts/<id>/values.yaml, named <id>.values.yaml.
        if (clash) report(bundle.fleetYamlFile, `charts/${posix.basename(file).replace(/\.values\.yaml$/, '')}/values.yaml`, clash);
      }
    }
    for (const { file, object } of view.documents) {
      if (object.kind !== 'HelmChart') continue;
      const spec = (object.spec ?? {}) as { set?: Record<string, unknown>; valuesContent?: unknown; chart?: unknown };
      if (!spec.set) continue;
      const clash = overlapping(leafPaths(parse(String(spec.valuesContent ?? ''))), Object.keys(spec.set).map((key) => key.split('.')));
      const entry = view.charts?.all().find((candidate) => candidate.chart === spec.chart);
      if (clash) report(file, entry?.valuesFile ?? file, clash);
    }
    return findings;
  },
};
