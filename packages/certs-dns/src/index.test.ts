import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { renderWithRealCharts, testConfig } from '@platform/engine/testing';
import { certsDns } from './index.js';

describe('certs-dns phase (seed 000 §10)', () => {
  const config = testConfig({ cluster: { domain: 'rke2.example.org', name: 'prod-01' }, certificates: { acmeEmail: 'certs@example.org' } });
  const { file, documents, tree } = renderWithRealCharts([certsDns], config);

  it('installs cert-manager with its CRDs from the chart', () => {
    const values = yaml.load(tree.get('dist/certs-dns/cert-manager/cert-manager.values.yaml') ?? '') as Record<string, any>;
    expect(values.crds.enabled).toBe(true);
    expect(values.installCRDs).toBeUndefined();
  });

  it('configures external-dns for Azure DNS with an explicit policy, the domain filter, owner id and the Secret', () => {
    const fleetYaml = file('dist/certs-dns/external-dns/fleet.yaml');
    const values = yaml.load(tree.get('dist/certs-dns/external-dns/external-dns.values.yaml') ?? '') as Record<string, any>;
    expect(values.provider.name).toBe('azure');
    expect(['sync', 'upsert-only', 'create-only']).toContain(values.policy);
    expect(fleetYaml.helm.values.domainFilters).toEqual(['rke2.example.org']);
    expect(fleetYaml.helm.values.txtOwnerId).toBe('prod-01');
    expect(fleetYaml.helm.values.extraVolumes[0].secret.secretName).toBe(config.secrets.externalDnsAzure);
    expect(values.namespaced ?? false).toBe(false);
  });

  it('has three ClusterIssuers, both Let\'s Encrypt ones solving HTTP-01 through ingressClassName nginx with the configured email', () => {
    const issuers = documents('.yaml').filter(({ object }) => object.kind === 'ClusterIssuer');
    expect(issuers.map(({ object }) => object.metadata.name).sort()).toEqual(['letsencrypt-prod', 'letsencrypt-staging', 'selfsigned']);
    for (const { object } of issuers.filter(({ object }) => object.metadata.name.startsWith('letsencrypt'))) {
      expect(object.spec.acme.email).toBe('certs@example.org');
      expect(object.spec.acme.solvers).toEqual([{ http01: { ingress: { ingressClassName: 'nginx' } } }]);
    }
    expect(issuers.find(({ object }) => object.metadata.name === 'letsencrypt-staging')?.object.spec.acme.server).toContain('acme-staging');
  });

  it('keeps the issuers in their own bundle that depends on cert-manager', () => {
    expect(file('dist/certs-dns/cluster-issuers/fleet.yaml').dependsOn).toEqual([{ name: 'platform-dist-certs-dns-cert-manager' }]);
    expect([...tree.keys()].filter((path) => path.startsWith('dist/certs-dns/cert-manager/') && path.includes('clusterissuer'))).toEqual([]);
  });
});
