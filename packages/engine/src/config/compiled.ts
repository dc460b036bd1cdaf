import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import AjvModule, { _, type ValidateFunction } from 'ajv';
import { formats } from './formats.js';
import { clusterConfigSchema, type ClusterConfig } from './schema.js';

const Ajv = AjvModule.default ?? AjvModule;

/** Where the install step writes the precompiled validator (git-ignored). */
export const CONFIG_VALIDATOR_FILE = fileURLToPath(new URL('../../generated/config-validator.cjs', import.meta.url));

/**
 * The standalone module cannot carry the format functions (they are code, not
 * schema): it reads them from this global, which is set before it is used.
 */
const FORMATS_GLOBAL = '__platformConfigFormats'; // spelt out once more in configValidatorAjv's code template

/** The ajv the config schema compiles with; `source` keeps the code for a standalone module. */
export function configValidatorAjv(source = false) {
  return new Ajv({ allErrors: true, verbose: true, formats, ...(source ? { code: { source: true, formats: _`globalThis.__platformConfigFormats` } } : {}) });
}

/** sha256 of the schema: a precompiled validator is used only when it was built from exactly this schema. */
export function configSchemaFingerprint(): string {
  return createHash('sha256').update(JSON.stringify(clusterConfigSchema)).digest('hex');
}

/**
 * The config validator: the precompiled one when the install step built it
 * from this very schema, else compiled now (a checkout whose postinstall did
 * not run, or a schema edited since).
 */
export function configValidator(): ValidateFunction<ClusterConfig> {
  try {
    // The module reads the formats as it loads.
    (globalThis as Record<string, unknown>)[FORMATS_GLOBAL] = formats;
    const module = createRequire(import.meta.url)(CONFIG_VALIDATOR_FILE) as ValidateFunction<ClusterConfig> & { fingerprint?: string };
    if (module.fingerprint === configSchemaFingerprint()) return module;
  } catch {
    // Not built: compile below.
  }
  return configValidatorAjv().compile<ClusterConfig>(clusterConfigSchema);
}
