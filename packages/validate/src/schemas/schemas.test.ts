import { describe, expect, it } from 'vitest';

import { validate } from '../index.js';

/** `path: message` for every problem in one file. */
function problems(content: string, path = 'resource.yaml'): string[] {
  const report = validate([{ path, content }]);
  return report.files.flatMap((file) =>
    file.resources.flatMap((resource) => resource.errors.map((error) => `${error.path}: ${error.message}`)),
  );
}

const helmChart = `apiVersion: helm.cattle.io/v1
kind: HelmChart
metadata:
  name: ingress-nginx
  namespace: kube-system
spec:
  repo: https://kubernetes.github.io/ingress-nginx
  chart: ingress-nginx
  version: 4.11.3
  targetNamespace: ingress-nginx
  createNamespace: true
  bootstrap: false
  timeout: 10m
  backOffLimit: 3
  failurePolicy: reinstall
  set:
    controller.replicaCount: 2
    controller.ingressClass: nginx
  valuesContent: |-
    controller:
      service:
        type: LoadBalancer
  valuesSecrets:
    - name: ingress-extra-values
      keys: [values.yaml]
      ignoreUpdates: false
  podSecurityContext:
    runAsNonRoot: true
  securityContext:
    allowPrivilegeEscalation: false
`;

describe('HelmChart and HelmChartConfig (helm-controller v0.16.16)', () => {
  it('accepts a realistic HelmChart', () => {
    expect(problems(helmChart)).toEqual([]);
  });

  it('rejects fields added after v0.16.16, which that API server would prune', () => {
    const later = helmChart.replace('  bootstrap: false\n', '  bootstrap: false\n  serverSide: true\n  driver: secret\n');
    expect(problems(later)).toEqual(['spec.serverSide: unknown field `serverSide`', 'spec.driver: unknown field `driver`']);
  });

  it('rejects the later `retry` failure policy, a bad timeout and a boolean in `set`', () => {
    const bad = helmChart
      .replace('failurePolicy: reinstall', 'failurePolicy: retry')
      .replace('timeout: 10m', 'timeout: 2d')
      .replace('controller.replicaCount: 2', 'controller.replicaCount: true');
    expect(problems(bad)).toEqual([
      'spec.timeout: must be a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h; no d or w), got "2d"',
      'spec.failurePolicy: must be one of "abort", "reinstall", got "retry"',
      'spec.set["controller.replicaCount"]: must be integer or string, got boolean',
    ]);
  });

  it('takes the job pod security context as v0.16.16 generated it (k8s.io/api 0.32)', () => {
    const selinux = helmChart.replace('    runAsNonRoot: true\n', '    runAsNonRoot: true\n    seLinuxChangePolicy: MountOption\n');
    expect(problems(selinux)).toEqual([]);
    expect(problems(helmChart.replace('runAsNonRoot: true', 'runAsNonRoot: yes-please'))).toEqual([
      'spec.podSecurityContext.runAsNonRoot: must be boolean, got string',
    ]);
  });

  it('checks HelmChartConfig', () => {
    const config = `apiVersion: helm.cattle.io/v1
kind: HelmChartConfig
metadata: { name: rke2-ingress-nginx, namespace: kube-system }
spec:
  valuesContent: "controller: {}"
  failurePolicy: abort
`;
    expect(problems(config)).toEqual([]);
    expect(problems(config.replace('failurePolicy: abort', 'chart: x'))).toEqual(['spec.chart: unknown field `chart`']);
  });
});

const gitRepo = `apiVersion: fleet.cattle.io/v1alpha1
kind: GitRepo
metadata:
  name: platform
  namespace: fleet-local
spec:
  repo: https://gitlab.example.com/platform/gitops.git
  branch: main
  paths: [dist/certs-dns, dist/security]
  pollingInterval: 1m30s
  clientSecretName: gitlab-auth
  correctDrift:
    enabled: true
  targets:
    - name: local
      clusterSelector:
        matchLabels:
          management.cattle.io/cluster-display-name: local
`;

