import type { JSONSchemaType } from 'ajv';
import { SERVED_KUBERNETES_VERSIONS } from '@platform/validate';
import { RESERVED_NAMESPACES } from './formats.js';
import { EXACT_VERSION } from '../charts/catalog.js';

/** Pre-seeded Secrets: created by an operator before rollout, referenced by name, never rendered. */
export interface SecretNames {
  /** fleet-local namespace, type kubernetes.io/basic-auth: Fleet's git clone credentials. */
  gitCredentials: string;
  /** longhorn-system namespace, key `auth` (htpasswd): basic-auth for the Longhorn UI Ingress. */
  longhornBasicAuth: string;
  /** monitoring namespace, keys `admin-user` and `admin-password`: Grafana's admin login. */
  grafanaAdmin: string;
  /** external-dns namespace, key `azure.json`: the service principal external-dns uses for Azure DNS. */
  externalDnsAzure: string;
}

export type LogShipper = 'alloy' | 'promtail';
export type ClusterIssuerName = 'selfsigned' | 'letsencrypt-staging' | 'letsencrypt-prod';

/** Everything that differs between clusters. Phases read only this, so a second cluster is a second file. */
export interface ClusterConfig {
  cluster: {
    /** DNS label naming this cluster: external-dns TXT owner id, labels. */
    name: string;
    /** Kubernetes minor the cluster runs (RKE2 v1.31 gives "1.31"): chart compatibility and validation. */
    kubernetesVersion: string;
    /** DNS zone the platform's hostnames live in (grafana.<domain>, longhorn.<domain>). */
    domain: string;
    /** Public IP of the load balancer in front of the workers' :80/:443. */
    loadBalancerIP: string;
  };
  git: {
    /** URL Fleet clones. */
    repo: string;
    /** Branch Fleet follows. */
    branch: string;
  };
  fleet: {
    /** metadata.name of the GitRepo; every bundle name starts with it. */
    gitRepo: string;
    /** Fleet workspace of the GitRepo: fleet-local for a standalone Fleet, a workspace such as fleet-default for a managed one. */
    namespace: string;
    /** How often Fleet polls git (Go duration). */
    pollingInterval: string;
    /**
     * Which Fleet deploys the cluster's bundles. `standalone` (default): a Fleet the
     * gitops phase installs in the cluster itself, GitRepo in fleet-local, no targets.
     * `managed`: a central Fleet manager (Rancher) whose GitRepo targets this
     * cluster; the cluster gets no Fleet install of its own.
     */
    topology?: FleetTopology;
    /** managed only: a name for the Fleet manager, so clusters on different managers may reuse names. Default `default`. */
    manager?: string;
    /** managed only: how the manager's GitRepo selects this cluster. Default: the Fleet cluster named like this one. */
    target?: FleetTarget;
  };
  storage: {
    /** Longhorn replicas per volume; at most the number of storage nodes. */
    replicaCount: number;
  };
  certificates: {
    /** Contact address Let's Encrypt sends expiry notices to. */
    acmeEmail: string;
    /** ClusterIssuer the platform's own Ingresses ask for. */
    issuer: ClusterIssuerName;
  };
  observability: {
    /** What ships pod logs to Loki: Grafana Alloy (default) or Promtail (end of life 2026-03-02). */
    logShipper: LogShipper;
  };
  security: {
    /** Falco is scaffolded but deferred; true lists its bundle in the GitRepo. */
    falco: boolean;
  };
  secrets: SecretNames;
  /** Per-cluster chart pins: `<chart id>: { version }` replaces charts/<id>/chart.yaml's version for this cluster only (promotion). */
  charts?: Record<string, ChartPinOverride>;
}

export type FleetTopology = 'standalone' | 'managed';

/** A GitRepo target: one Fleet cluster by name, or the clusters whose labels match. */
export interface FleetTarget {
  clusterName?: string;
  clusterLabels?: Record<string, string>;
}

/** One chart's pin for one cluster. */
export interface ChartPinOverride {
  /** Exact chart version. */
  version: string;
  /** sha256 of that version's archive, as `platform charts lock` records it. */
  digest?: string;
}

const dnsLabel = { type: 'string', format: 'dns-label', description: 'a DNS label: lowercase letters, digits and -, at most 63 characters' } as const;
const secretName = { type: 'string', format: 'dns-subdomain', description: 'a Kubernetes object name (lowercase, digits, - and .)' } as const;

