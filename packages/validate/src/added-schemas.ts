import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { objectSchema } from './compile.js';
import { DocumentSplitter } from './document-splitter.js';
import { excerpt } from './excerpt.js';
import { displayPath } from './inputs.js';
import { kubeToAjv } from './kube-to-ajv.js';
import { InputError, streamRegularFile } from './read-source.js';
import type { AddedSchemas, SchemaEntry } from './registry.js';
import { parseChunk } from './resource.js';
import type { KubeSchema } from './schema-types.js';

/** A --crd or --schema-location argument that cannot be used: a usage error, exit 2. */
export class SchemaSourceError extends Error {
  override name = 'SchemaSourceError';
}

interface Sources {
  crds: readonly string[];
  schemaLocations: readonly string[];
  cwd: string;
  strict: boolean;
}

/** Largest schema file read from a --schema-location directory. */
const MAX_SCHEMA_CHARS = 16 * 1024 * 1024;

/**
 * Schemas added for one run: every version of every CustomResourceDefinition
 * found under --crd (read now, so a broken CRD is reported before anything is
 * validated), then JSON schema files from --schema-location directories
 * (looked up by name when a kind needs one, as kubeconform does,
 * pkg/registry/local.go). Both are read as structural schemas (kube-to-ajv.ts):
 * the API server's meaning of preserve-unknown-fields, int-or-string,
 * embedded resources and nullable.
 */
export function loadAddedSchemas(sources: Sources): AddedSchemas | undefined {
  if (sources.crds.length === 0 && sources.schemaLocations.length === 0) return undefined;
  const crds = new Map<string, SchemaEntry>();
  for (const path of sources.crds) {
    for (const file of filesUnder(path, sources.cwd, '--crd')) {
      for (const [key, entry] of crdSchemas(file, displayPath(file, sources.cwd), sources.strict)) crds.set(key, entry);
    }
  }
  const directories = sources.schemaLocations.map((location) => {
    const full = resolve(sources.cwd, location);
    let ok = false;
    try {
      ok = statSync(full).isDirectory();
    } catch {
      ok = false;
    }
    if (!ok) throw new SchemaSourceError(`--schema-location ${excerpt(location, { quoted: false })}: not a directory`);
    return full;
  });
  const fromFiles = new Map<string, SchemaEntry | undefined>();
  return {
    lookup(apiVersion, kind) {
      const key = `${apiVersion} ${kind}`;
      const crd = crds.get(key);
      if (crd) return crd;
      if (directories.length === 0) return undefined;
      if (!fromFiles.has(key)) fromFiles.set(key, schemaFromDirectories(directories, apiVersion, kind, sources));
      return fromFiles.get(key);
    },
  };
}

/** Regular *.yaml, *.yml, *.json files under a path, in sorted order; the path itself if it is a file. */
function filesUnder(path: string, cwd: string, flag: string): string[] {
  const full = resolve(cwd, path);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(full).isDirectory();
  } catch {
    throw new SchemaSourceError(`${flag} ${excerpt(path, { quoted: false })}: no such file or directory`);
  }
  if (!isDirectory) return [full];
  const files: string[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = join(dir, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) visit(child);
      else if (entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name)) files.push(child);
    }
  };
  visit(full);
  return files;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `apiVersion kind` -> entry for every served version of every CRD in a file (also inside a List). */
function crdSchemas(file: string, shown: string, strict: boolean): Array<[string, SchemaEntry]> {
  const found: Array<[string, SchemaEntry]> = [];
  const visit = (value: unknown, where: string) => {
    if (!isRecord(value)) return;
    if (typeof value.kind === 'string' && value.kind.toLowerCase() === 'list' && Array.isArray(value.items)) {
      value.items.forEach((item, index) => visit(item, `${where} items[${index}]`));
      return;
    }
    if (value.kind !== 'CustomResourceDefinition') return;
    if (value.apiVersion !== 'apiextensions.k8s.io/v1') {
      throw new SchemaSourceError(`--crd ${shown}: ${where}: only apiextensions.k8s.io/v1 CustomResourceDefinitions are read (v1beta1 was removed in Kubernetes 1.22)`);
    }
    const spec = isRecord(value.spec) ? value.spec : {};
    const names = isRecord(spec.names) ? spec.names : {};
    const group = spec.group;
    const kind = names.kind;
    if (typeof group !== 'string' || typeof kind !== 'string') throw new SchemaSourceError(`--crd ${shown}: ${where}: spec.group and spec.names.kind are required`);
    const versions = Array.isArray(spec.versions) ? spec.versions : [];
    for (const version of versions) {
      if (!isRecord(version) || typeof version.name !== 'string') continue;
      // A version the API server does not serve cannot be created.
      if (version.served === false) continue;
      const schema = isRecord(version.schema) && isRecord(version.schema.openAPIV3Schema) ? (version.schema.openAPIV3Schema as KubeSchema) : undefined;
      const apiVersion = `${group}/${version.name}`;
      // No schema: the server accepts anything (apiextensions v1 requires one, but be lenient).
      const body: KubeSchema = schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      found.push([`${apiVersion} ${kind}`, { source: 'added', schema: customResourceSchema(apiVersion, kind, body, strict, `--crd ${shown}`), origin: `${shown} (${kind} ${version.name})` }]);
    }
  };
  const splitter = new DocumentSplitter((chunk) => {
    const document = parseChunk(shown, chunk, 0, { strict: false });
    if (!document) return;
    if (document.error) throw new SchemaSourceError(`--crd ${shown}:${document.error.line}: ${document.error.message}`);
    visit(document.value, `line ${document.line}`);
  });
  try {
    streamRegularFile(file, (text) => splitter.write(text));
    splitter.end();
  } catch (error) {
    if (error instanceof InputError) throw new SchemaSourceError(`--crd ${shown}: ${error.message}`);
    throw error;
  }
  return found;
}

