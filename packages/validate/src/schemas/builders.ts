import type { KubeSchema } from '../schema-types.js';

/** Small constructors so the CRD schemas read like the Go types they mirror. */

export const string: KubeSchema = { type: 'string' };
export const boolean: KubeSchema = { type: 'boolean' };
export const int32: KubeSchema = { type: 'integer', format: 'int32' };
export const int64: KubeSchema = { type: 'integer', format: 'int64' };
/** metav1.Duration: a string the controller parses with time.ParseDuration. */
export const duration: KubeSchema = { type: 'string', format: 'duration' };
/** []byte: base64 in JSON. */
export const bytes: KubeSchema = { type: 'string', format: 'byte' };
export const intOrString: KubeSchema = { 'x-kubernetes-int-or-string': true };
/** Any JSON value (apiextensions JSON, RawExtension, free-form maps). */
export const anything: KubeSchema = { 'x-kubernetes-preserve-unknown-fields': true };
export const stringMap: KubeSchema = { type: 'object', additionalProperties: string };
export const stringList: KubeSchema = { type: 'array', items: string };

export function object(properties: Record<string, KubeSchema>, extra: Partial<KubeSchema> = {}): KubeSchema {
  return { type: 'object', properties, ...extra };
}

export function listOf(items: KubeSchema, extra: Partial<KubeSchema> = {}): KubeSchema {
  return { type: 'array', items, ...extra };
}

export function mapOf(values: KubeSchema): KubeSchema {
  return { type: 'object', additionalProperties: values };
}

export function oneOfStrings(...values: string[]): KubeSchema {
  return { type: 'string', enum: values };
}

export function nullable(schema: KubeSchema): KubeSchema {
  return { ...schema, nullable: true };
}

/** A definition from the core Kubernetes API (core/derive.ts). */
export function core(name: string): KubeSchema {
  return { $ref: name };
}

export const labelSelector = core('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector');
export const localObjectReference = core('io.k8s.api.core.v1.LocalObjectReference');
export const securityContext = core('io.k8s.api.core.v1.SecurityContext');
export const quantity: KubeSchema = { format: 'quantity' };
