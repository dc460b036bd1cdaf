/**
 * The schema dialect every schema in this validator is written in: the
 * structural OpenAPI subset a Kubernetes API server accepts in a CRD, plus two
 * project keywords for cross-field rules that upstream enforces in webhooks.
 * `kube-to-ajv.ts` turns it into plain JSON Schema for ajv.
 */
export interface KubeSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  properties?: Record<string, KubeSchema>;
  required?: string[];
  /** A schema for map values, or `true` for a free-form map. */
  additionalProperties?: KubeSchema | boolean;
  items?: KubeSchema;
  enum?: readonly (string | number | boolean)[];
  /** int32, int64, double, byte, date-time, duration (Go), quantity (Kubernetes). */
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  multipleOf?: number;
  /** OpenAPI 3.0: a boolean that makes `minimum`/`maximum` exclusive. */
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  uniqueItems?: boolean;
  /** Logical combinators a structural schema may use (their branches add no types of their own). */
  allOf?: KubeSchema[];
  anyOf?: KubeSchema[];
  oneOf?: KubeSchema[];
  not?: KubeSchema;
  nullable?: boolean;
  /** Name of a core Kubernetes definition, e.g. `io.k8s.api.core.v1.PodSecurityContext`. */
  $ref?: string;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  /** Exactly one of these fields must be set (upstream checks it in a webhook or controller). */
  'x-exactly-one-of'?: readonly string[];
  /** At most one of these fields may be set. */
  'x-at-most-one-of'?: readonly string[];
}

/** The core API derived from a published Kubernetes model, see core/derive.ts. */
export interface CoreModel {
  kubernetesVersion: string;
  /** Where the model was derived from, for reports and `--help`. */
  source: string;
  definitions: Record<string, KubeSchema>;
  /** `apiVersion kind` -> definition name. */
  kinds: Record<string, string>;
  /** Fingerprint of the derivation code that produced a stored model. */
  derivedBy?: string;
}

/** A JSON Schema as ajv takes it (the output of the Kubernetes-to-ajv conversion). */
export type AjvSchema = Record<string, unknown>;
