import type { SecretNames } from './schema.js';

/** What each pre-seeded Secret must hold. The platform renders none of them; an operator creates them first. */
export const SECRET_REQUIREMENTS: Record<keyof SecretNames, { namespace: string; type: string; keys: string; usedBy: string; create: (name: string, namespace: string) => string }> = {
  gitCredentials: {
    namespace: '(fleet.namespace)',
    type: 'kubernetes.io/basic-auth',
    keys: 'username, password (a read-only deploy token)',
    usedBy: 'Fleet, to clone the repository',
    create: (name, namespace) => `kubectl -n ${namespace} create secret generic ${name} --type=kubernetes.io/basic-auth --from-literal=username=\${GIT_USER} --from-literal=password=\${GIT_TOKEN}`,
  },
  longhornBasicAuth: {
    namespace: 'longhorn-system',
    type: 'Opaque',
    keys: 'auth (htpasswd line)',
    usedBy: 'ingress-nginx basic-auth in front of the Longhorn UI',
    create: (name, namespace) => `htpasswd -c auth admin && kubectl -n ${namespace} create secret generic ${name} --from-file=auth`,
  },
  grafanaAdmin: {
    namespace: 'monitoring',
    type: 'Opaque',
    keys: 'admin-user, admin-password',
    usedBy: 'Grafana (kube-prometheus-stack grafana.admin.existingSecret)',
    create: (name, namespace) => `kubectl -n ${namespace} create secret generic ${name} --from-literal=admin-user=admin --from-literal=admin-password=\${GRAFANA_ADMIN_PASSWORD}`,
  },
  externalDnsAzure: {
    namespace: 'external-dns',
    type: 'Opaque',
    keys: 'azure.json (tenantId, subscriptionId, resourceGroup, aadClientId, aadClientSecret)',
    usedBy: 'external-dns, mounted at /etc/kubernetes/azure.json',
    create: (name, namespace) => `kubectl -n ${namespace} create secret generic ${name} --from-file=azure.json`,
  },
};
