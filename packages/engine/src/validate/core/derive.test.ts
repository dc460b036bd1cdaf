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
