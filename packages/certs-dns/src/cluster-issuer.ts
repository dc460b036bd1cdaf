import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';

/** The ACME issuer fields this platform uses (cert-manager.io/v1, cert-manager 1.19). */
export interface AcmeIssuerSpec {
  readonly server: string;
  readonly email: string;
  readonly privateKeySecretRef: { readonly name: string };
  readonly solvers: ReadonlyArray<{ readonly http01: { readonly ingress: { readonly ingressClassName: string } } }>;
}

export type ClusterIssuerSpec = { readonly selfSigned: Record<string, never> } | { readonly acme: AcmeIssuerSpec };

/** A cert-manager ClusterIssuer: a certificate source every namespace can use. */
export class ClusterIssuer extends ApiObject {
  constructor(scope: Construct, name: string, spec: ClusterIssuerSpec) {
    super(scope, name, { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name }, spec });
  }
}

/**
 * Let's Encrypt over HTTP-01: cert-manager answers the challenge through a
 * temporary Ingress of class nginx, which is why Ingress status must carry
 * the public LB address (seed 000 §6.3).
 */
export function letsEncrypt(server: string, email: string, accountKeySecret: string): ClusterIssuerSpec {
  return {
    acme: {
      server,
      email,
      privateKeySecretRef: { name: accountKeySecret },
      solvers: [{ http01: { ingress: { ingressClassName: 'nginx' } } }],
    },
  };
}
