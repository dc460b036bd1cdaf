import { FLEET_YAML_KEY, validatorFor } from './compile.js';
import { coreModel } from './core/model.js';
import { CORE_KUBERNETES_VERSION, CORE_PACKAGES } from './core/derive.js';
import { DocumentSplitter, type DocumentChunk } from './document-splitter.js';
import { describeErrors, formatPath, jsonPointer } from './messages.js';
import { dropNullFields } from './nulls.js';
import { isFleetYamlPath, lookupSchema, type AddedSchemas } from './registry.js';
import { clip, excerpt } from './excerpt.js';
import { deprecationNote, missingSchemaMessage } from './removed-apis.js';
import { parseChunk, type ParsedDocument, type PathSegment } from './resource.js';
import type {
  FileResult,
  ResourceResult,
  ValidateOptions,
  ValidationError,
  ValidationInput,
  ValidationReport,
  ValidationSummary,
} from './types.js';
import { normalize, referencedValuesFiles } from './values-files.js';

/** The Kubernetes minor versions whose core schemas this build carries. */
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = Object.keys(CORE_PACKAGES);

/** Asked for a Kubernetes version we have no schemas for. */
export class UnsupportedKubernetesVersionError extends Error {
  constructor(readonly requested: string) {
    super(
      `no schemas for Kubernetes ${requested}: this validator carries the ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')} ` +
        'APIs only (derived from the cdk8s-plus package of each)',
    );
    this.name = 'UnsupportedKubernetesVersionError';
  }
}

/** `1.31`, `v1.31`, `1.31.4` -> `1.31`; anything else as given. */
export function normalizeKubernetesVersion(version: string): string {
  const match = /^v?(\d+)\.(\d+)(\.\d+)?$/.exec(version.trim());
  return match ? `${match[1]}.${match[2]}` : version.trim();
}

/**
 * Validates manifest files the way kubeconform does, offline: every document
 * of every file against the schema of its apiVersion and kind (core
 * Kubernetes, or the platform's CRDs); `fleet.yaml` against Fleet's bundle
 * options. Helm values files that a fleet.yaml names are not manifests and
 * are left out. Synchronous; schemas compile on first use and stay cached.
 * For whole files already in memory; the CLI streams through ValidationRun.
 */
export function validate(inputs: readonly ValidationInput[], options: ValidateOptions = {}): ValidationReport {
  const run = new ValidationRun(options);
  const valuesFiles = referencedValuesFiles(inputs);
  const sorted = inputs.filter((input) => !valuesFiles.has(normalize(input.path))).sort((a, b) => compare(a.path, b.path));
  for (const input of sorted) {
    if (run.stopped) break;
    const file = run.file(input.path);
    const splitter = new DocumentSplitter((chunk) => file.chunk(chunk));
    splitter.write(input.content);
    splitter.end();
  }
  return run.report();
}

/** Where a file's documents go, and how a file that cannot be read is reported. */
export interface FileSink {
  chunk(chunk: DocumentChunk): void;
  /** The file could not be read (missing, not a regular file): one error for it. */
  fail(message: string): void;
}

interface Checks {
  strict: boolean;
  skip: ReadonlySet<string>;
  reject: ReadonlySet<string>;
  ignoreMissingSchemas: boolean;
  kubernetesVersion: string;
  added?: AddedSchemas;
}

/**
 * One validation run, fed a file at a time and a document at a time, so a
 * caller can stream: nothing but the results is kept between documents.
 */
export class ValidationRun {
  private readonly files: FileResult[] = [];
  private readonly checks: Checks;
  /** Set once a document fails and `exitOnError` asked to stop there. */
  stopped = false;

  constructor(private readonly options: ValidateOptions = {}) {
    const kubernetesVersion = normalizeKubernetesVersion(options.kubernetesVersion ?? CORE_KUBERNETES_VERSION);
    if (!SUPPORTED_KUBERNETES_VERSIONS.includes(kubernetesVersion)) {
      throw new UnsupportedKubernetesVersionError(options.kubernetesVersion ?? kubernetesVersion);
    }
    this.checks = {
      strict: options.strict ?? true,
      skip: new Set(options.skipKinds ?? []),
      reject: new Set(options.rejectKinds ?? []),
      ignoreMissingSchemas: options.ignoreMissingSchemas ?? false,
      kubernetesVersion,
      ...(options.addedSchemas ? { added: options.addedSchemas } : {}),
    };
  }

