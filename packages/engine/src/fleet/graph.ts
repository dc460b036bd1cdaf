import { isFleetBundle } from '../model/bundle.js';
import type { Platform } from '../model/platform.js';

/**
 * The rollout as a Mermaid flowchart: one subgraph per phase, one node per
 * bundle, an arrow from each dependency to what waits for it. Generated from
 * the bundles, so it cannot drift from what Fleet is told.
 */
export function mermaidGraph(platform: Platform): string {
  const lines = ['flowchart LR'];
  const prefix = `${platform.layout.clusterDir}/`;
  const id = (path: string) => (path.startsWith(prefix) ? path.slice(prefix.length) : path).replace(/[^a-zA-Z0-9]/g, '_');
  for (const phase of platform.phases) {
    const how = phase.delivery === 'rke2' ? 'RKE2 manifests' : 'Fleet';
    lines.push(`  subgraph ${id(phase.path)}["${phase.order}. ${phase.name} (${how})"]`);
    for (const bundle of phase.bundles) {
      const label = isFleetBundle(bundle) ? `${bundle.name}<br/><small>${bundle.fleetName}</small>${bundle.enabled ? '' : ' (not deployed)'}` : bundle.name;
      lines.push(`    ${id(bundle.path)}["${label}"]`);
    }
    lines.push('  end');
  }
  for (let index = 1; index < platform.phases.length; index += 1) {
    const before = platform.phases[index - 1];
    const after = platform.phases[index];
    if (before && after) lines.push(`  ${id(before.path)} --> ${id(after.path)}`);
  }
  for (const bundle of platform.fleetBundles) {
    for (const dependency of bundle.dependsOn) lines.push(`  ${id(dependency.path)} -.->|dependsOn| ${id(bundle.path)}`);
  }
  return `${lines.join('\n')}\n`;
}
