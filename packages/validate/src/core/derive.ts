import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { CoreModel, KubeSchema } from '../schema-types.js';

/**
 * Derives the core Kubernetes API schemas from `cdk8s-plus-<minor>`, the npm
 * packages whose `lib/imports/k8s.*` files are generated from the Kubernetes
 * 1.<minor>.0 OpenAPI definitions. The `.d.ts` keeps everything a validator
 * needs: one interface per definition, tagged `@schema <definition>`, each
 * property tagged `@schema <definition>#<json name>`, `?` for optional, and
 * typed as string/number/boolean/Date/IntOrString/Quantity/map/array/ref.
 * The `.js` carries the apiVersion and kind of each top-level object.
 */

/** Kubernetes minor -> the cdk8s-plus package generated from its OpenAPI (one per minor on the npm registry). */
export const CORE_PACKAGES: Readonly<Record<string, string>> = {
  '1.31': 'cdk8s-plus-31',
  '1.32': 'cdk8s-plus-32',
  '1.33': 'cdk8s-plus-33',
};

/** The version validated when none is named, and the one precompiled at install. */
export const CORE_KUBERNETES_VERSION = '1.31';

/**
 * The API has no floating-point fields except these (API conventions forbid
 * floats elsewhere), so every other TypeScript `number` is an integer.
 */
const FLOAT_FIELDS = new Set([
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#maximum',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#minimum',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps#multipleOf',
]);

interface Declaration {
  kind: 'interface' | 'class' | 'enum';
  name: string;
  schemaTag: string | undefined;
  body: string;
}

/** Finds the package's generated files, wherever the package manager put them. */
export function locateCoreSources(kubernetesVersion: string = CORE_KUBERNETES_VERSION): { dts: string; js: string; version: string; name: string } {
  const name = CORE_PACKAGES[kubernetesVersion];
  if (!name) throw new Error(`no core package for Kubernetes ${kubernetesVersion}`);
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve(`${name}/package.json`);
  const root = dirname(packageJson);
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  return {
    dts: join(root, 'lib', 'imports', 'k8s.d.ts'),
    js: join(root, 'lib', 'imports', 'k8s.js'),
    version,
    name,
  };
}

export function deriveCoreModel(kubernetesVersion: string = CORE_KUBERNETES_VERSION): CoreModel {
  const sources = locateCoreSources(kubernetesVersion);
  return deriveFromText(
    readFileSync(sources.dts, 'utf8'),
    readFileSync(sources.js, 'utf8'),
    `${sources.name}@${sources.version} (Kubernetes ${kubernetesVersion}.0 OpenAPI)`,
    kubernetesVersion,
  );
}

export function deriveFromText(dts: string, js: string, source: string, kubernetesVersion: string = CORE_KUBERNETES_VERSION): CoreModel {
  const declarations = readDeclarations(dts);
  const byName = new Map(declarations.map((declaration) => [declaration.name, declaration]));

  const definitions: Record<string, KubeSchema> = {};
  for (const declaration of declarations) {
    if (declaration.kind !== 'interface' || !declaration.schemaTag) continue;
    definitions[declaration.schemaTag] = interfaceSchema(declaration, byName);
  }
  // Referenced building blocks that the generator emits as classes or enums.
  definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { 'x-kubernetes-int-or-string': true };
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = { format: 'quantity' };

  const kinds: Record<string, string> = {};
  // Two shapes of generated JavaScript: `KubeX.GVK = {...};` after the class
  // (cdk8s-plus-31) or `static GVK = {...};` inside `class KubeX` (-32, -33).
  // Anchored at line start: an unanchored `\w+` prefix backtracks for minutes on 3 MB.
  const gvk = /^(?:(\w+)\.GVK|\s+static GVK) = \{\n\s*apiVersion: '([^']+)',\n\s*kind: '([^']+)',\n\s*\};|^class (\w+) extends /gm;
  let currentClass: string | undefined;
  for (const match of js.matchAll(gvk)) {
    const [, assignedTo, apiVersion, kind, declaredClass] = match as unknown as [string, string | undefined, string | undefined, string | undefined, string | undefined];
    if (declaredClass !== undefined) {
      currentClass = declaredClass;
      continue;
    }
    const className = assignedTo ?? currentClass;
    const props = byName.get(`${className}Props`);
    if (apiVersion && kind && props?.schemaTag && definitions[props.schemaTag]) kinds[`${apiVersion} ${kind}`] = props.schemaTag;
  }
  return { kubernetesVersion, source, definitions, kinds };
}

