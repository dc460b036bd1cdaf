import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Ajv, type Options, type ValidateFunction } from 'ajv';

import { CORE_KUBERNETES_VERSION } from './core/derive.js';
import { coreModel } from './core/model.js';
import { registerKeywords } from './formats.js';
import { coreDocument, kubeToAjv, type AjvSchema } from './kube-to-ajv.js';
import { CUSTOM_RESOURCES, FLEET_YAML_SCHEMA, type SchemaEntry } from './registry.js';
import type { KubeSchema } from './schema-types.js';

/**
 * Compiled validators. Compiling the Kubernetes schemas is most of the cost
 * of a run (a Deployment pulls in ~100 definitions), so the install step
 * (core/build.ts) compiles every known kind ahead of time into ajv
 * "standalone" modules in the git-ignored generated/ folder. At run time a
 * precompiled validator is used only if the schema it was built from is
 * byte-for-byte the schema in force now (compared by hash), so an edited
 * schema module or a skipped install step can never yield stale answers:
 * the kind is then compiled in-process, once, and cached.
 */

/** Only what is used: no meta-schema check of generated schemas, no message strings (messages.ts words them). */
export const AJV_OPTIONS: Options = {
  strict: false,
  allErrors: true,
  // messages.ts needs the offending data and the parent schema's annotations.
  verbose: true,
  validateSchema: false,
  inlineRefs: false,
  messages: false,
  code: { optimize: false },
};

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const GENERATED_DIR = new URL('../generated/', import.meta.url);

/** The schema of a whole object: its body plus the fields every object has. */
export function objectSchema(apiVersion: string, kind: string, body: KubeSchema): KubeSchema {
  return {
    ...body,
    type: 'object',
    properties: {
      apiVersion: { type: 'string', enum: [apiVersion] },
      kind: { type: 'string', enum: [kind] },
      metadata: { $ref: OBJECT_META },
      // Status belongs to the server, which ignores it on create and update.
      status: { 'x-kubernetes-preserve-unknown-fields': true },
      ...body.properties,
    },
    required: [...new Set(['apiVersion', 'kind', ...(body.required ?? [])])],
  };
}

/** Key of the fleet.yaml validator among the kind keys (`apiVersion kind`). */
export const FLEET_YAML_KEY = 'fleet.yaml';

/** The root schema for a key, converted for ajv. */
export function rootSchema(key: string, strict: boolean, entry?: SchemaEntry, kubernetesVersion: string = CORE_KUBERNETES_VERSION): AjvSchema {
  if (key === FLEET_YAML_KEY) return kubeToAjv(FLEET_YAML_SCHEMA, { strict });
  const [apiVersion = '', kind = ''] = key.split(' ');
  const model = coreModel(kubernetesVersion);
  const found = entry ?? (CUSTOM_RESOURCES[key] ? { source: 'custom', schema: CUSTOM_RESOURCES[key] } : undefined);
  const body =
    found?.source === 'custom'
      ? found.schema
      : model.definitions[found?.source === 'core' ? found.definition : model.kinds[key] ?? ''] ?? {};
  return kubeToAjv(objectSchema(apiVersion, kind, body), { strict });
}

/** Every key the validator knows for a version: core kinds, custom resources, fleet.yaml. */
export function allKeys(kubernetesVersion: string = CORE_KUBERNETES_VERSION): string[] {
  return [...Object.keys(coreModel(kubernetesVersion).kinds), ...Object.keys(CUSTOM_RESOURCES), FLEET_YAML_KEY].sort();
}

export function fingerprint(schema: unknown): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 32);
}

export function newAjv(strict: boolean, options: Options = {}, kubernetesVersion: string = CORE_KUBERNETES_VERSION): Ajv {
  const ajv = new Ajv({ ...AJV_OPTIONS, ...options, code: { ...AJV_OPTIONS.code, ...options.code } });
  registerKeywords(ajv);
  ajv.addSchema(coreDocument(coreModel(kubernetesVersion).definitions, { strict }));
  return ajv;
}

/** What core/build.ts writes beside each generated module. */
export interface PrecompiledIndex {
  /** Fingerprint of the core definitions document the module was built with. */
  core: string;
  /** key -> export name and fingerprint of the root schema. */
  roots: Record<string, { name: string; fingerprint: string }>;
}

/** Precompiled validators of the default version (only that one is precompiled: install time and size). */
export function generatedFiles(strict: boolean): { modules: string; index: string } {
  const mode = strict ? 'strict' : 'lenient';
  return {
    modules: fileURLToPath(new URL(`validators-${mode}/`, GENERATED_DIR)),
    index: fileURLToPath(new URL(`validators-${mode}.json`, GENERATED_DIR)),
  };
}

interface Mode {
  strict: boolean;
  kubernetesVersion: string;
  validators: Map<string, ValidateFunction>;
  ajv?: Ajv;
  precompiled?: { index: PrecompiledIndex } | null;
}

const modes = new Map<string, Mode>();

function mode(strict: boolean, kubernetesVersion: string): Mode {
  const key = `${kubernetesVersion} ${strict}`;
  let found = modes.get(key);
  if (!found) {
    found = { strict, kubernetesVersion, validators: new Map() };
    modes.set(key, found);
  }
  return found;
}

/** The generated index, if present and built from the same core definitions. */
function precompiled(current: Mode): Mode['precompiled'] {
  if (current.precompiled !== undefined) return current.precompiled;
  current.precompiled = null;
  const files = generatedFiles(current.strict);
  if (existsSync(files.index) && existsSync(files.modules)) {
    try {
      const index = JSON.parse(readFileSync(files.index, 'utf8')) as PrecompiledIndex;
      // Built from another version's definitions: the fingerprint differs and it is not used.
      if (index.core === fingerprint(coreDocument(coreModel(current.kubernetesVersion).definitions, { strict: current.strict }))) {
        current.precompiled = { index };
      }
    } catch {
      current.precompiled = null;
    }
  }
  return current.precompiled;
}

function fromPrecompiled(current: Mode, key: string, schema: AjvSchema): ValidateFunction | undefined {
  const found = precompiled(current);
  const root = found?.index.roots[key];
  if (!found || !root || root.fingerprint !== fingerprint(schema)) return undefined;
  const module = join(generatedFiles(current.strict).modules, `${root.name}.cjs`);
  if (!existsSync(module)) return undefined;
  const require = createRequire(import.meta.url);
  return (require(module) as Record<string, ValidateFunction>)[root.name];
}

/** The validator for an `apiVersion kind` key (or fleet.yaml). */
export function validatorFor(key: string, strict: boolean, entry?: SchemaEntry, kubernetesVersion: string = CORE_KUBERNETES_VERSION): ValidateFunction {
  const current = mode(strict, kubernetesVersion);
  // Schemas added at run time (--crd, --schema-location) are compiled, never precompiled.
  const cacheKey = entry?.source === 'added' ? `${key} ${entry.origin}` : key;
  let validator = current.validators.get(cacheKey);
  if (!validator) {
    const schema = entry?.source === 'added' ? entry.schema : rootSchema(key, strict, entry, kubernetesVersion);
    validator = entry?.source === 'added' ? undefined : fromPrecompiled(current, key, schema);
    if (!validator) {
      current.ajv ??= newAjv(strict, {}, kubernetesVersion);
      validator = current.ajv.compile(schema);
    }
    current.validators.set(key, validator);
  }
  return validator;
}