describe('GitRepo (Fleet v0.13.15)', () => {
  it('accepts a realistic GitRepo', () => {
    expect(problems(gitRepo)).toEqual([]);
  });

  it('rejects a polling interval Go cannot parse', () => {
    expect(problems(gitRepo.replace('1m30s', '1d'))).toEqual([
      'spec.pollingInterval: must be a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h; no d or w), got "1d"',
    ]);
  });

  it('requires the repository', () => {
    expect(problems(gitRepo.replace('  repo: https://gitlab.example.com/platform/gitops.git\n', ''))).toEqual([
      'spec: missing required field `repo`',
    ]);
  });
});

const clusterIssuer = `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt-prod
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    email: platform@example.com
    privateKeySecretRef:
      name: letsencrypt-prod-account
    solvers:
      - http01:
          ingress:
            ingressClassName: nginx
            podTemplate:
              spec:
                nodeSelector: { kubernetes.io/os: linux }
                resources:
                  requests: { cpu: 10m, memory: 32Mi }
      - selector:
          dnsZones: [example.com]
        dns01:
          cloudflare:
            apiTokenSecretRef: { name: cloudflare-token, key: api-token }
`;

describe('ClusterIssuer (cert-manager v1.19)', () => {
  it('accepts a realistic ACME ClusterIssuer and a self-signed one', () => {
    expect(problems(clusterIssuer)).toEqual([]);
    expect(
      problems('apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: { name: selfsigned }\nspec:\n  selfSigned: {}\n'),
    ).toEqual([]);
  });

  it('requires exactly one issuer type', () => {
    const both = clusterIssuer.replace('spec:\n  acme:', 'spec:\n  selfSigned: {}\n  acme:');
    expect(problems(both)).toEqual([
      'spec: must set exactly one of `acme`, `ca`, `vault`, `selfSigned`, `venafi` (found `acme` and `selfSigned`)',
    ]);
    expect(problems('apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: { name: x }\nspec: {}\n')).toEqual([
      'spec: must set exactly one of `acme`, `ca`, `vault`, `selfSigned`, `venafi` (none is set)',
    ]);
  });

  it('allows one way only to name the HTTP-01 ingress, and checks fields below it', () => {
    const two = clusterIssuer.replace('ingressClassName: nginx', 'ingressClassName: nginx\n            class: nginx');
    expect(problems(two)).toEqual([
      'spec.acme.solvers[0].http01.ingress: may set only one of `class`, `ingressClassName`, `name` (found `class` and `ingressClassName`)',
    ]);
    const typo = clusterIssuer.replace('privateKeySecretRef:', 'privateKeySecret:');
    expect(problems(typo)).toEqual([
      'spec.acme: missing required field `privateKeySecretRef`',
      'spec.acme.privateKeySecret: unknown field `privateKeySecret` (did you mean `privateKeySecretRef`?)',
    ]);
  });
});

const clusterPolicy = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: disallow-latest-tag
  annotations:
    policies.kyverno.io/title: Disallow Latest Tag
spec:
  background: true
  admission: true
  validationFailureAction: Audit
  webhookTimeoutSeconds: 10
  rules:
    - name: require-image-tag
      match:
        any:
          - resources:
              kinds: [Pod]
              operations: [CREATE, UPDATE]
      exclude:
        any:
          - resources:
              namespaces: [kube-system]
      preconditions:
        all:
          - key: "{{ request.operation || 'BACKGROUND' }}"
            operator: NotEquals
            value: DELETE
      validate:
        failureAction: Enforce
        message: An image tag is required.
        pattern:
          spec:
            containers:
              - image: "*:*"
    - name: check-containers
      match:
        any:
          - resources: { kinds: [Pod] }
      validate:
        message: No latest tag.
        foreach:
          - list: request.object.spec.containers
            elementScope: true
            deny:
              conditions:
                any:
                  - key: "{{ element.image }}"
                    operator: Equals
                    value: "*:latest"
    - name: baseline
      match:
        any:
          - resources: { kinds: [Pod] }
      validate:
        podSecurity:
          level: baseline
          version: latest
