import { readFileSync } from 'node:fs';
import AjvModule, { type ErrorObject } from 'ajv';
import { PlatformError, PlatformErrors } from '../errors.js';
import { parseYamlFile } from '../render/yaml.js';
import { formats } from './formats.js';
import { gitUrlProblem } from '../secrets/rules/git-url.js';
import { clusterConfigSchema, type ClusterConfig } from './schema.js';

const Ajv = AjvModule.default ?? AjvModule;

let compiled: ReturnType<typeof compile> | undefined;
function compile() {
  const ajv = new Ajv({ allErrors: true, verbose: true, formats });
  return ajv.compile<ClusterConfig>(clusterConfigSchema);
}

/** Reads and validates the cluster configuration; every problem names the file and field. */
export function loadConfig(file: string, displayName = file): ClusterConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PlatformError('cannot read the cluster configuration', { file: displayName, hint: 'create it from the documented example in the README' });
  }
  return parseConfig(text, displayName);
}

export function parseConfig(text: string, file: string): ClusterConfig {
  const data = parseYamlFile(text, file);
  compiled ??= compile();
  if (compiled(data)) return data;
  throw new PlatformErrors((compiled.errors ?? []).map((error) => describe(error, file)));
}

function describe(error: ErrorObject, file: string): PlatformError {
  const parent = pointerToField(error.instancePath);
  // A git URL with credentials or over plain http gets its own message, which never echoes the URL.
  const urlProblem = error.keyword === 'format' && typeof error.data === 'string' ? gitUrlProblem(error.data) : undefined;
  if (urlProblem) return new PlatformError(urlProblem, { file, field: parent });
  const expected = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      return new PlatformError(`unknown key "${key}"`, { file, field: join(parent, key), hint: 'remove it or fix its spelling; see the README for every key' });
    }
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return new PlatformError('missing required value', { file, field: join(parent, key), hint: 'add it; see the README for what it means' });
    }
    default:
      return new PlatformError(`got ${JSON.stringify(error.data)}, expected ${expected ?? error.message}`, { file, field: parent || '(root)' });
  }
}

function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.');
}

function join(parent: string, key: string): string {
  return parent ? `${parent}.${key}` : key;
}
