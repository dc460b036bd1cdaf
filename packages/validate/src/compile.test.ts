import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { allKeys, generatedFiles, newAjv, rootSchema, validatorFor } from './compile.js';
import { generatedModelPath } from './core/model.js';

/** Where this package's postinstall (core/build.ts) writes: beside src/, never inside it. */
const GENERATED = fileURLToPath(new URL('../generated/', import.meta.url));

const samples: Array<[string, unknown]> = [
  ['apps/v1 Deployment', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', template: { spec: { containers: [{ image: 1 }] } } } }],
  ['v1 Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 80, targetPort: true }], typo: 1 } }],
  ['helm.cattle.io/v1 HelmChart', { apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart', metadata: { name: 'x' }, spec: { timeout: '1d', serverSide: true } }],
  ['cert-manager.io/v1 ClusterIssuer', { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'x' }, spec: { ca: { secretName: 's' }, selfSigned: {} } }],
  ['fleet.yaml', { helm: { releaseNmae: 'x', releaseName: 'Bad' } }],
];

describe('compiled validators', () => {
  it('knows every core kind, the custom resources and fleet.yaml', () => {
    const keys = allKeys();
    expect(keys).toContain('apps/v1 Deployment');
    expect(keys).toContain('kyverno.io/v1 ClusterPolicy');
    expect(keys).toContain('fleet.yaml');
  });

  it.each([true, false])('loads the validators precompiled at install from the package folder generated/, outside src/ (strict %s)', (strict) => {
    const files = generatedFiles(strict);
    expect(files.index.startsWith(GENERATED) && files.modules.startsWith(GENERATED)).toBe(true);
    expect(generatedModelPath('1.31').startsWith(GENERATED)).toBe(true);
    expect(existsSync(files.index) && existsSync(generatedModelPath('1.33'))).toBe(true);
    validatorFor('apps/v1 Deployment', strict);
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((path) => path.startsWith(files.modules));
    expect(loaded.length).toBeGreaterThan(0);
  });

  it.each([true, false])('answers the same whether precompiled at install or compiled now (strict %s)', (strict) => {
    const fresh = newAjv(strict);
    for (const [key, document] of samples) {
      const cached = validatorFor(key, strict);
      const compiled = fresh.compile(rootSchema(key, strict));
      expect(cached(document)).toBe(compiled(document));
      expect(cached.errors).toEqual(compiled.errors);
    }
  });
});
