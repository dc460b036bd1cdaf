import { describe, expect, it } from 'vitest';
import { cluster, customResourceDefinition, helmBundle, tree } from '../testing.js';
import { checkCrdsDir, CRDS_DIR_RULE } from './crds-dir.js';

describe('checkCrdsDir', () => {
  const release = { name: 'cert-manager', namespace: 'cert-manager' };
  const chart = { name: 'cert-manager', version: 'v1.16.2' };
  const fromDir = customResourceDefinition('certificates', 'cert-manager.io', 'Certificate');
  const templated = customResourceDefinition('issuers', 'cert-manager.io', 'Issuer');
  const findings = checkCrdsDir(
    tree(
      cluster('prod', [
        helmBundle('certs-cert-manager', release, chart, [
          { object: fromDir, fromCrdsDir: true, source: { template: 'cert-manager/crds/certificates.yaml' } },
          { object: templated, source: { template: 'cert-manager/templates/crds.yaml' } },
        ]),
      ]),
    ),
  );

  it('warns about each object that comes from the crds/ directory, and only those', () => {
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.file])).toEqual([[CRDS_DIR_RULE, 'warning', 'dist/certs-cert-manager/fleet.yaml']]);
  });

  it('says Helm never upgrades it, naming the object and its template', () => {
    expect(findings[0]?.message).toMatch(/^cluster prod, bundle certs-cert-manager: CustomResourceDefinition\.apiextensions\.k8s\.io certificates\.cert-manager\.io \(cert-manager\/crds\/certificates\.yaml\) comes from the chart's crds\/ directory: Helm installs .* on first install only and never upgrades or deletes it/);
  });
});