function readDeclarations(dts: string): Declaration[] {
  // Line-based: the generated file puts every declaration and member on its
  // own lines, and a line scan stays linear on its megabyte of text.
  const result: Declaration[] = [];
  const lines = dts.split('\n');
  let doc = '';
  let current: { declaration: Declaration; body: string[] } | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const trimmed = line.trim();
    if (trimmed.startsWith('/**')) {
      const docLines = [trimmed];
      while (!(docLines[docLines.length - 1] ?? '').includes('*/') && index + 1 < lines.length) {
        index += 1;
        docLines.push(lines[index] ?? '');
      }
      doc = docLines.join('\n');
      if (current) current.body.push(doc);
      continue;
    }
    if (current) {
      if (line === '}') {
        current.declaration.body = current.body.join('\n');
        result.push(current.declaration);
        current = undefined;
      } else {
        current.body.push(line);
      }
      continue;
    }
    const header = /^export (interface|declare class|declare enum) (\w+)/.exec(line);
    if (header && line.trimEnd().endsWith('{')) {
      const keyword = header[1];
      current = {
        declaration: {
          kind: keyword === 'interface' ? 'interface' : keyword === 'declare enum' ? 'enum' : 'class',
          name: header[2] ?? '',
          schemaTag: /@schema (\S+)/.exec(doc)?.[1],
          body: '',
        },
        body: [],
      };
    }
    doc = '';
  }
  return result;
}

function interfaceSchema(declaration: Declaration, byName: Map<string, Declaration>): KubeSchema {
  const properties: Record<string, KubeSchema> = {};
  const required: string[] = [];
  const lines = declaration.body.split('\n');
  let tag: string | undefined;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const docTag = /@schema \S+#(\S+)/.exec(line);
    if (docTag) tag = docTag[1];
    const member = /^\s*readonly ([\w$]+)(\?)?: (.*)$/.exec(line);
    if (!member) continue;
    let typeText = member[3] ?? '';
    // Map types span lines: read on until the braces balance.
    while (depth(typeText) > 0 && index + 1 < lines.length) {
      index += 1;
      typeText += ` ${(lines[index] ?? '').trim()}`;
    }
    const jsonName = tag ?? member[1] ?? '';
    properties[jsonName] = typeSchema(typeText.replace(/;$/, ''), `${declaration.schemaTag}#${jsonName}`, byName);
    if (!member[2]) required.push(jsonName);
    tag = undefined;
  }
  const schema: KubeSchema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return schema;
}

function depth(text: string): number {
  let open = 0;
  for (const char of text) {
    if (char === '{') open += 1;
    else if (char === '}') open -= 1;
  }
  return open;
}

function typeSchema(text: string, field: string, byName: Map<string, Declaration>): KubeSchema {
  const type = text.replace(/\s+/g, ' ').trim();
  if (type.endsWith('[]')) return { type: 'array', items: typeSchema(type.slice(0, -2), field, byName) };
  const map = /^\{ \[key: string\]: (.+?);? \}$/.exec(type);
  if (map?.[1]) return { type: 'object', additionalProperties: typeSchema(map[1], field, byName) };
  switch (type) {
    case 'string':
      return { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'number':
      return FLOAT_FIELDS.has(field) ? { type: 'number' } : { type: 'integer' };
    case 'Date':
      // metav1.Time marshals its zero value as null, so generated manifests
      // carry `creationTimestamp: null`; the API server accepts it.
      return { type: 'string', format: 'date-time', nullable: true };
    case 'any':
      // RawExtension, JSON and empty-object definitions: free-form by design.
      return { 'x-kubernetes-preserve-unknown-fields': true };
    case 'IntOrString':
      return { $ref: 'io.k8s.apimachinery.pkg.util.intstr.IntOrString' };
    case 'Quantity':
      return { $ref: 'io.k8s.apimachinery.pkg.api.resource.Quantity' };
    default:
      break;
  }
  const declaration = byName.get(type);
  if (declaration?.kind === 'enum') {
    const values = [...declaration.body.matchAll(/= "([^"]*)"/g)].map((match) => match[1] ?? '');
    return { type: 'string', enum: values };
  }
  if (declaration?.schemaTag) return { $ref: declaration.schemaTag };
  throw new Error(`cannot derive a schema for ${field}: unknown type \`${type}\``);
}
