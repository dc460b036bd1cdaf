import type { RenderedTree } from '../model.js';
import type { Finding } from '../../rules/finding.js';
import { displayKey, keyOf } from '../identity.js';
import { everyObject, findingFile, subject } from './places.js';

export const CRDS_DIR_RULE = 'crds-dir';

/**
 * Objects from a chart's `crds/` directory: Helm creates them on the first
 * install only and never upgrades or deletes them (helm v3.18.4
 * pkg/action/install.go, Install.installCRDs; pkg/action/upgrade.go reads no
 * CRDs), so a chart bump that changes them leaves the cluster's copy as it
 * was. Fleet and helm-controller both install through Helm's actions.
 * A warning: the project may keep such CRDs in step another way.
 */
export function checkCrdsDir(tree: RenderedTree): Finding[] {
  const findings: Finding[] = [];
  for (const place of everyObject(tree)) {
    if (place.entry.fromCrdsDir !== true) continue;
    findings.push({
      rule: CRDS_DIR_RULE,
      severity: 'warning',
      file: findingFile(place),
      message: `${subject(place)} comes from the chart's crds/ directory: Helm installs ${displayKey(keyOf(place.object))} on first install only and never upgrades or deletes it, so a chart bump that changes it does not reach the cluster`,
      hint: 'install the CRDs from a chart that templates them (a separate CRD chart, as charts/<id>/chart.yaml crds.install: separate-chart declares), so upgrades reach them',
    });
  }
  return findings;
}
