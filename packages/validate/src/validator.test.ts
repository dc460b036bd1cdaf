import { describe, expect, it } from 'vitest';

import { validate, UnsupportedKubernetesVersionError } from './index.js';
import type { ValidationReport } from './types.js';

function check(content: string, options: Parameters<typeof validate>[1] = {}, path = 'manifests/app.yaml'): ValidationReport {
  return validate([{ path, content }], options);
}

function problems(report: ValidationReport): string[] {
  return report.files.flatMap((file) =>
    file.resources.flatMap((resource) => resource.errors.map((error) => `${error.path}: ${error.message}`)),
  );
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: apps
  labels:
    app.kubernetes.io/name: web
spec:
  replicas: 2
  revisionHistoryLimit: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: web
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
    spec:
      serviceAccountName: web
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
        - name: web
          image: registry.example.com/web:1.4.2
          imagePullPolicy: IfNotPresent
          args: ["--port=8080"]
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: "1", memory: 1Gi }
          readinessProbe:
            httpGet: { path: /healthz, port: http }
            periodSeconds: 10
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
`;

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  namespace: apps
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  ingressClassName: nginx
  tls:
    - hosts: [web.example.com]
      secretName: web-tls
  rules:
    - host: web.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  number: 80
`;

describe('validate: core Kubernetes kinds', () => {
  it('accepts a realistic Deployment and Ingress', () => {
    const report = validate([
      { path: 'apps/deployment.yaml', content: deployment },
      { path: 'apps/ingress.yaml', content: ingress },
    ]);
    expect(problems(report)).toEqual([]);
    expect(report.summary).toEqual({ files: 2, resources: 2, valid: 2, invalid: 0, errors: 0, skipped: 0 });
    expect(report.files[0]?.resources[0]?.resource).toBe('Deployment/apps/web');
  });

  it('reports a misspelt field with its path, line and a suggestion', () => {
    const report = check(deployment.replace('imagePullPolicy: IfNotPresent', 'imagePolicy: IfNotPresent'));
    const [resource] = report.files[0]?.resources ?? [];
    expect(resource?.status).toBe('invalid');
    expect(resource?.errors).toEqual([
      {
        file: 'manifests/app.yaml',
        document: 0,
        resource: 'Deployment/apps/web',
        path: 'spec.template.spec.containers[0].imagePolicy',
        pointer: '/spec/template/spec/containers/0/imagePolicy',
        message: 'unknown field `imagePolicy` (did you mean `imagePullPolicy`?)',
        line: 32,
      },
    ]);
  });

  it('accepts unknown fields without --strict', () => {
    const report = check(deployment.replace('imagePullPolicy: IfNotPresent', 'imagePolicy: IfNotPresent'), { strict: false });
    expect(report.summary.valid).toBe(1);
  });

  it('reports a wrong type', () => {
    const report = check(deployment.replace('replicas: 2', 'replicas: "2"'));
    expect(problems(report)).toEqual(['spec.replicas: must be integer, got string']);
  });

  it('reports a missing required field at the object lacking it', () => {
    const report = check(deployment.replace('        - name: web\n          image:', '        - image:'));
    expect(problems(report)).toEqual(['spec.template.spec.containers[0]: missing required field `name`']);
  });

  it('reads YAML 1.1 booleans as Kubernetes does, so an unquoted `on` is not a string', () => {
    const report = check(deployment.replace('value: info', 'value: on'));
    expect(problems(report)).toEqual(['spec.template.spec.containers[0].env[0].value: must be string, got boolean']);
  });

  it('accepts the `creationTimestamp: null` that generated manifests carry', () => {
    expect(problems(check(deployment.replace('  name: web\n  namespace: apps\n', '  name: web\n  namespace: apps\n  creationTimestamp: null\n')))).toEqual([]);
    expect(problems(check(deployment.replace('  name: web\n  namespace: apps\n', '  name: web\n  namespace: apps\n  creationTimestamp: yesterday\n')))).toEqual([
      'metadata.creationTimestamp: must be an RFC 3339 timestamp such as 2024-01-31T12:00:00Z, got "yesterday"',
    ]);
  });

  it('brackets map keys that are not identifiers', () => {
    const report = check(deployment.replace('app.kubernetes.io/name: web\nspec:', 'app.kubernetes.io/name: 7\nspec:'));
    expect(problems(report)).toEqual(['metadata.labels["app.kubernetes.io/name"]: must be string, got integer']);
  });
});

describe('validate: int-or-string and quantities', () => {
  const service = (port: string) => `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  ports:
    - port: 80
      targetPort: ${port}
`;
  const limits = (memory: string) => deployment.replace('memory: 1Gi', `memory: ${memory}`);

  it.each(['8080', 'http', '"8080"'])('accepts targetPort %s', (port) => {
    expect(problems(check(service(port)))).toEqual([]);
  });

  it.each([
    ['true', 'must be integer or string, got boolean'],
    ['1.5', 'must be integer or string, got number'],
    ['[80]', 'must be integer or string, got array'],
  ])('rejects targetPort %s', (port, message) => {
    expect(problems(check(service(port)))).toEqual([`spec.ports[0].targetPort: ${message}`]);
  });

  it.each(['500m', '1Gi', '2', '0.5', '1.5Gi', '1e3', '"128974848"', '129M'])('accepts quantity %s', (value) => {
    expect(problems(check(limits(value)))).toEqual([]);
  });

  it.each(['1GB', '1gi', 'lots', '""', '1 Gi'])('rejects quantity %s', (value) => {
    const [problem] = problems(check(limits(value)));
    expect(problem).toMatch(/^spec\.template\.spec\.containers\[0\]\.resources\.limits\.memory: must be a Kubernetes quantity/);
  });

  it('rejects a quantity of the wrong JSON type', () => {
    expect(problems(check(limits('true')))[0]).toMatch(/limits\.memory: must be a Kubernetes quantity .*got true$/);
  });
});

