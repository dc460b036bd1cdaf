import yaml from 'js-yaml';

/**
 * Reading rendered manifests as the cluster's clients read them: Helm's kube
 * client and kubectl decode YAML with sigs.k8s.io/yaml, which is go-yaml v2,
 * so YAML 1.1 booleans (`yes`, `on`, `n` ...) are booleans and `<<` merges
 * work; timestamps stay strings. The same rules as @platform/validate's
 * reader (packages/validate/src/resource.ts), kept here so this package
 * depends on no other.
 */
const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

const yaml11Bool = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (text: string) => YAML11_TRUE.has(text) || YAML11_FALSE.has(text),
  construct: (text: string) => YAML11_TRUE.has(text),
  predicate: (value: unknown) => typeof value === 'boolean',
  represent: (value: object) => String(value),
});

// `types` exists at run time but is missing from @types/js-yaml.
const { merge } = (yaml as unknown as { types: { merge: yaml.Type } }).types;

/** js-yaml's core schema with go-yaml v2's booleans and merge keys. */
export const KUBE_YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [yaml11Bool, merge] });

/** Every document of a manifest text, empty ones (comments only) left out. */
export function loadManifests(text: string): unknown[] {
  return yaml.loadAll(text, undefined, { schema: KUBE_YAML_SCHEMA }).filter((document) => document !== null && document !== undefined);
}
