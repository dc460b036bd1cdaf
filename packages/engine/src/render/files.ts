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
 */
export function objectFileName(object: ObjectIdentity, where: string): string {
  const kind = typeof object.kind === 'string' ? object.kind.toLowerCase() : '';
  const name = object.metadata?.name;
  const namespace = object.metadata?.namespace;
  if (!/^[a-z0-9]+$/.test(kind) || typeof name !== 'string' || name === '') {
    throw new PlatformError('every object needs a kind and an explicit metadata.name', { file: where, field: `${kind || '?'}/${String(name ?? '?')}` });
  }
  return namespace ? `${kind}.${String(namespace)}.${name}.yaml` : `${kind}.${name}.yaml`;
}
