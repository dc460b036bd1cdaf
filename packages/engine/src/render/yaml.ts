import { Yaml } from 'cdk8s';
import yaml from 'js-yaml';
import { PlatformError } from '../errors.js';

/**
 * The one YAML writer for everything the project writes. It reuses cdk8s's own
 * serializer (YAML 1.1 quoting of `on`, `yes`, `0775`, dates; no line folding)
 * and adds what cdk8s leaves to chance: a canonical key order at every depth,
 * `\n` line endings and exactly one trailing newline.
 */
export function toYaml(...documents: unknown[]): string {
  const text = Yaml.stringify(...documents.map((document) => canonical(document, true)));
  return `${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}

const LEADING_KEYS = ['apiVersion', 'kind', 'metadata'];

/** Sorts keys (code-unit order, locale-independent); a Kubernetes object's apiVersion, kind and metadata lead. */
export function canonical(value: unknown, topLevel = false): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source)
    .filter((key) => source[key] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ordered = topLevel ? [...LEADING_KEYS.filter((key) => keys.includes(key)), ...keys.filter((key) => !LEADING_KEYS.includes(key))] : keys;
  const result: Record<string, unknown> = {};
  for (const key of ordered) result[key] = canonical(source[key]);
  return result;
}

/**
 * Parses user-supplied YAML strictly: duplicate keys are errors, and a broken
 * file is reported with its name and line.
 */
export function parseYamlFile(text: string, file: string): unknown {
  try {
    return yaml.load(text, { filename: file });
  } catch (error) {
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const line = error instanceof yaml.YAMLException && error.mark ? `line ${error.mark.line + 1}` : undefined;
    throw new PlatformError(`not valid YAML: ${reason}`, {
      file,
      ...(line ? { field: line } : {}),
      hint: 'fix the syntax; duplicate keys are not allowed',
    });
  }
}
