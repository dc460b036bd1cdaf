import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import standaloneCode from 'ajv/dist/standalone/index.js';

import { allKeys, fingerprint, generatedFiles, newAjv, rootSchema, type PrecompiledIndex } from '../compile.js';
import { coreDocument } from '../kube-to-ajv.js';
import { deriveCoreModel } from './derive.js';
import { derivationFingerprint, GENERATED_MODEL_PATH } from './model.js';

/**
 * Install-time step (`postinstall` of @platform/engine), into the git-ignored
 * generated/ folder, from installed packages only (no network):
 * 1. the core Kubernetes schemas derived from cdk8s-plus-31;
 * 2. every known kind compiled by ajv into a standalone CommonJS module per
 *    mode (strict, lenient), with an index of the schema fingerprints each
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
  const exportsById: Record<string, string> = {};
  keys.forEach((key, position) => {
    const schema = rootSchema(key, strict);
    const name = `v${position}`;
    ajv.addSchema(schema, name);
    exportsById[name] = name;
    index.roots[key] = { name, fingerprint: fingerprint(schema) };
  });
  const files = generatedFiles(strict);
  writeFileSync(files.module, standaloneCode.default(ajv, exportsById));
  writeFileSync(files.index, `${JSON.stringify(index)}\n`);
}
process.stdout.write(
  `validate: ${keys.length} kinds from ${model.source} precompiled in ${((performance.now() - started) / 1000).toFixed(1)} s -> ${dirname(GENERATED_MODEL_PATH)}\n`,
);
