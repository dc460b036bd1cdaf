import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { kubeIngress } from './object.js';
import type { ClusterConfig } from '../config/schema.js';

export interface PublicIngressProps {
  readonly namespace: string;
  readonly name: string;
  /** First DNS label of the host; the cluster domain is appended. */
  readonly subdomain: string;
  readonly service: { readonly name: string; readonly port: number };
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * The annotations every public Ingress carries (seed 000 §9): cert-manager
 * issues its certificate, external-dns publishes its A record.
 */
export function publicIngressAnnotations(config: ClusterConfig, host: string): Record<string, string> {
  return {
    'cert-manager.io/cluster-issuer': config.certificates.issuer,
    'external-dns.alpha.kubernetes.io/hostname': host,
  };
}

export function publicHost(config: ClusterConfig, subdomain: string): string {
  return `${subdomain}.${config.cluster.domain}`;
}

/** An HTTPS Ingress on <subdomain>.<domain> through the nginx class, with a cert-manager TLS Secret. */
export function publicIngress(scope: Construct, config: ClusterConfig, props: PublicIngressProps): ApiObject {
  const host = publicHost(config, props.subdomain);
  return kubeIngress(scope, `ingress-${props.name}`, {
    metadata: {
      name: props.name,
      namespace: props.namespace,
      annotations: { ...publicIngressAnnotations(config, host), ...props.annotations },
    },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: [host], secretName: `${props.name}-tls` }],
      rules: [
        {
          host,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: props.service.name, port: { number: props.service.port } } },
              },
            ],
          },
        },
      ],
    },
  });
}
