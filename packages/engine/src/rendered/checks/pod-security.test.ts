import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects.js';
import { bundle, cluster, deployment, helmBundle, tree } from '../testing.js';
import { checkPodSecurity, namespaceLevels, POD_SECURITY_RULE } from './pod-security.js';
import type { RenderedCluster } from '../model.js';

/** The Longhorn manager DaemonSet as its chart renders it: privileged, host paths, hostPID-free. */
const longhornManager: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'longhorn-manager', namespace: 'longhorn-system' },
  spec: {
    selector: { matchLabels: { app: 'longhorn-manager' } },
    template: {
      metadata: { labels: { app: 'longhorn-manager' } },
      spec: {
        containers: [{ name: 'longhorn-manager', image: 'longhornio/longhorn-manager:v1.7.2', securityContext: { privileged: true }, volumeMounts: [{ name: 'dev', mountPath: '/host/dev' }] }],
        volumes: [
          { name: 'dev', hostPath: { path: '/dev/' } },
          { name: 'proc', hostPath: { path: '/proc/' } },
        ],
      },
    },
  },
};

/** A workload written for restricted namespaces, as cert-manager's chart renders its controller. */
const restrictedDeployment = (name: string, namespace?: string): KubeObject =>
  deployment(name, namespace as string, 'quay.io/jetstack/cert-manager-controller:v1.16.2', {
    podSpec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name, image: 'quay.io/jetstack/cert-manager-controller:v1.16.2', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true } }],
    },
  });

const namespaceObject = (name: string, level?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(level ? { labels: { 'pod-security.kubernetes.io/enforce': level, 'pod-security.kubernetes.io/enforce-version': 'latest' } } : {}) } });

const clusterWith = (objects: KubeObject[], kubernetesVersion = '1.31'): RenderedCluster => cluster('prod', [bundle('platform-namespaces', objects.filter((object) => object.kind === 'Namespace').map((object) => ({ object }))), bundle('apps', objects.filter((object) => object.kind !== 'Namespace').map((object) => ({ object })), { file: 'dist/prod/apps/fleet.yaml' })], kubernetesVersion);

