/**
 * Drops every mapping entry whose value is null, in place, at any depth.
 *
 * The API server reads a null field as unset: JSON null decodes to the zero
 * value of a Go field (encoding/json, as used by apimachinery's serializer),
 * and for custom resources, null on a field that is not `nullable` is pruned
 * before defaulting and validation (apiextensions-apiserver,
 * pkg/apiserver/schema/defaulting/prunenulls.go, PruneNonNullableNullsWithoutDefaults).
 * kubeconform gets the same effect by adding "null" to the type of every
 * optional field (scripts/openapi2jsonschema.py, allow_null_optional_fields).
 * Dropping the entry keeps a null on a *required* field an error, as the
 * server reports it ("Required value"). Helm renders an empty value
 * (`annotations:`, `env:`) as null, so this is the common case.
 */
export function dropNullFields(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) dropNullFields(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] === null) delete record[key];
    else dropNullFields(record[key]);
  }
}
