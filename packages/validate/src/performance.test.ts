import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { MAXRSS_HOOK, writeManifests } from './bench.js';
import { validate } from './index.js';

/** 150 documents over 19 kinds, validated in a process that has compiled nothing yet. */
const kinds: Array<[string, string, string]> = [
  ['apps/v1', 'Deployment', 'spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x, resources: {limits: {cpu: 500m}}}]}}}'],
  ['apps/v1', 'StatefulSet', 'spec: {serviceName: s, selector: {matchLabels: {a: b}}, template: {spec: {containers: [{name: c, image: x}]}}}'],
  ['apps/v1', 'DaemonSet', 'spec: {selector: {matchLabels: {a: b}}, template: {spec: {containers: [{name: c, image: x}]}}}'],
  ['batch/v1', 'CronJob', 'spec: {schedule: "* * * * *", jobTemplate: {spec: {template: {spec: {containers: [{name: c, image: x}]}}}}}'],
  ['v1', 'Service', 'spec: {ports: [{port: 80, targetPort: http}]}'],
  ['networking.k8s.io/v1', 'Ingress', 'spec: {ingressClassName: nginx}'],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'spec: {podSelector: {}}'],
  ['v1', 'ConfigMap', 'data: {a: b}'],
  ['v1', 'Secret', 'stringData: {a: b}'],
  ['v1', 'ServiceAccount', 'automountServiceAccountToken: false'],
  ['v1', 'Namespace', 'spec: {}'],
  ['v1', 'PersistentVolumeClaim', 'spec: {resources: {requests: {storage: 1Gi}}}'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]'],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}'],
  ['helm.cattle.io/v1', 'HelmChart', 'spec: {chart: c, set: {a: 1}}'],
  ['kyverno.io/v1', 'ClusterPolicy', 'spec: {rules: [{name: r, match: {any: [{resources: {kinds: [Pod]}}]}}]}'],
  ['cert-manager.io/v1', 'ClusterIssuer', 'spec: {selfSigned: {}}'],
  ['fleet.cattle.io/v1alpha1', 'GitRepo', 'spec: {repo: https://example.com/r.git, pollingInterval: 1m}'],
];

describe('performance', () => {
  it('validates ~150 documents, schema compilation included, in well under a second', () => {
    const inputs = Array.from({ length: 140 }, (_, index) => {
      const [apiVersion, kind, body] = kinds[index % kinds.length] ?? kinds[0]!;
      return { path: `p/${String(index).padStart(3, '0')}.yaml`, content: `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: x${index}}\n${body}\n` };
    });
    for (let index = 0; index < 10; index += 1) {
      inputs.push({ path: `p/b${index}/fleet.yaml`, content: `defaultNamespace: apps\nhelm: {releaseName: r${index}}\n` });
    }
    const started = performance.now();
    const report = validate(inputs);
    const elapsed = performance.now() - started;
    expect(report.summary).toMatchObject({ resources: 150, valid: 150 });
    // About 110 ms with the validators precompiled at install, about 300 ms
    // compiling in-process; the bound leaves room for a slow CI machine.
    expect(elapsed).toBeLessThan(1000);
  });
});

describe('memory', () => {
  it('streams a 30 MB file through the CLI in under 300 MB of memory (the whole file held took about 930 MB)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'validate-memory-'));
    try {
      const file = join(dir, 'big.yaml');
      const objects = writeManifests(file, 30 * 1024 * 1024);
      const cli = fileURLToPath(new URL('../../platform/bin/platform.mjs', import.meta.url));
      const child = spawnSync(process.execPath, ['--import', MAXRSS_HOOK, cli, 'validate', '--no-summary', '--output', 'json', file], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
      expect(JSON.parse(child.stdout)).toEqual({ resources: [] });
      expect(child.status).toBe(0);
      expect(objects).toBeGreaterThan(100_000);
      const rssMegabytes = Number(/maxrss-kb (\d+)/.exec(child.stderr)?.[1]) / 1024;
      expect(rssMegabytes).toBeLessThan(300);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
