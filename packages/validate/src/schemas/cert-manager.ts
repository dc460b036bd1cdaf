import type { KubeSchema } from '../schema-types.js';
import {
  anything,
  boolean,
  bytes,
  core,
  int64,
  listOf,
  localObjectReference,
  mapOf,
  object,
  oneOfStrings,
  quantity,
  string,
  stringList,
  stringMap,
} from './builders.js';

/**
 * cert-manager.io/v1 Issuer and ClusterIssuer for cert-manager v1.19
 * (pkg/apis/certmanager/v1/types_issuer.go, pkg/apis/acme/v1/types_issuer.go
 * at v1.19.6). The rule that exactly one issuer type is set, and that an
 * HTTP-01 ingress names at most one of class / ingressClassName / name, is
 * enforced by cert-manager's webhook, not the CRD; it is checked here too.
 * Below the DNS-01 provider keys the shapes are modelled, except a webhook
 * solver's `config`, which is free-form by design.
 */

/** cmmeta.SecretKeySelector: a Secret by name and an optional key. */
const secretKeySelector = object({ name: string, key: string }, { required: ['name'] });
/** cmmeta.LocalObjectReference. */
const localReference = object({ name: string }, { required: ['name'] });
const serviceAccountRef = object({ name: string, audiences: stringList }, { required: ['name'] });
const metadataLabelsAnnotations = object({ annotations: stringMap, labels: stringMap });

const solverPodSecurityContext = object({
  seLinuxOptions: core('io.k8s.api.core.v1.SELinuxOptions'),
  runAsUser: int64,
  runAsGroup: int64,
  runAsNonRoot: boolean,
  supplementalGroups: listOf(int64),
  fsGroup: int64,
  sysctls: listOf(core('io.k8s.api.core.v1.Sysctl')),
  fsGroupChangePolicy: string,
  seccompProfile: core('io.k8s.api.core.v1.SeccompProfile'),
});

const solverPodTemplate = object({
  metadata: metadataLabelsAnnotations,
  spec: object({
    nodeSelector: stringMap,
    affinity: core('io.k8s.api.core.v1.Affinity'),
    tolerations: listOf(core('io.k8s.api.core.v1.Toleration')),
    priorityClassName: string,
    serviceAccountName: string,
    imagePullSecrets: listOf(localObjectReference),
    securityContext: solverPodSecurityContext,
    resources: object({ limits: mapOf(quantity), requests: mapOf(quantity) }),
  }),
});

const http01Ingress = object(
  {
    serviceType: string,
    ingressClassName: string,
    class: string,
    name: string,
    podTemplate: solverPodTemplate,
    ingressTemplate: object({ metadata: metadataLabelsAnnotations }),
  },
  { 'x-at-most-one-of': ['class', 'ingressClassName', 'name'] },
);

/** gateway-api ParentReference (v1). */
const parentReference = object(
  {
    group: string,
    kind: string,
    namespace: string,
    name: string,
    sectionName: string,
    port: { type: 'integer', format: 'int32', minimum: 1, maximum: 65535 },
  },
  { required: ['name'] },
);

const http01 = object({
  ingress: http01Ingress,
  gatewayHTTPRoute: object({
    serviceType: string,
    labels: stringMap,
    parentRefs: listOf(parentReference),
    podTemplate: solverPodTemplate,
  }),
});

