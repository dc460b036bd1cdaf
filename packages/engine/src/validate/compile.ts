import { Ajv, type ValidateFunction } from 'ajv';

import { coreModel } from './core/model.js';
import { registerKeywords } from './formats.js';
import { coreDocument, kubeToAjv } from './kube-to-ajv.js';
import type { SchemaEntry } from './registry.js';
import type { KubeSchema } from './schema-types.js';

/**
 * Compiled validators, built on first use per kind and kept for the life of
 * the process. One ajv instance per mode (strict or not), each holding the
 * core definitions as a single document: a Deployment and a StatefulSet then
 * share the compiled PodSpec instead of compiling it twice.
 */

interface Instance {
  ajv: Ajv;
  validators: Map<string, ValidateFunction>;
}

const instances = new Map<boolean, Instance>();

function instance(strict: boolean): Instance {
  let found = instances.get(strict);
  if (!found) {
    // Compile time is most of the cost of a run, so ajv does only what is
    // used: no meta-schema check of our generated schemas, no strict-schema
    // lint, no message strings (messages.ts words them), no code optimising
    // pass, shared functions for $refs. `verbose` stays: messages need the
    // offending data and the parent schema's field names.
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      verbose: true,
      validateSchema: false,
      inlineRefs: false,
      messages: false,
      code: { optimize: false },
    });
    registerKeywords(ajv);
    ajv.addSchema(coreDocument(coreModel().definitions, { strict }));
    found = { ajv, validators: new Map() };
    instances.set(strict, found);
  }
  return found;
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

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

export function kindValidator(apiVersion: string, kind: string, entry: SchemaEntry, strict: boolean): ValidateFunction {
  const { ajv, validators } = instance(strict);
  const key = `${apiVersion} ${kind}`;
  let validator = validators.get(key);
  if (!validator) {
    const body = entry.source === 'core' ? coreModel().definitions[entry.definition] ?? {} : entry.schema;
    validator = ajv.compile(kubeToAjv(objectSchema(apiVersion, kind, body), { strict }));
    validators.set(key, validator);
  }
  return validator;
}

export function documentValidator(key: string, schema: KubeSchema, strict: boolean): ValidateFunction {
  const { ajv, validators } = instance(strict);
  let validator = validators.get(key);
  if (!validator) {
    validator = ajv.compile(kubeToAjv(schema, { strict }));
    validators.set(key, validator);
  }
  return validator;
}
