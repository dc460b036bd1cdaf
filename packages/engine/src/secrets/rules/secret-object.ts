/**
 * A Kubernetes Secret carrying its payload: `kind: Secret` with `data` or
 * `stringData` (core/v1 Secret), at any depth (a `v1 List`'s `items`, a chart's
 * `extraObjects`, a HelmChart's valuesContent). The field names are compared
 * case-insensitively: the API server's strict decoder refuses `Data`, but
 * non-strict clients and some charts' `tpl` pass it through, and a Secret body
 * in git is the mistake either way. A ConfigMap has no `stringData`
 * (core/v1 ConfigMap has data and binaryData only): a `stringData` there is a
 * Secret written under the wrong kind.
 */
export function secretPayloadKeys(object: Record<string, unknown>): string[] {
  const kind = typeof object.kind === 'string' ? object.kind.toLowerCase() : '';
  const payload = kind === 'secret' ? /^(data|stringdata)$/i : kind === 'configmap' ? /^stringdata$/i : undefined;
  if (!payload) return [];
  return Object.keys(object).filter((key) => payload.test(key) && !isEmpty(object[key]));
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (typeof value === 'object' && Object.keys(value as object).length === 0);
}
