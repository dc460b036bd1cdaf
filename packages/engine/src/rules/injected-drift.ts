import { ignoresInjectedCaBundle } from '../fleet/behaviour.js';
import { error, type Finding } from './finding.js';
import { fleetVersionOf } from './fleet-version.js';
import type { Rule } from './rule.js';

interface ComparePatch {
  apiVersion?: unknown;
  kind?: unknown;
  name?: unknown;
  jsonPointers?: unknown;
}

/**
 * Before the fix of rancher/fleet#5369 (v0.15.6, v0.16.1), a caBundle a
 * controller injects makes the BundleDeployment Modified, hence not Ready
 * (v0.13.15 monitor/updatestatus.go, readyError), and every bundle that
 * depends on it waits (deployer.go, checkDependency). A chart that declares
 * injected fields (charts/<id>/chart.yaml `injected:`) must ignore each in
 * diff.comparePatches.
 */
export const injectedDrift: Rule = {
  id: 'injected-drift',
  summary: 'fields a controller injects after install are ignored by Fleet drift detection',
  check(view) {
    const version = fleetVersionOf(view);
    if (version !== undefined && ignoresInjectedCaBundle(version)) return [];
    const findings: Finding[] = [];
    for (const bundle of view.bundles) {
      const helm = bundle.fleetYaml.helm;
      if (!helm) continue;
      const entry = view.charts?.all().find((chart) => chart.repo === helm.repo && chart.chart === helm.chart && chart.version === helm.version);
      const diff = bundle.fleetYaml.diff as { comparePatches?: unknown } | undefined;
      const patches = (Array.isArray(diff?.comparePatches) ? diff.comparePatches : []) as ComparePatch[];
      for (const field of entry?.injected ?? []) {
        for (const pointer of field.jsonPointers) {
          const covered = patches.some(
            (patch) => patch.apiVersion === field.apiVersion && patch.kind === field.kind && (patch.name === undefined || patch.name === field.name) && Array.isArray(patch.jsonPointers) && patch.jsonPointers.includes(pointer),
          );
          if (!covered) {
            findings.push(
              error(this.id, bundle.fleetYamlFile, `${field.kind} ${pointer} is injected after install; without a diff.comparePatches entry for it Fleet ${version ?? 'before 0.15.6'} reports the bundle Modified, so bundles depending on it never deploy`, {
                field: 'diff.comparePatches',
              }),
            );
          }
        }
      }
    }
    return findings;
  },
};
