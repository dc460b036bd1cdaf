import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { schemaFileNames } from './added-schemas.js';
import { runValidateCommand } from './index.js';

let root: string;

function write(path: string, content: string): void {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, content);
}

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runValidateCommand(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd: root });
  return { code, stdout, stderr };
}

/** A small Certificate CRD in the shape cert-manager ships (two versions, one not served). */
const certificateCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: certificates.cert.example.io}
spec:
  group: cert.example.io
  names: {kind: Certificate, plural: certificates}
  scope: Namespaced
  versions:
    - name: v1alpha1
      served: false
      storage: false
      schema: {openAPIV3Schema: {type: object}}
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            metadata: {type: object}
            spec:
              type: object
              required: [secretName, issuerRef]
              properties:
                secretName: {type: string, minLength: 1}
                dnsNames: {type: array, items: {type: string}}
                duration: {type: string}
                revisionHistoryLimit: {type: integer, format: int32, minimum: 1}
                issuerRef:
                  type: object
                  required: [name]
                  properties:
                    name: {type: string}
                    kind: {type: string}
                    group: {type: string}
                privateKey:
                  type: object
                  nullable: true
                  properties:
                    algorithm: {type: string, enum: [RSA, ECDSA, Ed25519]}
                    size: {type: integer}
                secretTemplate:
                  type: object
                  properties:
                    annotations: {type: object, additionalProperties: {type: string}}
                keystores:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                  properties:
                    pkcs12:
                      type: object
                      required: [create]
                      properties:
                        create: {type: boolean}
                podTemplate:
                  type: object
                  x-kubernetes-embedded-resource: true
                  x-kubernetes-preserve-unknown-fields: true
                usages:
                  type: array
                  items: {type: string, enum: [digital signature, key encipherment, server auth, client auth]}
                  maxItems: 3
            status: {type: object, x-kubernetes-preserve-unknown-fields: true}
`;

/** A ServiceMonitor-like CRD: int-or-string ports, a label selector map, a pattern. */
const serviceMonitorCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: servicemonitors.monitoring.example.com}
spec:
  group: monitoring.example.com
  names: {kind: ServiceMonitor, plural: servicemonitors}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [selector, endpoints]
              properties:
                jobLabel: {type: string}
                selector:
                  type: object
                  properties:
                    matchLabels: {type: object, additionalProperties: {type: string}}
                endpoints:
                  type: array
                  items:
                    type: object
                    properties:
                      port: {type: string}
                      targetPort: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
                      interval: {type: string, pattern: '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$'}
                      scheme: {type: string, enum: [http, https]}
`;

const certificate = (spec: string) => `apiVersion: cert.example.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: apps, annotations: {a: b}}\nspec:\n${spec}`;
const monitor = (endpoints: string) => `apiVersion: monitoring.example.com/v1\nkind: ServiceMonitor\nmetadata: {name: m}\nspec:\n  selector: {matchLabels: {app: web}}\n  endpoints:\n${endpoints}`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'validate-crd-'));
  write('crds/certificate.yaml', certificateCrd);
  write('crds/nested/list.yaml', `apiVersion: v1\nkind: List\nitems:\n${serviceMonitorCrd.split('\n').map((line, index) => (index === 0 ? `  - ${line}` : `    ${line}`)).join('\n')}\n`);
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function check(name: string, manifest: string, ...flags: string[]) {
  write(name, manifest);
  return run('--crd', 'crds', ...flags, name);
}

