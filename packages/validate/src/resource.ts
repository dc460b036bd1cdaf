import yaml from 'js-yaml';

import { excessiveAliasing } from './alias-limit.js';
import { excerpt } from './excerpt.js';
import { DocumentSplitter, MAX_DOCUMENT_CHARS, type DocumentChunk } from './document-splitter.js';

/**
 * Reading a manifest file into documents, with line numbers.
 *
 * Kubernetes tooling reads YAML through sigs.k8s.io/yaml (go-yaml v2), so the
 * schema here follows it where it matters for validation: YAML 1.1 booleans
 * (`yes`, `on`, `n` ... are booleans, which is how an unquoted `value: on`
 * breaks a string field), timestamps stay strings, `<<` merges work. Duplicate
 * keys are errors under strict parsing only (see ParseOptions).
 */

const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

const yaml11Bool = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (text: string) => YAML11_TRUE.has(text) || YAML11_FALSE.has(text),
  construct: (text: string) => YAML11_TRUE.has(text),
  predicate: (value: unknown) => typeof value === 'boolean',
  represent: (value: object) => String(value),
});

// `types` exists at run time but is missing from @types/js-yaml.
const { merge } = (yaml as unknown as { types: { merge: yaml.Type } }).types;
const KUBE_YAML_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [yaml11Bool, merge] });

export type PathSegment = string | number;

export interface ParsedDocument {
  /** 0-based position among the file's non-empty documents. */
  index: number;
  /** 1-based line where the document's content starts. */
  line: number;
  /** The document, when it parsed (also when it has duplicate keys: the last value wins). */
  value?: unknown;
  /** Why it did not parse, with the 1-based line of the problem. */
  error?: { message: string; line: number };
  /**
   * A duplicate key, found under strict parsing. `value` is still set (read
   * as sigs.k8s.io/yaml's non-strict Unmarshal reads it), so the document
   * keeps its kind and name in the report.
   */
  duplicate?: { message: string; line: number };
  /** 1-based line of the field or item at `path`, when known. */
  lineOf(path: readonly PathSegment[]): number | undefined;
}

export interface ParseOptions {
  /**
   * Duplicate keys are errors only when strict: kubeconform unmarshals with
   * yaml.UnmarshalStrict under -strict and yaml.Unmarshal (last value wins)
   * otherwise (pkg/validator/validator.go, ValidateResource).
   */
  strict?: boolean;
}

/** Every non-empty document of a whole file held in memory (tests, `check`). */
export function parseDocuments(path: string, content: string, options: ParseOptions = {}): ParsedDocument[] {
  const documents: ParsedDocument[] = [];
  const splitter = new DocumentSplitter((chunk) => {
    const document = parseChunk(path, chunk, documents.length, options);
    if (document) documents.push(document);
  });
  splitter.write(content);
  splitter.end();
  return documents;
}

/**
 * Parses one chunk; undefined when it is empty (only blank lines, comments
 * and directives), which kubeconform counts as no resource at all.
 */
export function parseChunk(path: string, chunk: DocumentChunk, index: number, options: ParseOptions = {}): ParsedDocument | undefined {
  if (chunk.oversize) {
    const line = chunk.firstLine + 1;
    const size = `${(chunk.oversize.chars / 1024 / 1024).toFixed(1)} Mi characters`;
    const limit = `${MAX_DOCUMENT_CHARS / 1024 / 1024} Mi`;
    return { index, line, error: { message: `document is larger than ${limit} characters (${size}); not read`, line }, lineOf: () => undefined };
  }
  const text = chunk.text ?? '';
  const contentLine = firstContentLine(text);
  if (contentLine === undefined) return undefined;
  return parseText(path, { text, firstLine: chunk.firstLine }, index, chunk.firstLine + contentLine + 1, options.strict ?? true);
}

interface Chunk {
  text: string;
  /** 0-based line of the chunk's first line in the file. */
  firstLine: number;
}

function firstContentLine(text: string): number | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => {
    const trimmed = line.trim();
    return trimmed !== '' && !trimmed.startsWith('#') && !line.startsWith('%');
  });
  return index === -1 ? undefined : index;
}

/** A parsed node as the loader's listener reports it; children in source order. */
interface Node {
  kind: string;
  line: number;
  result: unknown;
  children: Node[];
}

