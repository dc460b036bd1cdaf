import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import standaloneCode from 'ajv/dist/standalone/index.js';

import { allKeys, fingerprint, generatedFiles, newAjv, rootSchema, type PrecompiledIndex } from '../compile.js';
import { coreDocument } from '../kube-to-ajv.js';
import { deriveCoreModel } from './derive.js';
import { CORE_KUBERNETES_VERSION, CORE_PACKAGES } from './derive.js';
import { coreModel, derivationFingerprint, generatedModelPath } from './model.js';

/**
 * Install-time step (`postinstall` of @platform/validate), into its git-ignored
 * generated/ folder, from installed packages only (no network):
 * 1. the core Kubernetes schemas of every served minor, derived from its
 *    cdk8s-plus-<minor> package (about 1.5 MB of JSON each);
 * 2. for the default minor only (the others compile the kinds a run meets,
 *    about 300 ms; precompiling all would triple the 10 s and 30 MB), every known kind compiled by ajv into its own standalone CommonJS module,
 *    per mode (strict, lenient), with an index of the schema fingerprints each
 *    validator was built from (compile.ts uses one only on an exact match).
 */
const started = performance.now();
for (const version of Object.keys(CORE_PACKAGES)) {
  const derived = { ...deriveCoreModel(version), derivedBy: derivationFingerprint() };
  mkdirSync(dirname(generatedModelPath(version)), { recursive: true });
  writeFileSync(generatedModelPath(version), `${JSON.stringify(derived)}\n`);
}
const model = coreModel(CORE_KUBERNETES_VERSION);

const keys = allKeys();
for (const strict of [true, false]) {
  const ajv = newAjv(strict, { code: { source: true } });
  const index: PrecompiledIndex = { core: fingerprint(coreDocument(model.definitions, { strict })), roots: {} };
  const files = generatedFiles(strict);
  mkdirSync(files.modules, { recursive: true });
  keys.forEach((key, position) => {
    const schema = rootSchema(key, strict);
    const name = `v${position}`;
    ajv.addSchema(schema, name);
    index.roots[key] = { name, fingerprint: fingerprint(schema) };
  });
  // One module per kind: a run loads only the kinds it meets, not all of them (5 MB, ~55 ms).
  for (const { name } of Object.values(index.roots)) writeFileSync(join(files.modules, `${name}.cjs`), standaloneCode.default(ajv, { [name]: name }));
  writeFileSync(files.index, `${JSON.stringify(index)}\n`);
}
process.stdout.write(
  `validate: ${keys.length} kinds from ${model.source} precompiled in ${((performance.now() - started) / 1000).toFixed(1)} s (core schemas of ${Object.keys(CORE_PACKAGES).join(', ')}) -> ${dirname(generatedModelPath(CORE_KUBERNETES_VERSION))}\n`,
);
