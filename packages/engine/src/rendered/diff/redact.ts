import { createHash } from 'node:crypto';
import { canonical } from '../../yaml/yaml.js';
import { groupOf } from '../identity.js';
import { isPlainObject, type KubeObject } from '../objects.js';

/** What a hidden value prints as. */
export const REDACTED = '(redacted)';
/** What a hidden value prints as on the head side when it differs from the base's value at the same place. */
export const REDACTED_CHANGED = '(redacted, changed)';

/** kubectl's copy of the whole applied object, values included (k8s.io/kubectl pkg/cmd/apply, LastAppliedConfigAnnotation). */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** How one hidden field of a Secret changed; values never leave this module, only the place. */
export interface SecretFieldChange {
  /** `data.password`, `stringData.token`, `metadata.annotations.kubectl.kubernetes.io/last-applied-configuration`. */
  readonly field: string;
  readonly change: 'added' | 'changed' | 'removed';
}

/** A core Secret, whatever its version: only its group and kind count. */
export function isSecret(object: KubeObject): boolean {
  return object.kind === 'Secret' && typeof object.apiVersion === 'string' && groupOf(object.apiVersion) === '';
}

/** The sha256 of a value: compared, never printed (a digest of a short password is as good as the password). */
function digest(value: unknown): string {
  return createHash('sha256').update(typeof value === 'string' ? `s:${value}` : `j:${JSON.stringify(canonical(value)) ?? 'undefined'}`, 'utf8').digest('hex');
}

/**
 * A Secret with every value hidden, by allow-list: apiVersion, kind, type,
 * immutable and metadata stay (less kubectl's last-applied copy); each key of
 * data and stringData and every other field becomes a placeholder. `mark`
 * picks the placeholder for a hidden place; `hidden` collects each place's
 * digest.
 */
function hide(object: KubeObject, hidden: Map<string, string>, mark: (field: string, hash: string) => string): KubeObject {
  const place = (field: string, value: unknown): string => {
    const hash = digest(value);
    hidden.set(field, hash);
    return mark(field, hash);
  };
  const shown: KubeObject = {};
  for (const [field, value] of Object.entries(object)) {
    if (field === 'apiVersion' || field === 'kind') shown[field] = value;
    else if (field === 'type' && typeof value === 'string') shown[field] = value;
    else if (field === 'immutable' && typeof value === 'boolean') shown[field] = value;
    else if (field === 'metadata' && isPlainObject(value)) shown[field] = hideLastApplied(value, place);
    else if ((field === 'data' || field === 'stringData') && isPlainObject(value)) {
      shown[field] = Object.fromEntries(Object.entries(value).map(([key, item]) => [key, place(`${field}.${key}`, item)]));
    } else shown[field] = place(field, value);
  }
  return shown;
}

function hideLastApplied(metadata: KubeObject, place: (field: string, value: unknown) => string): KubeObject {
  const annotations = metadata.annotations;
  if (!isPlainObject(annotations) || !(LAST_APPLIED in annotations)) return metadata;
  return { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: place(`metadata.annotations.${LAST_APPLIED}`, annotations[LAST_APPLIED]) } };
}

/** The two sides of one object as they may be printed, and which hidden fields changed. */
export interface RedactedPair {
  readonly base: KubeObject | undefined;
  readonly head: KubeObject | undefined;
  /** Sorted by field; empty unless the object is a Secret. */
  readonly secretFields: readonly SecretFieldChange[];
}

/**
 * Both sides of one object, ready to print. Anything but a core Secret is
 * returned as it is: only Secrets are redacted (ConfigMaps and chart values
 * are not secret by contract; the project renders no secret values at all
 * and references Secrets by name). For a Secret, a place hidden on both
 * sides with different digests prints as "(redacted, changed)" on the head
 * side, so the unified diff shows the change without either value.
 */
export function redactPair(base: KubeObject | undefined, head: KubeObject | undefined): RedactedPair {
  const baseSecret = base !== undefined && isSecret(base);
  const headSecret = head !== undefined && isSecret(head);
  if (!baseSecret && !headSecret) return { base, head, secretFields: [] };
  const baseHidden = new Map<string, string>();
  const headHidden = new Map<string, string>();
  const shownBase = base === undefined ? undefined : baseSecret ? hide(base, baseHidden, () => REDACTED) : base;
  const shownHead =
    head === undefined ? undefined : headSecret ? hide(head, headHidden, (field, hash) => (baseHidden.has(field) && baseHidden.get(field) !== hash ? REDACTED_CHANGED : REDACTED)) : head;
  const fields = [...new Set([...baseHidden.keys(), ...headHidden.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const secretFields: SecretFieldChange[] = [];
  for (const field of fields) {
    const before = baseHidden.get(field);
    const after = headHidden.get(field);
    if (before === after) continue;
    secretFields.push({ field, change: before === undefined ? 'added' : after === undefined ? 'removed' : 'changed' });
  }
  return { base: shownBase, head: shownHead, secretFields };
}