describe('checkPodSecurity', () => {
  it('accepts a privileged workload in a namespace labelled privileged', () => {
    expect(checkPodSecurity(tree(clusterWith([namespaceObject('longhorn-system', 'privileged'), longhornManager])), namespaceLevels)).toEqual([]);
  });

  it('refuses it in a baseline namespace, naming what baseline forbids', () => {
    const [finding, ...rest] = checkPodSecurity(tree(clusterWith([namespaceObject('longhorn-system', 'baseline'), longhornManager])), namespaceLevels);
    expect(rest).toEqual([]);
    expect([finding?.rule, finding?.severity, finding?.file, finding?.field]).toEqual([POD_SECURITY_RULE, 'error', 'dist/prod/apps/fleet.yaml', 'spec.template.spec']);
    expect(finding?.message).toBe(
      'cluster prod, bundle apps: DaemonSet.apps longhorn-system/longhorn-manager needs Pod Security level privileged, but namespace longhorn-system enforces baseline at policy v1.31: the API server would refuse its pods: hostPath volumes (volumes "dev", "proc"); privileged (container "longhorn-manager" must not set securityContext.privileged=true)',
    );
    expect(finding?.hint).toBe("label namespace longhorn-system pod-security.kubernetes.io/enforce=privileged, or set the chart's values so the pod meets baseline");
  });

  it('accepts a restricted-ready workload in a restricted namespace, and refuses one that is only baseline', () => {
    const ok = restrictedDeployment('cert-manager', 'cert-manager');
    const loose = deployment('webhook', 'cert-manager', 'quay.io/jetstack/cert-manager-webhook:v1.16.2');
    const findings = checkPodSecurity(tree(clusterWith([namespaceObject('cert-manager', 'restricted'), ok, loose])), namespaceLevels);
    expect(findings.map((finding) => finding.message.split(': ')[1])).toEqual(['Deployment.apps cert-manager/webhook needs Pod Security level baseline, but namespace cert-manager enforces restricted at policy v1.31']);
    expect(findings[0]?.message).toContain('allowPrivilegeEscalation != false (container "webhook" must set securityContext.allowPrivilegeEscalation=false)');
  });

  it('uses the cluster default for a namespace with no level: privileged unless told otherwise', () => {
    const objects = [longhornManager];
    expect(checkPodSecurity(tree(clusterWith(objects)), namespaceLevels)).toEqual([]);
    const strict = checkPodSecurity(tree(clusterWith(objects)), namespaceLevels, { defaultLevel: 'restricted' });
    expect(strict.map((finding) => finding.message)).toEqual([expect.stringContaining('namespace longhorn-system enforces restricted (the cluster default)')]);
  });

  it('skips namespaces the admission configuration exempts', () => {
    expect(checkPodSecurity(tree(clusterWith([namespaceObject('longhorn-system', 'restricted'), longhornManager])), namespaceLevels, { exemptNamespaces: ['longhorn-system'] })).toEqual([]);
  });

  it('places a workload without a namespace in its release namespace', () => {
    const unnamespaced = restrictedDeployment('web');
    unnamespaced.spec = { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27', securityContext: { privileged: true } }] } } };
    const withRelease = tree(cluster('prod', [bundle('ns', [{ object: namespaceObject('web', 'baseline') }]), helmBundle('web', { name: 'web', namespace: 'web' }, { name: 'web', version: '1.0.0' }, [{ object: unnamespaced }])]));
    expect(checkPodSecurity(withRelease, namespaceLevels).map((finding) => finding.message)).toEqual([expect.stringContaining('namespace web enforces baseline')]);
  });

  it('evaluates at the policy version of the cluster: container_engine_t is baseline from 1.31 only', () => {
    const engine = restrictedDeployment('builder', 'ci');
    (((engine.spec as KubeObject).template as KubeObject).spec as { containers: KubeObject[] }).containers[0] = { name: 'builder', image: 'buildkit:0.18', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seLinuxOptions: { type: 'container_engine_t' } } };
    const objects = [namespaceObject('ci', 'baseline'), engine];
    expect(checkPodSecurity(tree(clusterWith(objects, '1.30')), namespaceLevels).map((finding) => finding.message)).toEqual([expect.stringContaining('needs Pod Security level privileged, but namespace ci enforces baseline at policy v1.30')]);
    expect(checkPodSecurity(tree(clusterWith(objects, 'v1.31.4+rke2r1')), namespaceLevels)).toEqual([]);
  });

  it('reads every workload kind, a CronJob at its job template', () => {
    const cronJob: KubeObject = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'backup', namespace: 'ops' }, spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { hostNetwork: true, containers: [{ name: 'backup', image: 'restic/restic:0.17.3' }] } } } } } };
    const findings = checkPodSecurity(tree(clusterWith([namespaceObject('ops', 'baseline'), cronJob])), namespaceLevels);
    expect(findings.map((finding) => finding.field)).toEqual(['spec.jobTemplate.spec.template.spec']);
  });

  it('asks for the levels once per cluster, with the cluster it is checking', () => {
    const seen: string[] = [];
    const twoClusters = tree({ ...clusterWith([longhornManager]), name: 'a' }, { ...clusterWith([longhornManager, restrictedDeployment('x', 'y')]), name: 'b' });
    checkPodSecurity(twoClusters, (each) => {
      seen.push(each.name);
      return {};
    });
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('namespaceLevels', () => {
  it('reads the enforce label of the Namespace objects of one cluster, and ignores values that are not levels', () => {
    const objects = [namespaceObject('a', 'restricted'), namespaceObject('b', 'baseline'), namespaceObject('c'), namespaceObject('d', 'Restricted'), { ...namespaceObject('e', 'privileged'), apiVersion: 'example.com/v1' }];
    expect(namespaceLevels(clusterWith(objects))).toEqual({ a: 'restricted', b: 'baseline' });
  });
});
