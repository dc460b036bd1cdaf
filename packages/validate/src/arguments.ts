import { parseArgs } from 'node:util';

import { CORE_KUBERNETES_VERSION } from './core/derive.js';
import { closest } from './did-you-mean.js';
import { OUTPUT_FORMATS, type OutputFormat } from './output.js';

/** A mistake in the command line: exit 2, one message, no stack trace. */
export class UsageError extends Error {}

/** What `validate` was asked to do. */
export interface ValidateArguments {
  /** Files, directories, or `-` for stdin; empty means stdin, as in kubeconform. */
  paths: string[];
  strict: boolean;
  kubernetesVersion: string;
  skipKinds: string[];
  rejectKinds: string[];
  output: OutputFormat;
  ignoreMissingSchemas: boolean;
  ignoreFilenamePatterns: RegExp[];
  verbose: boolean;
  summary: boolean;
  exitOnError: boolean;
  crds: string[];
  schemaLocations: string[];
  help: boolean;
}

/**
 * The flags, named as kubeconform names them (pkg/config/config.go,
 * FromFlags) where kubeconform has them. Parsed by node's own
 * `util.parseArgs` (strict, positionals allowed, `--` ends the options): no
 * dependency and no start-up cost for a dozen flags.
 */
const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  strict: { type: 'boolean' },
  'no-strict': { type: 'boolean' },
  'kubernetes-version': { type: 'string' },
  skip: { type: 'string', multiple: true },
  reject: { type: 'string', multiple: true },
  output: { type: 'string', short: 'o' },
  'ignore-missing-schemas': { type: 'boolean' },
  'ignore-filename-pattern': { type: 'string', multiple: true },
  verbose: { type: 'boolean' },
  summary: { type: 'boolean' },
  'no-summary': { type: 'boolean' },
  'exit-on-error': { type: 'boolean' },
  crd: { type: 'string', multiple: true },
  'schema-location': { type: 'string', multiple: true },
} as const;

const LONG_NAMES = Object.keys(OPTIONS);

/**
 * kubeconform's Go flags are written with one dash (`-summary`,
 * `-kubernetes-version 1.31.0`); those spellings are read as the long option
 * they name, so a kubeconform command line works unchanged. Only before `--`.
 */
function acceptSingleDash(args: readonly string[]): string[] {
  const out: string[] = [];
  let options = true;
  for (const arg of args) {
    if (arg === '--') options = false;
    const name = /^-([a-z][a-z-]+)(=.*)?$/.exec(arg)?.[1];
    out.push(options && name !== undefined && LONG_NAMES.includes(name) ? `-${arg}` : arg);
  }
  return out;
}

/** Parses `validate`'s arguments; throws UsageError with a did-you-mean for an unknown flag. */
export function parseValidateArguments(args: readonly string[]): ValidateArguments {
  let parsed;
  try {
    parsed = parseArgs({ args: acceptSingleDash(args), options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
  const { values, positionals } = parsed;
  const output = values.output ?? 'text';
  if (!OUTPUT_FORMATS.includes(output as OutputFormat)) {
    const guess = closest(output, OUTPUT_FORMATS);
    throw new UsageError(`unknown output format \`${output}\`${guess ? ` (did you mean \`${guess}\`?)` : ''}; use one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  if (values.strict && values['no-strict']) throw new UsageError('--strict and --no-strict contradict each other');
  if (values.summary && values['no-summary']) throw new UsageError('--summary and --no-summary contradict each other');
  const list = (entries: readonly string[] | undefined) =>
    (entries ?? []).flatMap((entry) => entry.split(',')).map((kind) => kind.trim()).filter((kind) => kind !== '');
  return {
    paths: positionals,
    strict: !values['no-strict'],
    kubernetesVersion: values['kubernetes-version'] ?? CORE_KUBERNETES_VERSION,
    skipKinds: list(values.skip),
    rejectKinds: list(values.reject),
    output: output as OutputFormat,
    ignoreMissingSchemas: values['ignore-missing-schemas'] ?? false,
    ignoreFilenamePatterns: (values['ignore-filename-pattern'] ?? []).map(toRegExp),
    verbose: values.verbose ?? false,
    summary: !values['no-summary'],
    exitOnError: values['exit-on-error'] ?? false,
    crds: values.crd ?? [],
    schemaLocations: values['schema-location'] ?? [],
    help: values.help ?? false,
  };
}

/** kubeconform matches these as unanchored Go regular expressions (pkg/resource/files.go, isIgnored). */
function toRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new UsageError(`--ignore-filename-pattern \`${pattern}\` is not a regular expression: ${(error as Error).message}`);
  }
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = option.replace(/^-+/, '').replace(/=.*$/, '');
    const guess = closest(name, LONG_NAMES);
    // Worded as the other commands word it (cli/args.ts); quoted and escaped, whatever was typed.
    return `unknown option ${JSON.stringify(option)}${guess ? ` (did you mean --${guess}?)` : ''}; a path that starts with - goes after --`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return `${option} does not take a value`;
    return `${option} needs a value`;
  }
  return message.split('\n')[0] ?? message;
}