/**
 * A custom resource's root schema. The API server validates metadata as
 * ObjectMeta whatever the CRD says (a CRD may only narrow name), and
 * apiVersion and kind are fixed, so those three come from objectSchema.
 */
function customResourceSchema(apiVersion: string, kind: string, body: KubeSchema, strict: boolean, origin: string): Record<string, unknown> {
  const properties = { ...(isRecord(body.properties) ? body.properties : {}) };
  delete properties.metadata;
  delete properties.apiVersion;
  delete properties.kind;
  try {
    return kubeToAjv(objectSchema(apiVersion, kind, { ...body, properties }), { strict });
  } catch (error) {
    // A schema nested past the stack, or with a keyword of the wrong shape: one message, no trace.
    throw new SchemaSourceError(`${origin}: the schema of ${excerpt(kind, { quoted: false })} cannot be read: ${excerpt((error as Error).message, { quoted: false })}`);
  }
}

/**
 * kubeconform's file names for a schema (pkg/registry/registry.go,
 * schemaPath; scripts/openapi2jsonschema.py, FILENAME_FORMAT), lowercased:
 * `{kind}-{group}-{version}.json` (KindSuffix: first label of the group;
 * `{kind}-{version}.json` for the core group), `{kind}_{version}.json`
 * (openapi2jsonschema's default), and `{group}/{kind}_{version}.json`
 * (the layout of datreeio/CRDs-catalog).
 */
export function schemaFileNames(apiVersion: string, kind: string): string[] {
  const [groupOrVersion = '', versionPart] = apiVersion.split('/');
  const group = versionPart === undefined ? '' : groupOrVersion;
  const version = versionPart ?? groupOrVersion;
  const lowerKind = kind.toLowerCase();
  const suffix = group === '' ? `-${version}` : `-${group.split('.')[0]}-${version}`;
  const names = [`${lowerKind}${suffix}.json`.toLowerCase(), `${lowerKind}_${version}.json`.toLowerCase()];
  if (group !== '') names.push(`${group}/${lowerKind}_${version}.json`.toLowerCase());
  return names;
}

function schemaFromDirectories(directories: readonly string[], apiVersion: string, kind: string, sources: Sources): SchemaEntry | undefined {
  // Names come from the document: refuse anything that could leave the directory.
  if (/[\\/]|\.\./.test(kind) || apiVersion.split('/').some((part) => part === '..' || part === '.' || part.includes('\\'))) return undefined;
  for (const directory of directories) {
    for (const name of schemaFileNames(apiVersion, kind)) {
      const file = join(directory, name);
      let content = '';
      try {
        streamRegularFile(file, (text) => {
          content += text;
          if (content.length > MAX_SCHEMA_CHARS) throw new InputError(`larger than ${MAX_SCHEMA_CHARS / 1024 / 1024} Mi characters`);
        });
      } catch (error) {
        if (error instanceof InputError && error.message === 'no such file or directory') continue;
        throw new SchemaSourceError(`schema ${displayPath(file, sources.cwd)}: ${(error as Error).message}`);
      }
      let schema: unknown;
      try {
        schema = JSON.parse(content);
      } catch (error) {
        throw new SchemaSourceError(`schema ${displayPath(file, sources.cwd)} is not JSON: ${(error as Error).message}`);
      }
      if (!isRecord(schema)) throw new SchemaSourceError(`schema ${displayPath(file, sources.cwd)} is not a JSON object`);
      return { source: 'added', schema: customResourceSchema(apiVersion, kind, schema as KubeSchema, sources.strict, `schema ${displayPath(file, sources.cwd)}`), origin: displayPath(file, sources.cwd) };
    }
  }
  return undefined;
}
