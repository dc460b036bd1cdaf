import yaml from 'js-yaml';
import { withinYamlLimits } from '../yaml/yaml.js';

/**
 * A value written behind a YAML tag the core schema does not know (`!!binary`,
 * `!vault`, `!Ref`...). The scan keeps the tag and the content, so a credential
 * cannot hide behind a tag that a stricter parser would refuse or decode away.
 */
export class Tagged {
  constructor(
    readonly tag: string,
    readonly value: unknown,
  ) {}
}

// js-yaml 4 resolves a tag to a `multi` type by prefix when no exact type matches
// (js-yaml lib/loader.js, storeMappingPair/readTagProperty → state.typeMap.multi):
// one type per node kind for local tags (`!x`) and one for unknown `tag:yaml.org,2002:`
// tags (`!!binary`, `!!omap`...), so every tag parses and nothing is constructed.
const anyTag = (prefix: string) =>
  (['scalar', 'sequence', 'mapping'] as const).map(
    (kind) => new yaml.Type(prefix, { kind, multi: true, construct: (data: unknown, tag?: string) => new Tagged(tag ?? prefix, data) }),
  );

/** The core schema plus "any tag": what the scan parses rendered files with. */
const SCHEMA = yaml.CORE_SCHEMA.extend([...anyTag('!'), ...anyTag('tag:yaml.org,2002:')]);

/**
 * Every document in `text`, parsed without choking on custom tags; undefined
 * when the text is not YAML (River config, plain text): the byte scan still covers it.
 */
export function parseAnyTags(text: string): unknown[] | undefined {
  const documents = load(text) ?? load(withoutTemplates(text));
  // An alias bomb in a string (a values file's block scalar) is no document to walk: its bytes are still scanned.
  return documents && withinYamlLimits(documents) ? documents : undefined;
}

function load(text: string): unknown[] | undefined {
  try {
    return yaml.loadAll(text, undefined, { schema: SCHEMA, json: true });
  } catch {
    return undefined;
  }
}

/**
 * Helm and Fleet template text (`{{ .Release.Name }}`, `{{- if .x }}` lines)
 * made parseable: an action alone on a line goes, one inside a value becomes a
 * word. An extraObjects template then parses, and a Secret inside it is seen.
 */
function withoutTemplates(text: string): string {
  return text.replace(/^[ \t]*\{\{[^\n]*?\}\}[ \t]*$/gm, '').replace(/\{\{[^\n]*?\}\}/g, 'TEMPLATE');
}
