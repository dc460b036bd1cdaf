import { PlatformError } from '../errors.js';

interface ObjectIdentity {
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
}

/**
 * File name of one object: `<kind>.<namespace>.<name>.yaml`, or `<kind>.<name>.yaml`
 * for objects without a namespace. Kinds and namespaces hold no dots, so the
 * name is unambiguous; it depends only on the object, so adding an object or a
 * dependency never renames another file. It is also a valid RKE2 AddOn name
 * (lowercase, digits, - and ., no underscores).
 *
 * Name and namespace must stay one path segment inside the bundle directory:
 * see `pathSegmentProblem`. A name from phase code that breaks this is refused,
 * naming the bundle and the object, before anything is written.
 */
export function objectFileName(object: ObjectIdentity, where: string): string {
  const kind = typeof object.kind === 'string' ? object.kind.toLowerCase() : '';
  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace;
  if (!/^[a-z0-9]+$/.test(kind) || typeof name !== 'string' || name === '') {
    throw new PlatformError('every object needs a kind and an explicit metadata.name', { file: where, field: `${kind || '?'}/${String(name ?? '?')}` });
  }
  for (const [field, value] of [['metadata.name', name], ['metadata.namespace', namespace]] as const) {
    if (value === undefined || value === null || value === '') continue;
    const problem = typeof value === 'string' ? pathSegmentProblem(value) : 'is not a string';
    if (problem) {
      throw new PlatformError(`${field} ${JSON.stringify(value)} ${problem}, so it cannot name a file inside the bundle directory`, {
        file: where,
        field: `${kind}/${JSON.stringify(name)}`,
        hint: 'Kubernetes names are lowercase letters, digits, - and .; fix the name in the phase code',
      });
    }
  }
  return namespace ? `${kind}.${String(namespace)}.${name}.yaml` : `${kind}.${name}.yaml`;
}

/**
 * Why `value` cannot be one path segment, or undefined. Kubernetes itself
 * refuses every object name that is `.` or `..` or holds `/` or `%`
 * (kubernetes/apimachinery, pkg/api/validation/path/name.go,
 * IsValidPathSegmentName, which the API server applies to every name);
 * a backslash (a separator on Windows checkouts), NUL and other control
 * characters are refused here too, as no Kubernetes name holds them.
 */
export function pathSegmentProblem(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be '${value}'`;
  if (value.startsWith('/')) return 'is an absolute path';
  for (const character of ['/', '\\', '%']) if (value.includes(character)) return `may not contain '${character}'`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'may not contain a control character';
  return undefined;
}
