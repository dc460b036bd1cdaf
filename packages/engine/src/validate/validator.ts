import { FLEET_YAML_KEY, validatorFor } from './compile.js';
import { coreModel } from './core/model.js';
import { CORE_KUBERNETES_VERSION } from './core/derive.js';
import { describeErrors, formatPath } from './messages.js';
import { isFleetYamlPath, lookupSchema } from './registry.js';
import { parseDocuments, type ParsedDocument, type PathSegment } from './resource.js';
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
export const SUPPORTED_KUBERNETES_VERSIONS: readonly string[] = [CORE_KUBERNETES_VERSION];

/** Asked for a Kubernetes version we have no schemas for. */
export class UnsupportedKubernetesVersionError extends Error {
  constructor(readonly requested: string) {
    super(
      `no schemas for Kubernetes ${requested}: this validator carries the ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')} ` +
        'API only (derived from cdk8s-plus-31)',
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
 */
export function validate(inputs: readonly ValidationInput[], options: ValidateOptions = {}): ValidationReport {
  const strict = options.strict ?? true;
  const kubernetesVersion = normalizeKubernetesVersion(options.kubernetesVersion ?? CORE_KUBERNETES_VERSION);
  if (!SUPPORTED_KUBERNETES_VERSIONS.includes(kubernetesVersion)) {
    throw new UnsupportedKubernetesVersionError(options.kubernetesVersion ?? kubernetesVersion);
  }
  const skip = new Set(options.skipKinds ?? []);

  const valuesFiles = referencedValuesFiles(inputs);
  const files: FileResult[] = inputs
    .filter((input) => !valuesFiles.has(normalize(input.path)))
    .sort((a, b) => compare(a.path, b.path))
    .map((input) => ({ path: input.path, resources: validateFile(input, strict, skip) }));

  return {
    kubernetesVersion,
    strict,
    schemaSource: coreModel().source,
    files,
    summary: summarize(files),
  };
}

function validateFile(input: ValidationInput, strict: boolean, skip: ReadonlySet<string>): ResourceResult[] {
  const fleetYaml = isFleetYamlPath(input.path);
  const results: ResourceResult[] = [];
  for (const document of parseDocuments(input.path, input.content)) {
    if (fleetYaml) results.push(checkFleetYaml(input.path, document, strict));
    else results.push(...checkObject(input.path, document, strict, skip));
  }
  return results;
}

/** Builds results for one document; `prefix` locates a List item inside it. */
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

function checkObject(file: string, document: ParsedDocument, strict: boolean, skip: ReadonlySet<string>): ResourceResult[] {
  const builder = new ResultBuilder(file, document);
  if (document.error) {
    return [builder.result({ resource: '(unparsed)' }, 'error', [{ segments: [], ...document.error }])];
  }
  const value = document.value;
  if (!isObject(value)) {
    return [builder.result({ resource: '(not an object)' }, 'error', [{ segments: [], message: `document must be a mapping, got ${typeName(value)}` }])];
  }
  // A v1 List carries its objects in `items`; each is checked on its own.
  if (value.apiVersion === 'v1' && value.kind === 'List' && Array.isArray(value.items)) {
    return value.items.map((item, index) =>
      checkOne(new ResultBuilder(file, document, ['items', index]), item, strict, skip),
    );
  }
  return [checkOne(builder, value, strict, skip)];
}

function checkOne(builder: ResultBuilder, value: unknown, strict: boolean, skip: ReadonlySet<string>): ResourceResult {
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
  if (skip.has(kind) || skip.has(`${apiVersion}/${kind}`)) return builder.result(identity, 'skipped');

  const entry = lookupSchema(apiVersion, kind);
  if (!entry) {
    return builder.result(identity, 'error', [
      { segments: [], message: `no schema for ${apiVersion} ${kind}; pass --skip ${kind} to ignore it` },
    ]);
  }
  const validator = validatorFor(`${apiVersion} ${kind}`, strict, entry);
  if (validator(value)) return builder.result(identity, 'valid');
  return builder.result(identity, 'invalid', describeErrors(validator.errors ?? [], value));
}

function checkFleetYaml(file: string, document: ParsedDocument, strict: boolean): ResourceResult {
  const builder = new ResultBuilder(file, document);
  if (document.error) {
    return builder.result({ kind: 'fleet.yaml', resource: 'fleet.yaml' }, 'error', [{ segments: [], ...document.error }]);
  }
  const value = document.value;
  const name = isObject(value) && typeof value.name === 'string' ? value.name : undefined;
  const identity = { kind: 'fleet.yaml', resource: name ? `fleet.yaml/${name}` : 'fleet.yaml', ...(name ? { name } : {}) };
  if (!isObject(value)) {
    return builder.result(identity, 'error', [{ segments: [], message: `fleet.yaml must be a mapping, got ${typeName(value)}` }]);
  }
  const validator = validatorFor(FLEET_YAML_KEY, strict);
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
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  const resource = [kind ?? '(no kind)', namespace, name ?? '(no name)'].filter((part) => part !== undefined).join('/');
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