`;

describe('ClusterPolicy (Kyverno 1.16)', () => {
  it('accepts a realistic ClusterPolicy', () => {
    expect(problems(clusterPolicy)).toEqual([]);
  });

  it('rejects unknown fields at the modelled levels and wrong enum values', () => {
    const bad = clusterPolicy
      .replace('failureAction: Enforce', 'failureAction: Deny')
      .replace('              kinds: [Pod]\n              operations', '              kind: [Pod]\n              operations')
      .replace('elementScope: true', 'elementScope: true\n            patern: {}');
    expect(problems(bad)).toEqual([
      'spec.rules[0].match.any[0].resources.kind: unknown field `kind` (did you mean `kinds`?)',
      'spec.rules[0].validate.failureAction: must be one of "Audit", "Enforce", got "Deny"',
      'spec.rules[1].validate.foreach[0].patern: unknown field `patern` (did you mean `pattern`?)',
    ]);
  });

  it('requires a name and a match on every rule', () => {
    const baseline = clusterPolicy.slice(clusterPolicy.indexOf('    - name: baseline'));
    const bad = clusterPolicy.replace(baseline, '    - name2: baseline\n      validate:\n        message: x\n');
    expect(problems(bad)).toEqual([
      'spec.rules[2]: missing required field `match`',
      'spec.rules[2]: missing required field `name`',
      'spec.rules[2].name2: unknown field `name2` (did you mean `name`?)',
    ]);
  });
});

const fleetYaml = `defaultNamespace: cert-manager
labels:
  platform.example.com/phase: certs-dns
helm:
  repo: https://charts.jetstack.io
  chart: cert-manager
  version: v1.19.1
  releaseName: cert-manager
  valuesFiles: [cert-manager.values.yaml]
  values:
    crds: { enabled: true }
    replicaCount: 2
  takeOwnership: true
  waitForJobs: true
  timeoutSeconds: 600
dependsOn:
  - name: platform-dist-gitops-fleet
  - selector:
      matchLabels: { platform.example.com/phase: storage }
correctDrift:
  enabled: true
diff:
  comparePatches:
    - apiVersion: apps/v1
      kind: Deployment
      name: cert-manager
      namespace: cert-manager
      jsonPointers: [/spec/replicas]
targetCustomizations:
  - name: local
    clusterName: local
    helm:
      values:
        replicaCount: 1
rolloutStrategy:
  maxUnavailable: 10%
  autoPartitionSize: 2
`;

describe('fleet.yaml (Fleet v0.13.15)', () => {
  it('accepts a realistic fleet.yaml', () => {
    expect(problems(fleetYaml, 'dist/certs-dns/cert-manager/fleet.yaml')).toEqual([]);
  });

  it('rejects a misspelt helm option that Fleet would silently ignore', () => {
    const typo = fleetYaml.replace('releaseName: cert-manager', 'releaseNmae: cert-manager');
    expect(problems(typo, 'bundle/fleet.yaml')).toEqual(['helm.releaseNmae: unknown field `releaseNmae` (did you mean `releaseName`?)']);
  });

  it('rejects keys from later Fleet releases and internal bundle fields', () => {
    const later = `${fleetYaml}createNamespace: true\ntargetCustomizationMode: AllMatches\ndownstreamResources: []\nresources: []\n`;
    expect(problems(later, 'bundle/fleet.yml')).toEqual([
      'createNamespace: unknown field `createNamespace`',
      'targetCustomizationMode: unknown field `targetCustomizationMode`',
      'downstreamResources: unknown field `downstreamResources`',
      'resources: unknown field `resources`',
    ]);
    const accepted = fleetYaml.replace('  - name: platform-dist-gitops-fleet\n', '  - name: platform-dist-gitops-fleet\n    acceptedStates: [Ready]\n');
    expect(problems(accepted, 'bundle/fleet.yaml')).toEqual(['dependsOn[0].acceptedStates: unknown field `acceptedStates`']);
  });

  it('checks the release name rules of the Bundle CRD', () => {
    const long = fleetYaml.replace('releaseName: cert-manager', `releaseName: ${'a'.repeat(54)}`);
    expect(problems(long, 'bundle/fleet.yaml')).toEqual(['helm.releaseName: must be at most 53 characters long, got 54']);
  });

  it('treats a fleet.yaml as bundle options, not as a Kubernetes object', () => {
    const report = validate([{ path: 'bundle/fleet.yaml', content: fleetYaml }]);
    expect(report.files[0]?.resources[0]).toMatchObject({ kind: 'fleet.yaml', resource: 'fleet.yaml', status: 'valid' });
  });
});
