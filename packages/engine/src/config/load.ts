import type { ErrorObject } from 'ajv';
import { PlatformError, PlatformErrors } from '../errors.js';
import { INPUT_LIMITS, readInputFile } from '../input/read-file.js';
import { excerpt, parseYamlFile } from '../yaml/yaml.js';
import { quoteValue } from '../secrets/quote.js';
import { configValidator } from './compiled.js';
import { gitUrlProblem } from '../secrets/rules/git-url.js';
import type { ClusterConfig } from './schema.js';

let compiled: ReturnType<typeof configValidator> | undefined;

/** Reads and validates the cluster configuration; every problem names the file and field. */
export function loadConfig(file: string, displayName = file): ClusterConfig {
  return parseConfig(readInputFile(file, displayName, INPUT_LIMITS.config), displayName);
}

export function parseConfig(text: string, file: string): ClusterConfig {
  return validateConfig(parseYamlFile(text, file), () => file);
}

/**
 * Validates a parsed config. `fileOf` names the file that set a field (the
 * inventory merges several files), so every message points at the file to edit.
 */
export function validateConfig(data: unknown, fileOf: (field: string) => string): ClusterConfig {
  compiled ??= configValidator();
  if (compiled(data)) {
    const problems = topologyProblems(data, fileOf);
    if (problems.length > 0) throw new PlatformErrors(problems);
    return data;
  }
  // ajv can report one mistake under two keywords (type and enum of `kubernetesVersion: 1.31`): one message each.
  const problems = (compiled.errors ?? []).map((error) => describe(error, fileOf));
  throw new PlatformErrors(problems.filter((problem, index) => problems.findIndex((other) => other.describe() === problem.describe()) === index));
}

/**
 * What a Fleet topology requires of the other fleet keys. A GitRepo without
 * targets gets the workspace's `default` ClusterGroup (rancher/fleet v0.13.15
 * internal/cmd/controller/gitops/reconciler/targetsyaml.go, targetsOrDefault):
 * in fleet-local that is the local cluster alone, in a manager's workspace
 * every cluster in it. So a standalone Fleet's GitRepo belongs in fleet-local
 * without targets, and a managed one outside it with a target.
 */
function topologyProblems(config: ClusterConfig, fileOf: (field: string) => string): PlatformError[] {
  const { fleet } = config;
  const at = (field: string, message: string, hint: string) => new PlatformError(message, { file: fileOf(field), field, hint });
  if ((fleet.topology ?? 'standalone') === 'standalone') {
    return [
      ...(fleet.namespace !== 'fleet-local' ? [at('fleet.namespace', `got "${fleet.namespace}", but a standalone Fleet deploys only from fleet-local (its one cluster is registered there)`, 'use fleet-local, or set fleet.topology: managed for a central Fleet manager')] : []),
      ...(fleet.target !== undefined ? [at('fleet.target', 'only meaningful with fleet.topology: managed', 'a standalone Fleet has one cluster; remove the target')] : []),
      ...(fleet.manager !== undefined ? [at('fleet.manager', 'only meaningful with fleet.topology: managed', 'remove it')] : []),
    ];
  }
  return fleet.namespace === 'fleet-local'
    ? [at('fleet.namespace', 'fleet-local holds only the manager\'s own cluster, so a managed cluster\'s GitRepo there would deploy to the manager', 'use the workspace the cluster is registered in, such as fleet-default')]
    : [];
}

function describe(error: ErrorObject, fileOf: (field: string) => string): PlatformError {
  const parent = pointerToField(error.instancePath);
  const file = fileOf(error.keyword === 'additionalProperties' ? join(parent, (error.params as { additionalProperty: string }).additionalProperty) : parent);
  // A git URL with credentials or over plain http gets its own message, which never echoes the URL.
  const urlProblem = error.keyword === 'format' && typeof error.data === 'string' ? gitUrlProblem(error.data) : undefined;
  if (urlProblem) return new PlatformError(urlProblem, { file, field: parent });
  const expected = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const shown = quoteValue(key);
      return new PlatformError(`unknown key ${shown}`, { file, field: join(parent, shown.startsWith('"') ? excerpt(key) : '<key>'), hint: 'remove it or fix its spelling; see the README for every key' });
    }
    case 'required': {
      const key = (error.params as { missingProperty: string }).missingProperty;
      return new PlatformError('missing required value', { file, field: join(parent, key), hint: 'add it; see the README for what it means' });
    }
    case 'type':
      // The whole file is of the wrong kind (a link to the wrong file, say): name its kind, never echo it.
      if (parent === '') return new PlatformError(`is ${kindOf(error.data)}, expected a mapping with the keys cluster, git, fleet, storage, certificates, observability, security and secrets`, { file, hint: 'see cluster.yaml in the README for the shape' });
      return new PlatformError(`got ${shown(error.data)}, expected ${expected ?? error.message}`, { file, field: parent });
    default:
      return new PlatformError(`got ${shown(error.data)}, expected ${expected ?? error.message}`, { file, field: parent || '(root)' });
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

/** A wrong value as the message shows it: scalars quoted and cut short, structures named by kind (a file linked by mistake is never echoed). */
function shown(value: unknown): string {
  if (typeof value === 'string') return quoteValue(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? `a list of ${value.length}` : 'a mapping';
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a single string' : `a ${typeof value}`;
}