describe('--crd: CustomResourceDefinitions as strict structural schemas', () => {
  it('validates a custom resource that fits, from a CRD file or a directory of them (Lists included)', () => {
    const good = certificate('  secretName: web-tls\n  dnsNames: [a.example.com]\n  issuerRef: {name: ca, kind: ClusterIssuer}\n  revisionHistoryLimit: 2\n  secretTemplate: {annotations: {team: web}}\n');
    expect(check('good.yaml', good).stdout).toContain('Valid: 1, Invalid: 0, Errors: 0');
    expect(run('--crd', 'crds/certificate.yaml', 'good.yaml').code).toBe(0);
    expect(check('monitor.yaml', monitor('    - {port: http, interval: 30s, targetPort: 8080}\n    - {targetPort: metrics}\n')).code).toBe(0);
  });

  it.each([
    ['a missing required field', certificate('  issuerRef: {name: ca}\n'), 'spec: missing required field `secretName`'],
    ['a misspelt field, with a suggestion', certificate('  secretName: s\n  issuerRef: {name: ca}\n  dnsName: [a]\n'), 'spec.dnsName: unknown field `dnsName` (did you mean `dnsNames`?)'],
    ['a value outside an enum', certificate('  secretName: s\n  issuerRef: {name: ca}\n  privateKey: {algorithm: DSA}\n'), 'spec.privateKey.algorithm: must be one of'],
    ['an int32 out of range', certificate('  secretName: s\n  issuerRef: {name: ca}\n  revisionHistoryLimit: 4294967296\n'), 'spec.revisionHistoryLimit: must be'],
    ['a map value of the wrong type', certificate('  secretName: s\n  issuerRef: {name: ca}\n  secretTemplate: {annotations: {a: 1}}\n'), 'spec.secretTemplate.annotations.a: must be string, got integer'],
    ['too many items', certificate('  secretName: s\n  issuerRef: {name: ca}\n  usages: [server auth, client auth, digital signature, key encipherment]\n'), 'spec.usages: '],
    ['a declared field below preserve-unknown-fields', certificate('  secretName: s\n  issuerRef: {name: ca}\n  keystores: {pkcs12: {}, jks: {anything: 1}}\n'), 'spec.keystores.pkcs12: missing required field `create`'],
    ['an embedded resource without kind', certificate('  secretName: s\n  issuerRef: {name: ca}\n  podTemplate: {apiVersion: v1, spec: {}}\n'), 'spec.podTemplate: missing required field `kind`'],
    ['a bad ObjectMeta (metadata is always ObjectMeta)', certificate('  secretName: s\n  issuerRef: {name: ca}\n').replace('annotations: {a: b}', 'annotations: {a: 1}'), 'metadata.annotations.a: must be string, got integer'],
    ['a string where int-or-string wants an integer or a string', monitor('    - {targetPort: [1]}\n'), 'spec.endpoints[0].targetPort: '],
    ['a value not matching a pattern', monitor('    - {interval: 1 minute}\n'), 'spec.endpoints[0].interval: must match'],
  ])('reports %s', (_, manifest, message) => {
    const { code, stdout } = check('bad.yaml', manifest);
    expect(code).toBe(1);
    expect(stdout).toContain(message);
  });

  it('accepts anything below preserve-unknown-fields, null where nullable, and a complete embedded resource', () => {
    const manifest = certificate('  secretName: s\n  issuerRef: {name: ca}\n  privateKey: null\n  keystores: {jks: {create: true, extra: [1, 2]}}\n  podTemplate: {apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {free: form}}\n');
    expect(check('free.yaml', manifest).stdout).toContain('Valid: 1,');
  });

  it('unknown fields pass with --no-strict, as elsewhere', () => {
    const manifest = certificate('  secretName: s\n  issuerRef: {name: ca}\n  extra: 1\n');
    expect(check('extra.yaml', manifest).code).toBe(1);
    expect(run('--crd', 'crds', '--no-strict', 'extra.yaml').code).toBe(0);
  });

  it('a version the CRD does not serve has no schema', () => {
    const manifest = certificate('  secretName: s\n').replace('cert.example.io/v1', 'cert.example.io/v1alpha1');
    expect(check('alpha.yaml', manifest).stdout).toContain('no schema for cert.example.io/v1alpha1 Certificate');
  });

  it('a CRD given on the command line replaces a built-in schema of the same kind', () => {
    const issuer = 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: i}\nspec: {newIssuerType: {}}\n';
    expect(check('issuer.yaml', issuer).code).toBe(1);
    write('more-crds/issuer.yaml', 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: clusterissuers.cert-manager.io}\nspec:\n  group: cert-manager.io\n  names: {kind: ClusterIssuer, plural: clusterissuers}\n  scope: Cluster\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {newIssuerType: {type: object}}}}}}\n');
    expect(run('--crd', 'more-crds', 'issuer.yaml').code).toBe(0);
  });

  it.each([
    ['a v1beta1 CRD', 'apiVersion: apiextensions.k8s.io/v1beta1\nkind: CustomResourceDefinition\nmetadata: {name: x}\nspec: {group: g, names: {kind: K}}\n', 'only apiextensions.k8s.io/v1'],
    ['a CRD without group', 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: x}\nspec: {names: {kind: K}}\n', 'spec.group and spec.names.kind are required'],
    ['broken YAML', 'kind: [\n', 'YAML syntax error'],
  ])('refuses %s with exit 2 and the file named', (_, content, message) => {
    write('broken-crds/crd.yaml', content);
    write('ok.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n');
    const { code, stderr } = run('--crd', 'broken-crds/crd.yaml', 'ok.yaml');
    expect(code).toBe(2);
    expect(stderr).toContain('--crd broken-crds/crd.yaml');
    expect(stderr).toContain(message);
  });
});