  /** Starts a file; feed its documents to the returned sink in order. */
  file(path: string): FileSink {
    const result: FileResult = { path, resources: [] };
    this.files.push(result);
    let index = 0;
    const add = (results: readonly ResourceResult[]): void => {
      result.resources.push(...results);
      // kubeconform -exit-on-error: stop at the first error or invalid resource (cmd/kubeconform/main.go, processResults).
      if (this.options.exitOnError && results.some((r) => r.status === 'error' || r.status === 'invalid')) this.stopped = true;
    };
    return {
      chunk: (chunk) => {
        if (this.stopped) return;
        const document = parseChunk(path, chunk, index, { strict: this.checks.strict });
        if (!document) return;
        index += 1;
        add(isFleetYamlPath(path) ? [checkFleetYaml(path, document, this.checks)] : checkObject(path, document, this.checks));
      },
      fail: (message) => {
        const error: ValidationError = { file: path, document: 0, resource: '(file)', path: '', pointer: '', message };
        add([{ file: path, document: 0, line: 0, resource: '(file)', status: 'error', errors: [error] }]);
      },
    };
  }

  report(): ValidationReport {
    return {
      kubernetesVersion: this.checks.kubernetesVersion,
      strict: this.checks.strict,
      schemaSource: coreModel(this.checks.kubernetesVersion).source,
      files: this.files,
      summary: summarize(this.files),
    };
  }
}

class ResultBuilder {
  constructor(
    private readonly file: string,
    private readonly document: ParsedDocument,
    private readonly prefix: readonly PathSegment[] = [],
  ) {}

  result(
    identity: { resource: string; apiVersion?: string; kind?: string; namespace?: string; name?: string },
    status: ResourceResult['status'],
    problems: ReadonlyArray<{ segments: readonly PathSegment[]; message: string; line?: number }> = [],
  ): ResourceResult {
    const errors: ValidationError[] = problems.map((problem) => {
      const segments = [...this.prefix, ...problem.segments];
      const line = problem.line ?? this.document.lineOf(segments) ?? this.document.line;
      return {
        file: this.file,
        document: this.document.index,
        resource: identity.resource,
        path: formatPath(segments),
        pointer: jsonPointer(segments),
        message: problem.message,
        line,
      };
    });
    errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || compare(a.path, b.path) || compare(a.message, b.message));
    return {
      file: this.file,
      document: this.document.index,
      line: this.document.line,
      ...identity,
      status,
      errors,
    };
  }
}

function checkObject(file: string, document: ParsedDocument, checks: Checks): ResourceResult[] {
  const builder = new ResultBuilder(file, document);
  if (document.error) {
    return [builder.result({ resource: '(unparsed)' }, 'error', [{ segments: [], ...document.error }])];
  }
  const value = document.value;
  // A document that is only `~` or `null` is empty, as in kubeconform
  // (pkg/validator/validator.go, ValidateResource: `if r == nil` -> Empty).
  if (value === null || value === undefined) return [];
  if (!isObject(value)) {
    return [builder.result({ resource: '(not an object)' }, 'error', [{ segments: [], message: `document must be a mapping, got ${typeName(value)}` }])];
  }
  // A List carries its objects in `items`, each checked on its own; no items
  // is no resource. kubeconform matches the kind case-insensitively, whatever
  // the apiVersion, once both are set (pkg/resource/resource.go, Resources).
  if (!document.duplicate && typeof value.apiVersion === 'string' && value.apiVersion !== '' && typeof value.kind === 'string' && value.kind.toLowerCase() === 'list') {
    const items = Array.isArray(value.items) ? value.items : [];
    return items.map((item, index) => checkOne(new ResultBuilder(file, document, ['items', index]), item, checks));
  }
  if (document.duplicate) {
    return [builder.result(identify(value), 'error', [{ segments: [], ...document.duplicate }])];
  }
  return [checkOne(builder, value, checks)];
}

