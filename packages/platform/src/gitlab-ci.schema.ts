/**
 * The part of GitLab's CI configuration schema this project uses, maintained
 * here (every key exists in GitLab's published ci.json; checked by hand
 * against it). Closed objects, so a misspelt keyword fails the tests here
 * instead of being ignored or rejected by GitLab after merge.
 */
type Rule = { if?: string; when?: 'always' | 'never' | 'on_success' | 'manual' };
type Reports = { junit?: string | string[]; codequality?: string | string[] };
type Artifacts = { when?: 'always' | 'on_success' | 'on_failure'; paths?: string[]; expire_in?: string; expose_as?: string; reports?: Reports };
type Cache = { key?: string | { files: string[] }; paths: string[] };
export interface Job {
  stage?: string;
  image?: string;
  script: string[];
  before_script?: string[];
  rules?: Rule[];
  artifacts?: Artifacts;
  needs?: string[];
  interruptible?: boolean;
}
export interface GitLabCi {
  workflow?: { rules: Rule[] };
  default?: { image?: string; interruptible?: boolean; cache?: Cache; before_script?: string[] };
  variables?: Record<string, string>;
  stages?: string[];
  [job: string]: unknown;
}

const strings = { type: 'array', items: { type: 'string' }, minItems: 1 } as const;
const rule = {
  type: 'object',
  additionalProperties: false,
  properties: { if: { type: 'string' }, when: { type: 'string', enum: ['always', 'never', 'on_success', 'manual'] } },
} as const;

export const jobSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['script'],
  properties: {
    stage: { type: 'string' },
    image: { type: 'string' },
    script: strings,
    before_script: strings,
    rules: { type: 'array', items: rule },
    needs: strings,
    interruptible: { type: 'boolean' },
    artifacts: {
      type: 'object',
            additionalProperties: false,
      properties: {
        when: { type: 'string', enum: ['always', 'on_success', 'on_failure'] },
        paths: strings,
        expire_in: { type: 'string' },
        // ci.json: a name for the merge request widget's "View exposed artifact" link.
        expose_as: { type: 'string', maxLength: 100 },
        reports: {
          type: 'object',
                    additionalProperties: false,
          // GitLab's ci.json: both are a file path or a list of them (string_file_list).
          properties: { junit: { oneOf: [{ type: 'string' }, strings] }, codequality: { oneOf: [{ type: 'string' }, strings] } },
        },
      },
    },
  },
} as const;

/** Top-level keywords; any other top-level key is a job and must match jobSchema. */
export const topLevelSchema = {
  type: 'object',
  properties: {
    workflow: { type: 'object', additionalProperties: false, required: ['rules'], properties: { rules: { type: 'array', items: rule } } },
    default: {
      type: 'object',
      additionalProperties: false,
      properties: {
        image: { type: 'string' },
        interruptible: { type: 'boolean' },
        before_script: strings,
        cache: {
          type: 'object',
          additionalProperties: false,
          required: ['paths'],
          properties: {
            key: { oneOf: [{ type: 'string' }, { type: 'object', additionalProperties: false, required: ['files'], properties: { files: strings } }] },
            paths: strings,
          },
        },
      },
    },
    stages: strings,
    variables: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

export const TOP_LEVEL_KEYWORDS = ['workflow', 'default', 'stages', 'variables', 'include', 'image', 'services', 'cache', 'before_script', 'after_script'];
