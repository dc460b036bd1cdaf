import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import standaloneCode from 'ajv/dist/standalone/index.js';

import { allKeys, fingerprint, generatedFiles, newAjv, rootSchema, type PrecompiledIndex } from '../compile.js';
import { coreDocument } from '../kube-to-ajv.js';
import { deriveCoreModel } from './derive.js';
import { derivationFingerprint, GENERATED_MODEL_PATH } from './model.js';

/**
 * Install-time step (`postinstall` of @platform/engine), into the git-ignored
 * generated/ folder, from installed packages only (no network):
 * 1. the core Kubernetes schemas derived from cdk8s-plus-31;
 * 2. every known kind compiled by ajv into its own standalone CommonJS module,
 *    per mode (strict, lenient), with an index of the schema fingerprints each
 *    validator was built from (compile.ts uses one only on an exact match).
 */
const started = performance.now();
const model = { ...deriveCoreModel(), derivedBy: derivationFingerprint() };
mkdirSync(dirname(GENERATED_MODEL_PATH), { recursive: true });
writeFileSync(GENERATED_MODEL_PATH, `${JSON.stringify(model)}\n`);

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
  `validate: ${keys.length} kinds from ${model.source} precompiled in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${dirname(GENERATED_MODEL_PATH)}\n`,
);
