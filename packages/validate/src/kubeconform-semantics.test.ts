import { describe, expect, it } from 'vitest';

import { SERVED_KUBERNETES_VERSIONS, validate, type ValidateOptions, type ValidationReport } from './index.js';

/**
 * kubeconform's behaviour, case by case, in our own words. The cases follow
 * the kinds of input its acceptance.bats and fixtures/ exercise (null
 * fields, empty documents and Lists, duplicate keys, missing kind or
 * apiVersion, skip/reject by kind and by apiVersion/kind, generateName,
 * missing schemas) and the upstream source each rule cites.
 */

function run(content: string, options: ValidateOptions = {}, path = 'm.yaml'): ValidationReport {
  return validate([{ path, content }], options);
}

function statuses(report: ValidationReport): string[] {
  return report.files.flatMap((file) => file.resources.map((resource) => `${resource.resource}:${resource.status}`));
}

function messages(report: ValidationReport): string[] {
  return report.files.flatMap((file) => file.resources.flatMap((resource) => resource.errors.map((error) => (error.path ? `${error.path}: ${error.message}` : error.message))));
}

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${spec}`;

describe('null is unset, as the API server reads it', () => {
  it.each([
    ['empty annotations and labels (Helm renders an empty value as null)', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n  labels: ~\ndata:\n'],
    ['env: left empty', pod('spec:\n  containers:\n    - name: c\n      image: i\n      env:\n      resources: null\n')],
    ['a null string, integer and object', pod('spec:\n  hostname: null\n  priority: null\n  securityContext: null\n  containers:\n    - name: c\n      image: i\n')],
    ['null in a Service port list field', 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  clusterIP: null\n  ports:\n    - port: 80\n      name: null\n'],
    ['null deep inside a Deployment template', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}, annotations: null}\n    spec:\n      volumes: null\n      containers:\n        - {name: c, image: i, ports: null, args: null}\n'],
  ])('%s is valid', (_, content) => {
    expect(messages(run(content))).toEqual([]);
  });

  it('a null *required* field is still missing, as the server reports "Required value"', () => {
    expect(messages(run(pod('spec:\n  containers: null\n')))).toEqual(['spec: missing required field `containers`']);
  });

  it('null inside a list is not a field and stays an error', () => {
    expect(messages(run(pod('spec:\n  containers:\n    - null\n')))).toEqual(['spec.containers[0]: must be object, got null']);
  });
});

describe('empty documents and Lists (pkg/validator ValidateResource; pkg/resource Resources)', () => {
  it.each([
    ['a document that is only ~', '~\n'],
    ['a document that is only null', 'null\n'],
    ['only separators and comments', '---\n# nothing\n---\n...\n'],
    ['an empty file', ''],
    ['a v1 List without items', 'apiVersion: v1\nkind: List\n'],
    ['a List with items: null', 'apiVersion: v1\nkind: List\nitems: null\n'],
    ['a List with no items in another apiVersion', 'apiVersion: example.com/v1\nkind: List\nitems: []\n'],
  ])('%s has no resources and no error', (_, content) => {
    const report = run(content);
    expect(report.summary).toEqual({ files: 1, resources: 0, valid: 0, invalid: 0, errors: 0, skipped: 0 });
  });

  it('expands a List whatever the case of its kind, checking each item with its own path', () => {
    const report = run('apiVersion: v1\nkind: list\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: b}, data: {k: 1}}\n');
    expect(statuses(report)).toEqual(['ConfigMap/a:valid', 'ConfigMap/b:invalid']);
    expect(report.files[0]?.resources[1]?.errors[0]).toMatchObject({ path: 'items[1].data.k', pointer: '/items/1/data/k', line: 5 });
  });

  it('counts a List and a resource in one file as their resources', () => {
    const report = run('apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n');
    expect(report.summary).toMatchObject({ resources: 2, valid: 2 });
  });

  it('a List without apiVersion is not expanded: it is an object missing its apiVersion', () => {
    expect(messages(run('kind: List\nitems: []\n'))).toEqual(['missing `apiVersion`: not a Kubernetes object']);
  });
});

describe('duplicate keys: an error only under strict, and the document keeps its name', () => {
  const duplicated = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: twice\ndata:\n  a: "1"\n  a: "2"\n';

  it('strict: an error for that document, named by its kind and name, at the duplicate line', () => {
    const [resource] = run(duplicated).files[0]?.resources ?? [];
    expect(resource).toMatchObject({ status: 'error', resource: 'ConfigMap/twice', kind: 'ConfigMap', name: 'twice' });
    expect(resource?.errors[0]).toMatchObject({ message: 'duplicate key `a`', line: 7 });
  });

  it('not strict: the last value wins and the document is validated with it', () => {
    expect(statuses(run(duplicated, { strict: false }))).toEqual(['ConfigMap/twice:valid']);
    const lastInvalid = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  a: "1"\n  a: 2\n';
    expect(messages(run(lastInvalid, { strict: false }))).toEqual(['data.a: must be string, got integer']);
  });

  it('a duplicate in one document leaves the others alone', () => {
    const report = run(`${duplicated}---\napiVersion: v1\nkind: Namespace\nmetadata: {name: fine}\n`);
    expect(statuses(report)).toEqual(['ConfigMap/twice:error', 'Namespace/fine:valid']);
  });
});

describe('identity, kinds and schemas', () => {
  it.each([
    ['no kind', 'apiVersion: v1\nmetadata: {name: a}\n', 'missing `kind`: not a Kubernetes object'],
    ['an empty kind', 'apiVersion: v1\nkind: ""\n', 'missing `kind`: not a Kubernetes object'],
    ['no apiVersion', 'kind: ConfigMap\nmetadata: {name: a}\n', 'missing `apiVersion`: not a Kubernetes object'],
  ])('%s is an error', (_, content, message) => {
    const report = run(content);
    expect(report.summary.errors).toBe(1);
    expect(messages(report)).toEqual([message]);
  });

  it('names a generateName object as kubeconform does', () => {
    const report = run('apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: pi-}\nspec: {template: {spec: {restartPolicy: Never, containers: [{name: pi, image: perl}]}}}\n');
    expect(report.files[0]?.resources[0]).toMatchObject({ status: 'valid', name: 'pi-{{ generateName }}' });
  });

  it('skips by kind or by apiVersion/kind, and a different apiVersion does not match', () => {
    const rc = 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: bob}\nspec: {template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}}\n';
    expect(statuses(run(rc, { skipKinds: ['ReplicationController'] }))).toEqual(['ReplicationController/bob:skipped']);
    expect(statuses(run(rc, { skipKinds: ['v1/ReplicationController'] }))).toEqual(['ReplicationController/bob:skipped']);
    expect(statuses(run(rc, { skipKinds: ['v2/ReplicationController'] }))).toEqual(['ReplicationController/bob:valid']);
  });

  it('rejects by kind or apiVersion/kind as "prohibited resource kind", and skip wins over reject', () => {
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ns}\n';
    expect(messages(run(ns, { rejectKinds: ['Namespace'] }))).toEqual(['prohibited resource kind Namespace']);
    expect(run(ns, { rejectKinds: ['v1/Namespace'] }).summary.errors).toBe(1);
    expect(run(ns, { rejectKinds: ['v2/Namespace'] }).summary.valid).toBe(1);
    expect(statuses(run(ns, { rejectKinds: ['Namespace'], skipKinds: ['Namespace'] }))).toEqual(['Namespace/ns:skipped']);
  });

  it('a kind without a schema is an error, or skipped with ignoreMissingSchemas', () => {
    const widget = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n';
    expect(statuses(run(widget))).toEqual(['Widget/w:error']);
    expect(statuses(run(widget, { ignoreMissingSchemas: true }))).toEqual(['Widget/w:skipped']);
  });

  it('exitOnError stops at the first invalid resource', () => {
    const content = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: 1}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n';
    expect(run(content).summary.resources).toBe(2);
    expect(run(content, { exitOnError: true }).summary).toMatchObject({ resources: 1, invalid: 1 });
  });

  it('accepts int-or-string and quantities written as strings or numbers', () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {ports: [{port: 80, targetPort: 8080}, {port: 81, targetPort: http}]}\n';
    expect(messages(run(service))).toEqual([]);
    const limits = 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: l}\nspec: {limits: [{type: Container, default: {memory: 512Mi, cpu: 1}, defaultRequest: {memory: 256000000}}]}\n';
    expect(messages(run(limits))).toEqual([]);
  });
});

describe('Kubernetes versions', () => {
  it('serves 1.31, 1.32 and 1.33', () => {
    expect(SERVED_KUBERNETES_VERSIONS).toEqual(['1.31', '1.32', '1.33']);
  });

  it('validates against the version asked for: a kind added in 1.33 is known there, and named with its 1.31 apiVersion under 1.31', () => {
    const cidr = 'apiVersion: networking.k8s.io/v1\nkind: ServiceCIDR\nmetadata: {name: c}\nspec: {cidrs: [10.0.0.0/16]}\n';
    expect(statuses(run(cidr, { kubernetesVersion: '1.33' }))).toEqual(['ServiceCIDR/c:valid']);
    expect(messages(run(cidr, { kubernetesVersion: '1.31' }))).toEqual(['Kubernetes 1.31 does not serve networking.k8s.io/v1 ServiceCIDR; it serves ServiceCIDR as networking.k8s.io/v1beta1']);
  });

  it('names an apiVersion removed between served versions with its replacement', () => {
    const flow = 'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata: {name: f}\nspec: {priorityLevelConfiguration: {name: p}}\n';
    expect(statuses(run(flow, { kubernetesVersion: '1.31' }))).toEqual(['FlowSchema/f:valid']);
    expect(messages(run(flow, { kubernetesVersion: '1.33' }))).toEqual(['Kubernetes 1.33 does not serve flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema (removed in Kubernetes 1.32); use flowcontrol.apiserver.k8s.io/v1']);
  });

  it('names a long-removed apiVersion instead of suggesting --skip', () => {
    const old = 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata: {name: d}\n';
    for (const version of SERVED_KUBERNETES_VERSIONS) {
      expect(messages(run(old, { kubernetesVersion: version }))).toEqual([`Kubernetes ${version} does not serve apps/v1beta1 Deployment (removed in Kubernetes 1.16); use apps/v1`]);
    }
  });
});