describe('--schema-location: a directory of JSON schemas named as kubeconform names them', () => {
  it('names files as kubeconform and openapi2jsonschema do, lowercased', () => {
    expect(schemaFileNames('monitoring.coreos.com/v1', 'ServiceMonitor')).toEqual([
      'servicemonitor-monitoring-v1.json',
      'servicemonitor_v1.json',
      'monitoring.coreos.com/servicemonitor_v1.json',
    ]);
    expect(schemaFileNames('v1', 'ConfigMap')).toEqual(['configmap-v1.json', 'configmap_v1.json']);
  });

  // What openapi2jsonschema.py writes: additionalProperties false where
  // properties are, int-or-string as a oneOf, format kept.
  const widgetSchema = JSON.stringify({
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['size'],
        properties: { size: { type: 'integer', format: 'int32' }, port: { oneOf: [{ type: 'string' }, { type: 'integer' }] } },
        additionalProperties: false,
      },
    },
  });
  const widget = (spec: string) => `apiVersion: widgets.example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: ${spec}\n`;

  it.each([
    ['{kind}-{group}-{version}.json', 'widget-widgets-v1.json'],
    ['{kind}_{version}.json', 'widget_v1.json'],
    ['{group}/{kind}_{version}.json', 'widgets.example.com/widget_v1.json'],
  ])('finds %s', (_, file) => {
    const dir = `schemas-${file.replace(/[^a-z]/g, '')}`;
    write(`${dir}/${file}`, widgetSchema);
    write('widget.yaml', widget('{size: 3, port: http}'));
    expect(run('--schema-location', dir, 'widget.yaml').stdout).toContain('Valid: 1,');
    write('widget-bad.yaml', widget('{port: [1], colour: red}'));
    const bad = run('--schema-location', dir, 'widget-bad.yaml').stdout;
    expect(bad).toContain('spec: missing required field `size`');
    expect(bad).toContain('spec.colour: unknown field `colour`');
    expect(bad).toContain('spec.port: ');
  });

  it('a schema file that is not JSON is an error for the resources that need it; the rest is validated', () => {
    write('schemas-broken/widget_v1.json', '{ not json');
    write('widget.yaml', widget('{size: 3}'));
    write('ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n');
    const { code, stdout } = run('--schema-location', 'schemas-broken', 'widget.yaml', 'ns.yaml');
    expect(code).toBe(1);
    expect(stdout).toContain('widget.yaml:1: Widget/w (document 0): schema schemas-broken/widget_v1.json is not JSON');
    expect(stdout).toContain('Valid: 1, Invalid: 0, Errors: 1');
  });

  it('a schema nested past the stack is one message for its resources, not a stack trace', () => {
    const depth = 20_000;
    write('schemas-deep/widget_v1.json', `${'{"type":"object","properties":{"a":'.repeat(depth)}{"type":"object"}${'}}'.repeat(depth)}`);
    write('widget.yaml', widget('{size: 3}'));
    const { code, stdout } = run('--schema-location', 'schemas-deep', 'widget.yaml');
    expect(code).toBe(1);
    expect(stdout).toContain('widget.yaml:1: Widget/w (document 0): schema schemas-deep/widget_v1.json: the schema of Widget cannot be read: ');
  });

  it('never reads outside the directory, whatever the kind or apiVersion says', () => {
    write('outside_v1.json', widgetSchema);
    write('schemas-empty/.keep', '');
    write('escape.yaml', 'apiVersion: ../v1\nkind: ../outside\nmetadata: {name: e}\n');
    expect(run('--schema-location', 'schemas-empty', 'escape.yaml').stdout).toContain('no schema for');
  });
});