function checkOne(builder: ResultBuilder, value: unknown, checks: Checks): ResourceResult {
  if (!isObject(value)) {
    return builder.result({ resource: '(not an object)' }, 'error', [{ segments: [], message: `must be a mapping, got ${typeName(value)}` }]);
  }
  const identity = identify(value);
  const { apiVersion, kind } = identity;
  const missing = [
    typeof apiVersion === 'string' && apiVersion !== '' ? undefined : 'apiVersion',
    typeof kind === 'string' && kind !== '' ? undefined : 'kind',
  ].filter((field): field is string => field !== undefined);
  if (missing.length > 0 || apiVersion === undefined || kind === undefined) {
    return builder.result(identity, 'error', missing.map((field) => ({ segments: [], message: `missing \`${field}\`: not a Kubernetes object` })));
  }
  // Skip and reject match the kind or apiVersion/kind; skip wins, as in
  // kubeconform (pkg/validator/validator.go, ValidateResource).
  const listed = (set: ReadonlySet<string>) => set.has(kind) || set.has(`${apiVersion}/${kind}`);
  if (listed(checks.skip)) return builder.result(identity, 'skipped');
  if (listed(checks.reject)) return builder.result(identity, 'error', [{ segments: [], message: `prohibited resource kind ${excerpt(kind, { quoted: false })}` }]);

  let entry;
  try {
    entry = lookupSchema(apiVersion, kind, checks.kubernetesVersion, checks.added, checks.strict);
  } catch (error) {
    // A --schema-location file that cannot be read or parsed: an error for this resource, the run goes on.
    if (error instanceof Error && error.name === 'SchemaSourceError') return builder.result(identity, 'error', [{ segments: [], message: error.message }]);
    throw error;
  }
  if (!entry) {
    // kubeconform -ignore-missing-schemas: a kind without a schema is skipped, not an error.
    if (checks.ignoreMissingSchemas) return builder.result(identity, 'skipped');
    return builder.result(identity, 'error', [{ segments: [], message: missingSchemaMessage(apiVersion, kind, checks.kubernetesVersion) }]);
  }
  dropNullFields(value);
  let validator;
  try {
    validator = validatorFor(`${apiVersion} ${kind}`, checks.strict, entry, checks.kubernetesVersion);
  } catch (error) {
    // Only an added schema can fail to compile (a pattern JavaScript cannot read, say).
    if (entry.source !== 'added') throw error;
    return builder.result(identity, 'error', [{ segments: [], message: `the schema from ${entry.origin} cannot be compiled: ${excerpt((error as Error).message, { quoted: false })}` }]);
  }
  const note = deprecationNote(apiVersion, kind, checks.kubernetesVersion);
  const result = validator(value) ? builder.result(identity, 'valid') : builder.result(identity, 'invalid', describeErrors(validator.errors ?? [], value));
  return note ? { ...result, deprecation: note } : result;
}

function checkFleetYaml(file: string, document: ParsedDocument, checks: Checks): ResourceResult {
  const builder = new ResultBuilder(file, document);
  if (document.error) {
    return builder.result({ kind: 'fleet.yaml', resource: 'fleet.yaml' }, 'error', [{ segments: [], ...document.error }]);
  }
  const value = document.value;
  const name = isObject(value) && typeof value.name === 'string' ? value.name : undefined;
  const identity = { kind: 'fleet.yaml', resource: name ? `fleet.yaml/${name}` : 'fleet.yaml', ...(name ? { name } : {}) };
  if (document.duplicate) return builder.result(identity, 'error', [{ segments: [], ...document.duplicate }]);
  if (!isObject(value)) {
    return builder.result(identity, 'error', [{ segments: [], message: `fleet.yaml must be a mapping, got ${typeName(value)}` }]);
  }
  // Fleet reads fleet.yaml into Go structs too: null is unset.
  dropNullFields(value);
  const validator = validatorFor(FLEET_YAML_KEY, checks.strict);
  if (validator(value)) return builder.result(identity, 'valid');
  return builder.result(identity, 'invalid', describeErrors(validator.errors ?? [], value));
}

function identify(value: Record<string, unknown>): {
  resource: string;
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
} {
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : undefined;
  const kind = typeof value.kind === 'string' ? value.kind : undefined;
  const metadata = isObject(value.metadata) ? value.metadata : {};
  // kubeconform names a generateName object `<prefix>{{ generateName }}` (pkg/resource/resource.go, SignatureFromMap).
  const name = typeof metadata.generateName === 'string' && metadata.generateName !== '' ? `${metadata.generateName}{{ generateName }}` : typeof metadata.name === 'string' ? metadata.name : undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  // Shown on every line about this object: a hostile 50 MB name is cut (Kubernetes names stop at 253).
  const resource = [kind ?? '(no kind)', namespace, name ?? '(no name)']
    .filter((part): part is string => part !== undefined)
    .map(clip)
    .join('/');
  return {
    resource,
    ...(apiVersion !== undefined ? { apiVersion } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
  };
}

function summarize(files: readonly FileResult[]): ValidationSummary {
  const summary: ValidationSummary = { files: files.length, resources: 0, valid: 0, invalid: 0, errors: 0, skipped: 0 };
  for (const file of files) {
    for (const resource of file.resources) {
      summary.resources += 1;
      if (resource.status === 'valid') summary.valid += 1;
      else if (resource.status === 'invalid') summary.invalid += 1;
      else if (resource.status === 'error') summary.errors += 1;
      else summary.skipped += 1;
    }
  }
  return summary;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : typeof value;
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
