import type { ErrorObject } from 'ajv';

import { closest } from './did-you-mean.js';
import { clip, excerpt, EXCERPT_CHARS } from './excerpt.js';
import { FORMAT_DESCRIPTIONS } from './formats.js';
import type { PathSegment } from './resource.js';

/** One schema violation, located by path segments into the document. */
export interface Issue {
  segments: PathSegment[];
  message: string;
}

/** Turns ajv's errors into plain-worded issues, one per problem. */
export function describeErrors(errors: readonly ErrorObject[], document: unknown): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // The branches of our exactly-one / at-most-one encodings (formats.ts)
    // only explain the summary error, which is worded on its own.
    if (/\/(oneOf|not)\//.test(error.schemaPath)) continue;
    const issue = describe(error, pointerSegments(error.instancePath, document));
    const key = `${issue.segments.join('\u0000')}\u0001${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}

function describe(error: ErrorObject, segments: PathSegment[]): Issue {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const shown = excerpt(field, { quoted: false });
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = closest(field, known);
      const hint = guess ? ` (did you mean \`${guess}\`?)` : '';
      return { segments: [...segments, field], message: `unknown field \`${shown}\`${hint}` };
    }
    case 'required':
      return { segments, message: `missing required field \`${String(params.missingProperty)}\`` };
    case 'type': {
      if (annotation(error, 'x-format') === 'quantity') return formatIssue(segments, 'quantity', error.data);
      const expected = String(params.type).split(',').filter((type) => type !== 'null');
      return { segments, message: `must be ${expected.join(' or ')}, got ${jsonType(error.data)}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).filter((value) => value !== null);
      return { segments, message: `must be one of ${allowed.map(show).join(', ')}, got ${show(error.data)}` };
    }
    case 'pattern': {
      const format = annotation(error, 'x-format');
      if (typeof format === 'string') return formatIssue(segments, format, error.data);
      return { segments, message: `must match \`${String(params.pattern)}\`, got ${show(error.data)}` };
    }
    case 'maxLength':
      return { segments, message: `must be at most ${String(params.limit)} characters long, got ${lengthOf(error.data)}` };
    case 'minLength':
      return Number(params.limit) === 1
        ? { segments, message: 'must not be empty' }
        : { segments, message: `must be at least ${String(params.limit)} characters long, got ${lengthOf(error.data)}` };
    case 'minimum':
    case 'maximum':
      return { segments, message: `must be ${String(params.comparison)} ${String(params.limit)}, got ${show(error.data)}` };
    case 'minItems':
      return { segments, message: `must have at least ${String(params.limit)} item(s)` };
    case 'oneOf': {
      const fields = annotation(error, 'x-exactly-one-of');
      if (!Array.isArray(fields)) break;
      const present = presentFields(fields as string[], error.data);
      const found = present.length === 0 ? 'none is set' : `found ${present.map(quote).join(' and ')}`;
      return { segments, message: `must set exactly one of ${(fields as string[]).map(quote).join(', ')} (${found})` };
    }
    case 'not': {
      const fields = annotation(error, 'x-at-most-one-of');
      if (!Array.isArray(fields)) break;
      const present = presentFields(fields as string[], error.data).map(quote).join(' and ');
      return { segments, message: `may set only one of ${(fields as string[]).map(quote).join(', ')} (found ${present})` };
    }
    default:
      break;
  }
  return { segments, message: error.message ?? `fails the schema's \`${error.keyword}\` rule` };
}

/** An `x-` annotation on the schema that produced the error (ajv's verbose mode). */
function annotation(error: ErrorObject, key: string): unknown {
  return (error.parentSchema as Record<string, unknown> | undefined)?.[key];
}

function formatIssue(segments: PathSegment[], format: string, data: unknown): Issue {
  return { segments, message: `must be ${FORMAT_DESCRIPTIONS[format] ?? `in format ${format}`}, got ${show(data)}` };
}

function presentFields(fields: readonly string[], data: unknown): string[] {
  const record = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return fields.filter((field) => record[field] !== undefined && record[field] !== null);
}

/** JSON pointer to segments, array indexes as numbers (decided by the data). */
function pointerSegments(pointer: string, document: unknown): PathSegment[] {
  if (pointer === '') return [];
  const segments: PathSegment[] = [];
  let current: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current) && /^\d+$/.test(key)) {
      segments.push(Number(key));
      current = current[Number(key)];
    } else {
      segments.push(key);
      current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
    }
  }
  return segments;
}

/** `spec.containers[0].image`; keys that are not identifiers are bracketed. */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment) && segment.length <= EXCERPT_CHARS) path += path === '' ? segment : `.${segment}`;
    else path += `[${excerpt(segment)}]`;
  }
  return path;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'object') return 'object';
  return typeof value;
}

function show(value: unknown): string {
  if (typeof value === 'string') return excerpt(value);
  if (value !== null && typeof value === 'object') return jsonType(value);
  return String(value);
}

function lengthOf(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

function quote(field: string): string {
  return `\`${field}\``;
}

/** RFC 6901 pointer, `/spec/containers/0/image`: the `path` kubeconform's JSON output gives. */
export function jsonPointer(segments: readonly PathSegment[]): string {
  return segments.map((segment) => `/${clip(String(segment)).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