function parseText(path: string, chunk: Chunk, index: number, line: number, strict: boolean): ParsedDocument {
  const stack: Node[] = [];
  let root: Node | undefined;
  const listener = (event: 'open' | 'close', state: yaml.State): void => {
    if (event === 'open') {
      stack.push({ kind: '', line: state.line, result: undefined, children: [] });
      return;
    }
    const node = stack.pop();
    if (!node) return;
    node.kind = state.kind ?? '';
    node.result = state.result;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
  };
  let json = !strict;
  // The node tree costs about as much as the parse itself, and only a
  // document with problems needs lines: it is built on the first lookup,
  // by parsing the (still held) text again with the listener.
  let built = false;
  const lineOf = (segments: readonly PathSegment[]): number | undefined => {
    if (!built) {
      built = true;
      try {
        yaml.load(chunk.text, { filename: path, schema: KUBE_YAML_SCHEMA, listener, json });
      } catch {
        root = undefined;
      }
    }
    const found = root ? locate(root, segments) : undefined;
    return found === undefined ? undefined : chunk.firstLine + found + 1;
  };
  const load = (lastKeyWins: boolean): unknown => {
    json = lastKeyWins;
    // `json: true` is js-yaml's "last duplicate key wins", as yaml.Unmarshal does.
    return yaml.load(chunk.text, { filename: path, schema: KUBE_YAML_SCHEMA, json });
  };
  const checked = (value: unknown): unknown => {
    const aliasing = excessiveAliasing(value);
    if (aliasing) throw new ExcessiveAliasing(aliasing.expanded);
    return value;
  };
  try {
    return { index, line, value: checked(load(!strict)), lineOf };
  } catch (error) {
    if (error instanceof ExcessiveAliasing) return { index, line, error: { message: error.message, line }, lineOf };
    const mark = error instanceof yaml.YAMLException ? error.mark : undefined;
    const reason = error instanceof yaml.YAMLException ? error.reason : String(error);
    const problemLine = mark ? chunk.firstLine + mark.line + 1 : line;
    const problem = { message: describeYamlError(reason, chunk.text, mark), line: problemLine };
    if (strict && /duplicated mapping key/.test(reason)) {
      try {
        return { index, line, value: checked(load(true)), duplicate: problem, lineOf };
      } catch (inner) {
        if (inner instanceof ExcessiveAliasing) return { index, line, error: { message: inner.message, line }, lineOf };
        // Broken beyond the duplicate: report the first problem.
      }
    }
    return { index, line, error: problem, lineOf };
  }
}

/** A document whose aliases expand it past go-yaml's limit (alias-limit.ts). */
class ExcessiveAliasing extends Error {
  constructor(expanded: number) {
    const size = expanded > 1e12 ? 'more than a trillion' : Math.round(expanded).toLocaleString('en-US');
    super(`document contains excessive aliasing: its aliases expand it to ${size} values (go-yaml refuses the same)`);
  }
}

function describeYamlError(reason: string, text: string, mark: yaml.Mark | undefined): string {
  if (/duplicated mapping key/.test(reason) && mark) {
    const key = /^\s*(?:-\s+)*("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(text.split('\n')[mark.line] ?? '')?.[1];
    return key ? `duplicate key \`${excerpt(key.replace(/^["']|["']$/g, ''), { quoted: false })}\`` : 'duplicate key';
  }
  return `YAML syntax error: ${reason}`;
}

/**
 * Follows `segments` through the node tree. The loader wraps some values in
 * an extra node of the same kind and result (block sequence items); those
 * wrappers are looked through. Returns the 0-based line of the key (for a
 * mapping entry) or of the item (for a sequence entry).
 */
function locate(start: Node, segments: readonly PathSegment[]): number | undefined {
  let node = unwrap(start);
  let line = node.line;
  for (const segment of segments) {
    if (node.kind === 'mapping') {
      let next: Node | undefined;
      for (let i = 0; i + 1 < node.children.length; i += 2) {
        const key = node.children[i];
        if (key && String(key.result) === String(segment)) {
          line = key.line;
          next = node.children[i + 1];
          break;
        }
      }
      if (!next) return line;
      node = unwrap(next);
    } else if (node.kind === 'sequence' && typeof segment === 'number') {
      const item = node.children[segment];
      if (!item) return line;
      node = unwrap(item);
      line = node.line;
    } else {
      return line;
    }
  }
  return line;
}

function unwrap(node: Node): Node {
  let current = node;
  while (current.children.length === 1) {
    const only = current.children[0];
    if (!only || only.kind !== current.kind || only.result !== current.result) break;
    current = only;
  }
  return current;
}