const dns01 = object({
  cnameStrategy: oneOfStrings('None', 'Follow'),
  akamai: object(
    {
      serviceConsumerDomain: string,
      clientTokenSecretRef: secretKeySelector,
      clientSecretSecretRef: secretKeySelector,
      accessTokenSecretRef: secretKeySelector,
    },
    { required: ['serviceConsumerDomain', 'clientTokenSecretRef', 'clientSecretSecretRef', 'accessTokenSecretRef'] },
  ),
  cloudDNS: object(
    { serviceAccountSecretRef: secretKeySelector, project: string, hostedZoneName: string },
    { required: ['project'] },
  ),
  cloudflare: object({ email: string, apiKeySecretRef: secretKeySelector, apiTokenSecretRef: secretKeySelector }),
  route53: object(
    {
      auth: object(
        { kubernetes: object({ serviceAccountRef }, { required: ['serviceAccountRef'] }) },
        { required: ['kubernetes'] },
      ),
      accessKeyID: string,
      accessKeyIDSecretRef: secretKeySelector,
      secretAccessKeySecretRef: secretKeySelector,
      role: string,
      hostedZoneID: string,
      region: string,
    },
  ),
  azureDNS: object(
    {
      clientID: string,
      clientSecretSecretRef: secretKeySelector,
      subscriptionID: string,
      tenantID: string,
      resourceGroupName: string,
      hostedZoneName: string,
      environment: oneOfStrings('AzurePublicCloud', 'AzureChinaCloud', 'AzureGermanCloud', 'AzureUSGovernmentCloud'),
      managedIdentity: object({ clientID: string, resourceID: string, tenantID: string }),
    },
    { required: ['subscriptionID', 'resourceGroupName'] },
  ),
  digitalocean: object({ tokenSecretRef: secretKeySelector }, { required: ['tokenSecretRef'] }),
  acmeDNS: object({ host: string, accountSecretRef: secretKeySelector }, { required: ['host', 'accountSecretRef'] }),
  rfc2136: object(
    {
      nameserver: string,
      tsigSecretSecretRef: secretKeySelector,
      tsigKeyName: string,
      tsigAlgorithm: string,
      protocol: oneOfStrings('TCP', 'UDP'),
    },
    { required: ['nameserver'] },
  ),
  webhook: object({ groupName: string, solverName: string, config: anything }, { required: ['groupName', 'solverName'] }),
});

const acme = object(
  {
    email: string,
    server: string,
    preferredChain: { type: 'string', maxLength: 64 },
    caBundle: bytes,
    skipTLSVerify: boolean,
    externalAccountBinding: object(
      { keyID: string, keySecretRef: secretKeySelector, keyAlgorithm: oneOfStrings('HS256', 'HS384', 'HS512') },
      { required: ['keyID', 'keySecretRef'] },
    ),
    privateKeySecretRef: secretKeySelector,
    solvers: listOf(
      object({
        selector: object({ matchLabels: stringMap, dnsNames: stringList, dnsZones: stringList }),
        http01,
        dns01,
      }),
    ),
    disableAccountKeyGeneration: boolean,
    enableDurationFeature: boolean,
    profile: string,
  },
  { required: ['server', 'privateKeySecretRef'] },
);

const vault = object(
  {
    auth: object({
      tokenSecretRef: secretKeySelector,
      appRole: object({ path: string, roleId: string, secretRef: secretKeySelector }, { required: ['path', 'roleId', 'secretRef'] }),
      clientCertificate: object({ mountPath: string, secretName: string, name: string }),
      kubernetes: object(
        { mountPath: string, secretRef: secretKeySelector, serviceAccountRef, role: string },
        { required: ['role'] },
      ),
    }),
    server: string,
    serverName: string,
    path: string,
    namespace: string,
    caBundle: bytes,
    caBundleSecretRef: secretKeySelector,
    clientCertSecretRef: secretKeySelector,
    clientKeySecretRef: secretKeySelector,
  },
  { required: ['auth', 'server', 'path'] },
);

const venafi = object(
  {
    zone: string,
    tpp: object(
      { url: string, credentialsRef: localReference, caBundle: bytes, caBundleSecretRef: secretKeySelector },
      { required: ['url', 'credentialsRef'] },
    ),
    cloud: object({ url: string, apiTokenSecretRef: secretKeySelector }, { required: ['apiTokenSecretRef'] }),
  },
  { required: ['zone'] },
);

const ca = object(
  { secretName: string, crlDistributionPoints: stringList, ocspServers: stringList, issuingCertificateURLs: stringList },
  { required: ['secretName'] },
);

export const issuer: KubeSchema = object(
  {
    spec: object(
      {
        acme,
        ca,
        vault,
        selfSigned: object({ crlDistributionPoints: stringList }),
        venafi,
      },
      { 'x-exactly-one-of': ['acme', 'ca', 'vault', 'selfSigned', 'venafi'] },
    ),
    status: anything,
  },
  { required: ['spec'] },
);

/** ClusterIssuer shares IssuerSpec; only its scope differs. */
export const clusterIssuer: KubeSchema = issuer;
