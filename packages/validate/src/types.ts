/** Public shapes of the validator: its input, options and report. */
import type { AddedSchemas } from './registry.js';

export interface ValidationInput {
  /** Path as it should appear in the report (relative paths read best). */
  path: string;
  content: string;
}

export interface ValidateOptions {
  /** Reject fields the schema does not know. Default true. */
  strict?: boolean;
  /** Kubernetes minor version, `1.31`; `v1.31` and `1.31.4` are read the same. Default `1.31`. */
  kubernetesVersion?: string;
  /** Kinds (`Widget`) or apiVersion/kind (`example.com/v1/Widget`) not to validate. */
  skipKinds?: string[];
  /** Kinds or apiVersion/kind reported as errors wherever they appear (kubeconform -reject). */
  rejectKinds?: string[];
  /** A kind without a schema is skipped instead of an error (kubeconform -ignore-missing-schemas). */
  ignoreMissingSchemas?: boolean;
  /** Stop at the first invalid or unreadable resource (kubeconform -exit-on-error). */
  exitOnError?: boolean;
  /** Schemas added from CRDs or a schema directory, looked up before the built-in ones. */
  addedSchemas?: AddedSchemas;
}

/**
 * kubeconform's four outcomes: valid; invalid (the schema says no); error
 * (it could not be checked: unparsable YAML, no kind, no schema); skipped.
 */
export type ResourceStatus = 'valid' | 'invalid' | 'error' | 'skipped';

export interface ValidationError {
  file: string;
  /** 0-based index of the document among the file's non-empty documents. */
  document: number;
  /** `kind/namespace/name` or `kind/name`, as far as known. */
  resource: string;
  /** Path of the offending value, `spec.template.spec.containers[0].image`; empty for the whole document. */
  path: string;
  /** The same path as a JSON pointer, `/spec/template/spec/containers/0/image` (kubeconform's JSON output). */
  pointer: string;
  /** What was expected, in plain words. */
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
}

export interface ResourceResult {
  file: string;
  document: number;
  /** 1-based line where the document starts; 0 for a file that could not be read. */
  line: number;
  resource: string;
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  status: ResourceStatus;
  errors: ValidationError[];
  /** Served today, removed by a later Kubernetes: the note, with the replacement. */
  deprecation?: string;
}

export interface FileResult {
  path: string;
  resources: ResourceResult[];
}

export interface ValidationSummary {
  files: number;
  resources: number;
  valid: number;
  invalid: number;
  errors: number;
  skipped: number;
}

export interface ValidationReport {
  kubernetesVersion: string;
  strict: boolean;
  /** Where the core schemas came from. */
  schemaSource: string;
  /** Sorted by path. */
  files: FileResult[];
  summary: ValidationSummary;
}
