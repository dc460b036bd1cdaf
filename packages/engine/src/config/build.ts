import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { configValidatorAjv, CONFIG_VALIDATOR_FILE, configSchemaFingerprint } from './compiled.js';
import { clusterConfigSchema } from './schema.js';

/**
 * Install-time step (`postinstall` of @platform/engine), into the git-ignored
 * generated/ folder: the cluster config schema compiled by ajv into a
 * standalone CommonJS module, so no run pays ajv's compile (about 120 ms).
 * The module carries the schema's fingerprint; a run uses it only on an exact
 * match and compiles at run time otherwise (compiled.ts).
 */
const started = performance.now();
const ajv = configValidatorAjv(true);
const validate = ajv.compile(clusterConfigSchema);
const code = `${standaloneCode.default(ajv, validate)}\nmodule.exports.fingerprint = ${JSON.stringify(configSchemaFingerprint())};\n`;
mkdirSync(dirname(CONFIG_VALIDATOR_FILE), { recursive: true });
writeFileSync(CONFIG_VALIDATOR_FILE, code);
process.stdout.write(`engine: cluster config schema precompiled in ${Math.round(performance.now() - started)} ms -> ${CONFIG_VALIDATOR_FILE}\n`);
