import type { BundleKind, ChartVersion, HelmRelease, RenderedBundle, RenderedCluster, RenderedObject, RenderedTree } from './model.js';

/**
 * Realistic objects and trees for the rendered-diff and rendered-check
 * specifications: shaped like what `helm template` renders for the
 * platform's charts (Longhorn, ingress-nginx, cert-manager), small enough to
 * read in a test.
 */

type Json = Record<string, unknown>;

export function deployment(name: string, namespace: string, image: string, extra: { replicas?: number; podSpec?: Json } = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/managed-by': 'Helm' } },
    spec: {
      replicas: extra.replicas ?? 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          serviceAccountName: name,
          containers: [{ name, image, imagePullPolicy: 'IfNotPresent', ports: [{ name: 'http', containerPort: 8000 }], resources: { requests: { cpu: '50m', memory: '64Mi' } } }],
          ...extra.podSpec,
        },
      },
    },
  };
}

export function configMap(name: string, namespace: string, data: Record<string, string>): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data };
}

export function service(name: string, namespace: string, port = 80): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }] } };
}

export function serviceAccount(name: string, namespace: string): Json {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } };
}

export function clusterRole(name: string, resources: string[]): Json {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name }, rules: [{ apiGroups: [''], resources, verbs: ['get', 'list', 'watch'] }] };
}

export function secret(name: string, namespace: string, fields: { data?: Record<string, string>; stringData?: Record<string, string> }): Json {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', ...fields };
}

export function customResourceDefinition(plural: string, group: string, kind: string): Json {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      scope: 'Namespaced',
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
}

export function horizontalPodAutoscaler(apiVersion: string, name: string, namespace: string, maxReplicas: number): Json {
  return {
    apiVersion,
    kind: 'HorizontalPodAutoscaler',
    metadata: { name, namespace },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 2, maxReplicas, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
  };
}

export function ingress(apiVersion: string, name: string, namespace: string, host: string): Json {
  return { apiVersion, kind: 'Ingress', metadata: { name, namespace }, spec: { ingressClassName: 'nginx', rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { number: 80 } } } }] } }] } };
}

/** Objects as a bundle holds them. */
export function rendered(...objects: Json[]): RenderedObject[] {
  return objects.map((object) => ({ object }));
}

export interface BundleShape {
  kind?: BundleKind;
  release?: HelmRelease;
  chart?: ChartVersion;
  file?: string;
}

export function bundle(name: string, objects: RenderedObject[], shape: BundleShape = {}): RenderedBundle {
  return { name, kind: shape.kind ?? 'manifests', objects, ...(shape.release ? { release: shape.release } : {}), ...(shape.chart ? { chart: shape.chart } : {}), ...(shape.file ? { file: shape.file } : {}) };
}

/** A Fleet Helm bundle installing `chart` as `namespace/release`. */
export function helmBundle(name: string, release: HelmRelease, chart: ChartVersion, objects: RenderedObject[]): RenderedBundle {
  return bundle(name, objects, { kind: 'fleet-helm', release, chart, file: `dist/${name}/fleet.yaml` });
}

export function cluster(name: string, bundles: RenderedBundle[], kubernetesVersion = '1.31'): RenderedCluster {
  return { name, kubernetesVersion, bundles };
}

export function tree(...clusters: RenderedCluster[]): RenderedTree {
  return { clusters };
}

/** A seeded shuffle (mulberry32), so a permutation test can be repeated exactly. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/** The same tree with clusters, bundles, objects and every object's keys in another order. */
export function permutedTree(input: RenderedTree, seed: number): RenderedTree {
  const reorderKeys = (value: unknown, salt: number): unknown => {
    if (Array.isArray(value)) return value.map((item, index) => reorderKeys(item, salt + index));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(shuffled(Object.entries(value as Json), salt).map(([key, item], index) => [key, reorderKeys(item, salt + index + 1)]));
  };
  return {
    clusters: shuffled(input.clusters, seed).map((cluster, c) => ({
      ...cluster,
      bundles: shuffled(cluster.bundles, seed + c + 1).map((bundle, b) => ({ ...bundle, objects: shuffled(bundle.objects, seed + b + 7).map((entry, o) => ({ ...entry, object: reorderKeys(entry.object, seed + o) })) })),
    })),
  };
}