describe('validate: documents and kinds', () => {
  it('reports an unknown kind as an error naming it, and --skip skips it', () => {
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n';
    const report = check(widget);
    expect(report.files[0]?.resources[0]).toMatchObject({ status: 'error', resource: 'Widget/w' });
    expect(problems(report)).toEqual([": no schema for example.com/v1 Widget (Kubernetes 1.31 core API and the platform's CRDs); add its CRD with --crd or --schema-location, or pass --ignore-missing-schemas"]);
    expect(check(widget, { skipKinds: ['Widget'] }).summary).toMatchObject({ skipped: 1, errors: 0 });
    expect(check(widget, { skipKinds: ['example.com/v1/Widget'] }).summary).toMatchObject({ skipped: 1 });
  });

  it('reports a duplicate key with its line', () => {
    const report = check('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
    const [resource] = report.files[0]?.resources ?? [];
    expect(resource?.status).toBe('error');
    expect(resource?.errors[0]).toMatchObject({ message: 'duplicate key `name`', line: 5, document: 0 });
  });

  it('reports errors in the second document as document 1, skipping empty documents', () => {
    const content = [
      '---',
      '# leading comment only',
      '---',
      'apiVersion: v1',
      'kind: Namespace',
      'metadata: { name: apps }',
      '---',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: settings, namespace: apps }',
      'data:',
      '  retries: 3',
      '',
    ].join('\n');
    const report = check(content);
    const resources = report.files[0]?.resources ?? [];
    expect(resources.map((resource) => [resource.document, resource.status])).toEqual([
      [0, 'valid'],
      [1, 'invalid'],
    ]);
    expect(resources[1]?.errors[0]).toMatchObject({
      document: 1,
      resource: 'ConfigMap/apps/settings',
      path: 'data.retries',
      message: 'must be string, got integer',
      line: 13,
    });
  });

  it('reports a document without kind or apiVersion as an error', () => {
    const report = check('metadata: { name: x }\n');
    expect(report.summary.errors).toBe(1);
    expect(problems(report)).toEqual([': missing `apiVersion`: not a Kubernetes object', ': missing `kind`: not a Kubernetes object']);
  });

  it('checks each item of a v1 List', () => {
    const report = check('apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: a }\n    date: {}\n');
    expect(problems(report)).toEqual(['items[0].date: unknown field `date` (did you mean `data`?)']);
  });

  it('covers the kinds the platform needs', () => {
    const kinds = [
      ['v1', 'Namespace'],
      ['v1', 'ConfigMap'],
      ['v1', 'Secret'],
      ['v1', 'Service'],
      ['v1', 'ServiceAccount'],
      ['v1', 'PersistentVolumeClaim'],
      ['v1', 'Pod'],
      ['networking.k8s.io/v1', 'Ingress'],
      ['networking.k8s.io/v1', 'IngressClass'],
      ['networking.k8s.io/v1', 'NetworkPolicy'],
      ['storage.k8s.io/v1', 'StorageClass'],
      ['apps/v1', 'Deployment'],
      ['apps/v1', 'DaemonSet'],
      ['apps/v1', 'StatefulSet'],
      ['rbac.authorization.k8s.io/v1', 'Role'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRole'],
      ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
      ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
      ['batch/v1', 'Job'],
      ['batch/v1', 'CronJob'],
      ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
    ];
    const inputs = kinds.map(([apiVersion, kind]) => ({
      path: `${kind}.yaml`,
      content: `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: x }\n`,
    }));
    const statuses = validate(inputs).files.map((file) => `${file.resources[0]?.kind}:${file.resources[0]?.status}`);
    // Some kinds need more than metadata (a StorageClass needs a provisioner, a
    // RoleBinding a roleRef), but none may be unknown.
    expect(statuses.filter((status) => status.endsWith(':error'))).toEqual([]);
  });

  it('rejects Kubernetes versions it has no schemas for, and reads 1.31 spellings alike', () => {
    expect(() => check(deployment, { kubernetesVersion: '1.30' })).toThrow(UnsupportedKubernetesVersionError);
    expect(check(deployment, { kubernetesVersion: 'v1.31.14' }).kubernetesVersion).toBe('1.31');
  });

  it('leaves out Helm values files that a fleet.yaml names', () => {
    const report = validate([
      { path: 'bundle/fleet.yaml', content: 'helm:\n  chart: ./chart\n  valuesFiles: [values.yaml]\n' },
      { path: 'bundle/values.yaml', content: 'replicaCount: 2\n' },
      { path: 'bundle/other.yaml', content: 'replicaCount: 2\n' },
    ]);
    expect(report.files.map((file) => file.path)).toEqual(['bundle/fleet.yaml', 'bundle/other.yaml']);
    expect(report.summary.errors).toBe(1);
  });

  it('sorts files by path whatever the input order', () => {
    const one = { path: 'b.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: b }\n' };
    const two = { path: 'a.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n' };
    expect(validate([one, two]).files.map((file) => file.path)).toEqual(['a.yaml', 'b.yaml']);
    expect(validate([one, two])).toEqual(validate([two, one]));
  });

  it('validates ~150 documents quickly once schemas are compiled', () => {
    const inputs = Array.from({ length: 150 }, (_, index) => ({
      path: `many/${String(index).padStart(3, '0')}.yaml`,
      content: index % 2 === 0 ? deployment : ingress,
    }));
    validate(inputs);
    const started = performance.now();
    const report = validate(inputs);
    expect(report.summary.valid).toBe(150);
    expect(performance.now() - started).toBeLessThan(300);
  });
});
