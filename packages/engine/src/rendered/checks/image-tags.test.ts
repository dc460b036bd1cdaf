import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../objects.js';
import { bundle, cluster, deployment, tree } from '../testing.js';
import { checkImageTags, IMAGE_TAG_RULE, imageReference } from './image-tags.js';

/** A pod spec with one container using `image` at `field`. */
const spec = (field: 'containers' | 'initContainers' | 'ephemeralContainers', image: string): KubeObject => ({
  containers: field === 'containers' ? [{ name: 'main', image }] : [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }],
  ...(field === 'initContainers' ? { initContainers: [{ name: 'init', image }] } : {}),
  ...(field === 'ephemeralContainers' ? { ephemeralContainers: [{ name: 'debug', image }] } : {}),
});

/** Every workload kind pod-security-admission reads pods from, wrapping `podSpec` where that kind keeps it. */
const WORKLOADS: Record<string, { wrap: (podSpec: KubeObject) => KubeObject; path: string }> = {
  Pod: { wrap: (podSpec) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'w', namespace: 'apps' }, spec: podSpec }), path: 'spec' },
  PodTemplate: { wrap: (podSpec) => ({ apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 'w', namespace: 'apps' }, template: { spec: podSpec } }), path: 'template.spec' },
  ReplicationController: { wrap: (podSpec) => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'w', namespace: 'apps' }, spec: { template: { spec: podSpec } } }), path: 'spec.template.spec' },
  Deployment: { wrap: (podSpec) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w', namespace: 'apps' }, spec: { template: { spec: podSpec } } }), path: 'spec.template.spec' },
  StatefulSet: { wrap: (podSpec) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'w', namespace: 'apps' }, spec: { template: { spec: podSpec } } }), path: 'spec.template.spec' },
  DaemonSet: { wrap: (podSpec) => ({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'w', namespace: 'apps' }, spec: { template: { spec: podSpec } } }), path: 'spec.template.spec' },
  ReplicaSet: { wrap: (podSpec) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'w', namespace: 'apps' }, spec: { template: { spec: podSpec } } }), path: 'spec.template.spec' },
  Job: { wrap: (podSpec) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'w', namespace: 'apps' }, spec: { template: { spec: podSpec } } }), path: 'spec.template.spec' },
  CronJob: { wrap: (podSpec) => ({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'w', namespace: 'apps' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: podSpec } } } } }), path: 'spec.jobTemplate.spec.template.spec' },
};

const FIELDS = { containers: 'containers[0]', initContainers: 'initContainers[0]', ephemeralContainers: 'ephemeralContainers[0]' } as const;

const check = (...objects: KubeObject[]) => checkImageTags(tree(cluster('prod', [bundle('apps', objects.map((object) => ({ object, source: { file: 'dist/prod/apps/apps.yaml' } })))])));

describe('imageReference splits an image as the distribution reference grammar does', () => {
  it.each([
    ['nginx', {}],
    ['nginx:1.27.3', { tag: '1.27.3' }],
    ['docker.io/library/nginx:latest', { tag: 'latest' }],
    ['registry.example.com:5000/team/app', {}],
    ['registry.example.com:5000/team/app:v2', { tag: 'v2' }],
    ['quay.io/jetstack/cert-manager-controller@sha256:0a5e0f2c', { digest: 'sha256:0a5e0f2c' }],
    ['nginx:latest@sha256:0a5e0f2c', { tag: 'latest', digest: 'sha256:0a5e0f2c' }],
  ])('%s', (image, parts) => {
    expect(imageReference(image)).toEqual(parts);
  });
});

describe('checkImageTags', () => {
  describe.each(Object.entries(WORKLOADS))('in a %s', (kind, { wrap, path }) => {
    it.each(Object.entries(FIELDS))('flags latest in %s', (field, where) => {
      const findings = check(wrap(spec(field as keyof typeof FIELDS, 'ghcr.io/example/app:latest')));
      expect(findings.map((finding) => [finding.rule, finding.severity, finding.field])).toEqual([[IMAGE_TAG_RULE, 'error', `${path}.${where}.image`]]);
      expect(findings[0]?.message).toContain(`${kind}`);
    });

    it('flags an image with no tag and no digest', () => {
      expect(check(wrap(spec('containers', 'busybox'))).map((finding) => finding.message)).toEqual([expect.stringContaining('"busybox", with no tag (pulled as latest)')]);
    });

    it('accepts a version tag, a digest, and latest pinned by a digest', () => {
      for (const image of ['busybox:1.36.1', 'busybox@sha256:4b6ad3a68d34da29bf7c8ccb5d355ba8b4babcad1f99798204e7abb43e54ee3d', 'busybox:latest@sha256:4b6ad3a68d34da29bf7c8ccb5d355ba8b4babcad1f99798204e7abb43e54ee3d', 'localhost:5000/busybox:1.36']) {
        expect(check(wrap(spec('containers', image)))).toEqual([]);
      }
    });
  });

  it('reads only the kinds that create pods, by group: a custom resource named Deployment is not a workload', () => {
    expect(check({ apiVersion: 'example.com/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: { spec: spec('containers', 'nginx') } } })).toEqual([]);
  });

  it('treats the tag as case-sensitive, as registries do: Latest is a tag of its own', () => {
    expect(check(deployment('web', 'apps', 'nginx:Latest'))).toEqual([]);
  });

  it('finds every offending container of a pod, in visiting order, and points at the object source', () => {
    const object = deployment('web', 'apps', 'nginx', { podSpec: { initContainers: [{ name: 'migrate', image: 'app:latest' }] } });
    const findings = check(object);
    expect(findings.map((finding) => [finding.file, finding.field])).toEqual([
      ['dist/prod/apps/apps.yaml', 'spec.template.spec.initContainers[0].image'],
      ['dist/prod/apps/apps.yaml', 'spec.template.spec.containers[0].image'],
    ]);
    expect(findings[0]?.message).toMatch(/^cluster prod, bundle apps: Deployment\.apps apps\/web: container "migrate" runs "app:latest", tagged latest/);
  });

  it('finds workloads inside a List', () => {
    expect(check({ apiVersion: 'v1', kind: 'List', items: [deployment('web', 'apps', 'nginx:latest')] })).toHaveLength(1);
  });
});
