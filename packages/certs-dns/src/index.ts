import { FleetBundle, fleetPhase } from '@platform/engine';
import { ClusterIssuer, letsEncrypt } from './cluster-issuer.js';

export const LETS_ENCRYPT_PRODUCTION = 'https://acme-v02.api.letsencrypt.org/directory';
export const LETS_ENCRYPT_STAGING = 'https://acme-staging-v02.api.letsencrypt.org/directory';

/**
 * Phase 6: certificates and DNS. cert-manager issues certificates for
 * annotated Ingresses; external-dns publishes their A records in Azure DNS.
 */
export const certsDns = fleetPhase({
  name: 'certs-dns',
  summary: 'cert-manager, external-dns for Azure DNS, and three ClusterIssuers',
  source: 'packages/certs-dns',
  build(phase) {
    const { config } = phase;
    const certManager = new FleetBundle(phase, 'cert-manager', {
      namespace: 'cert-manager',
      helm: { chart: phase.chart('cert-manager'), releaseName: 'cert-manager' },
    });

    new FleetBundle(phase, 'external-dns', {
      namespace: 'external-dns',
      helm: {
        chart: phase.chart('external-dns'),
        releaseName: 'external-dns',
        values: {
          domainFilters: [config.cluster.domain],
          // Marks the records this cluster owns, so it never touches anyone else's.
          txtOwnerId: config.cluster.name,
          extraVolumes: [{ name: 'azure-config-file', secret: { secretName: config.secrets.externalDnsAzure } }],
        },
      },
    });

    // Separate bundle: the ClusterIssuer kind exists only once cert-manager's CRDs are installed.
    const issuers = new FleetBundle(phase, 'cluster-issuers', { dependsOn: [certManager] });
    new ClusterIssuer(issuers, 'selfsigned', { selfSigned: {} });
    new ClusterIssuer(issuers, 'letsencrypt-staging', letsEncrypt(LETS_ENCRYPT_STAGING, config.certificates.acmeEmail, 'letsencrypt-staging-account-key'));
    new ClusterIssuer(issuers, 'letsencrypt-prod', letsEncrypt(LETS_ENCRYPT_PRODUCTION, config.certificates.acmeEmail, 'letsencrypt-prod-account-key'));
  },
});