export const clusterConfigSchema: JSONSchemaType<ClusterConfig> = {
  type: 'object',
  additionalProperties: false,
  required: ['cluster', 'git', 'fleet', 'storage', 'certificates', 'observability', 'security', 'secrets'],
  properties: {
    cluster: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'kubernetesVersion', 'domain', 'loadBalancerIP'],
      properties: {
        name: dnsLabel,
        // Exactly the minors the validator serves: check validates every object against that version's API.
        kubernetesVersion: {
          type: 'string',
          enum: [...SERVED_KUBERNETES_VERSIONS],
          description: `a Kubernetes minor this tool validates, as a quoted string: ${SERVED_KUBERNETES_VERSIONS.map((version) => `"${version}"`).join(', ')}`,
        },
        domain: { type: 'string', format: 'hostname', description: 'a DNS name like example.com' },
        loadBalancerIP: { type: 'string', format: 'unicast-ipv4', description: 'a unicast IPv4 address like 192.0.2.10 (not 0.0.0.0, loopback, link-local, multicast or broadcast)' },
      },
    },
    git: {
      type: 'object',
      additionalProperties: false,
      required: ['repo', 'branch'],
      properties: {
        repo: { type: 'string', format: 'git-url', description: 'a git URL: https://host/path.git or git@host:path.git' },
        branch: { type: 'string', format: 'git-branch', description: 'a git branch name like main (no spaces, .., ~, ^, :, ?, *, [ or \\)' },
      },
    },
    fleet: {
      type: 'object',
      additionalProperties: false,
      required: ['gitRepo', 'namespace', 'pollingInterval'],
      properties: {
        gitRepo: { ...dnsLabel, maxLength: 40, description: 'a DNS label of at most 40 characters (bundle names start with it and stop at 53)' },
        namespace: {
          ...dnsLabel,
          not: { enum: [...RESERVED_NAMESPACES] },
          description: `a Fleet workspace namespace such as fleet-local (a DNS label, not ${RESERVED_NAMESPACES.join(', ')})`,
        },
        pollingInterval: { type: 'string', format: 'polling-interval', description: 'a Go duration from 15s (Fleet\'s own default) to 24h, like 60s or 1m30s (units ns, us, ms, s, m, h)' },
        topology: { type: 'string', enum: ['standalone', 'managed'], nullable: true, description: 'standalone (a Fleet in the cluster itself) or managed (a central Fleet manager)' },
        manager: { ...dnsLabel, nullable: true },
        target: {
          type: 'object',
          nullable: true,
          additionalProperties: false,
          minProperties: 1,
          maxProperties: 1,
          description: 'one of clusterName (a Fleet cluster name) or clusterLabels (a mapping of labels)',
          required: [],
          properties: {
            clusterName: { type: 'string', format: 'dns-subdomain', nullable: true, description: 'a Fleet cluster name (lowercase, digits, - and .)' },
            clusterLabels: {
              type: 'object',
              nullable: true,
              minProperties: 1,
              required: [],
              additionalProperties: { type: 'string', format: 'label-value', description: 'a Kubernetes label value (at most 63 letters, digits, -, _ and .)' },
              propertyNames: { format: 'label-key' },
              description: 'a mapping of Kubernetes labels the cluster carries',
            },
          },
        },
      },
    },
    storage: {
      type: 'object',
      additionalProperties: false,
      required: ['replicaCount'],
      properties: {
        replicaCount: { type: 'integer', minimum: 1, maximum: 20, description: 'a whole number of replicas from 1 to 20' },
      },
    },
    certificates: {
      type: 'object',
      additionalProperties: false,
      required: ['acmeEmail', 'issuer'],
      properties: {
        acmeEmail: { type: 'string', format: 'email', description: 'an email address like ops@example.com' },
        issuer: { type: 'string', enum: ['selfsigned', 'letsencrypt-staging', 'letsencrypt-prod'], description: 'one of selfsigned, letsencrypt-staging, letsencrypt-prod' },
      },
    },
    observability: {
      type: 'object',
      additionalProperties: false,
      required: ['logShipper'],
      properties: {
        logShipper: { type: 'string', enum: ['alloy', 'promtail'], description: 'alloy or promtail' },
      },
    },
    security: {
      type: 'object',
      additionalProperties: false,
      required: ['falco'],
      properties: {
        falco: { type: 'boolean', description: 'true or false' },
      },
    },
    secrets: {
      type: 'object',
      additionalProperties: false,
      required: ['gitCredentials', 'longhornBasicAuth', 'grafanaAdmin', 'externalDnsAzure'],
      properties: {
        gitCredentials: secretName,
        longhornBasicAuth: secretName,
        grafanaAdmin: secretName,
        externalDnsAzure: secretName,
      },
    },
    charts: {
      type: 'object',
      nullable: true,
      required: [],
      propertyNames: { pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['version'],
        properties: {
          version: { type: 'string', pattern: EXACT_VERSION.source, description: 'an exact chart version like 1.12.1 (no ranges)' },
          digest: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$', nullable: true, description: 'sha256:<64 hex digits>, as platform charts lock records it' },
        },
      },
    },
  },
};
