import { describe, expect, it } from 'vitest';

import { deriveCoreModel, deriveFromText } from './derive.js';
import { coreModel } from './model.js';

describe('core model from cdk8s-plus-31', () => {
  const model = deriveCoreModel();

  it('is the Kubernetes 1.31 API, as the installed file says', () => {
    expect(model.kubernetesVersion).toBe('1.31');
    expect(model.source).toMatch(/^cdk8s-plus-31@\d+\.\d+\.\d+ \(Kubernetes 1\.31\.0 OpenAPI\)$/);
    // The image volume source is new in 1.31: a sign the model is not older.
    expect(model.definitions['io.k8s.api.core.v1.Volume']?.properties?.image).toEqual({ $ref: 'io.k8s.api.core.v1.ImageVolumeSource' });
  });

  it('keeps JSON names, required fields, integers and references', () => {
    expect(model.definitions['io.k8s.api.core.v1.ContainerPort']).toEqual({
      type: 'object',
      properties: {
        containerPort: { type: 'integer' },
        hostIP: { type: 'string' },
        hostPort: { type: 'integer' },
        name: { type: 'string' },
        protocol: { type: 'string' },
      },
      required: ['containerPort'],
    });
    const props = model.definitions['io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps']?.properties ?? {};
    expect(props['x-kubernetes-preserve-unknown-fields']).toEqual({ type: 'boolean' });
    expect(props.maximum).toEqual({ type: 'number' });
    expect(model.kinds['apps/v1 Deployment']).toBe('io.k8s.api.apps.v1.Deployment');
  });

  it('matches what the install step wrote, when it ran', () => {
    expect(coreModel().definitions).toEqual(model.definitions);
  });

  it('refuses a type it does not understand rather than guessing', () => {
    const dts = [
      '/**',
      ' * @schema io.example.Thing',
      ' */',
      'export interface Thing {',
      '    /**',
      '     * @schema io.example.Thing#odd',
      '     */',
      '    readonly odd?: Mystery;',
      '}',
    ].join('\n');
    expect(() => deriveFromText(dts, '', 'test')).toThrow('unknown type `Mystery`');
  });
});

describe('core models of every served version', () => {
  it('reads both shapes of generated JavaScript: `X.GVK = {...}` after the class and `static GVK = {...}` inside it', () => {
    const dts = ['/**', ' * @schema io.example.v1.Thing', ' */', 'export interface KubeThingProps {', '    readonly spec?: string;', '}'].join('\n');
    const assigned = "class KubeThing extends cdk8s.ApiObject {\n}\nKubeThing.GVK = {\n    apiVersion: 'example.io/v1',\n    kind: 'Thing',\n};\n";
    const inside = "class KubeThing extends cdk8s_1.ApiObject {\n    static GVK = {\n        apiVersion: 'example.io/v1',\n        kind: 'Thing',\n    };\n}\n";
    expect(deriveFromText(dts, assigned, 'test').kinds).toEqual({ 'example.io/v1 Thing': 'io.example.v1.Thing' });
    expect(deriveFromText(dts, inside, 'test').kinds).toEqual({ 'example.io/v1 Thing': 'io.example.v1.Thing' });
  });

  it.each(['1.32', '1.33'])('%s is derived from its own package and serves the common kinds', (version) => {
    const model = deriveCoreModel(version);
    expect(model.kubernetesVersion).toBe(version);
    expect(model.source).toMatch(new RegExp(`^cdk8s-plus-${version.slice(2)}@\\d+\\.\\d+\\.\\d+ \\(Kubernetes ${version.replace('.', '\\.')}\\.0 OpenAPI\\)$`));
    for (const kind of ['apps/v1 Deployment', 'v1 Service', 'v1 ConfigMap', 'networking.k8s.io/v1 Ingress', 'batch/v1 CronJob']) expect(model.kinds[kind], kind).toBeDefined();
    expect(Object.keys(model.kinds).length).toBeGreaterThan(140);
    expect(coreModel(version).definitions).toEqual(model.definitions);
  });
});

