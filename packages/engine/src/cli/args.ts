import { parseArgs } from 'node:util';
import { closest } from '@platform/validate/did-you-mean';

/** A mistake in how a command was called: printed with the command's usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** One option a command takes. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** The values a string option accepts, when it is a closed set. */
  readonly choices?: readonly string[];
  /** May be given more than once (values collect in order). */
  readonly multiple?: boolean;
}

/** What a command accepts: its options, and how many positional arguments. */
export interface ArgsSpec {
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Most positionals accepted (default 0); `Infinity` for file lists. */
  readonly maxPositionals?: number;
  readonly minPositionals?: number;
}

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses a command's arguments with Node's own `util.parseArgs` in strict
 * mode (a maintained parser with `--flag value`, `--flag=value` and `--`), and
 * turns its errors into one line that names the mistake and, for a misspelt
 * option, the option meant. Unknown options and stray arguments are errors:
 * a typo must never fall back to the defaults silently.
 */
export function parseCommandArgs(args: readonly string[], spec: ArgsSpec): ParsedArgs {
  const options = Object.fromEntries(Object.entries(spec.options).map(([name, option]) => [name, { type: option.type, ...(option.multiple ? { multiple: true } : {}) }]));
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(explain(error as Error & { code?: string }, args, spec));
  }
  const positionals = parsed.positionals;
  const max = spec.maxPositionals ?? 0;
  if (positionals.length > max) {
    const stray = positionals[max] ?? '';
    throw new UsageError(max === 0 ? `unexpected argument "${stray}": this command takes options only` : `unexpected argument "${stray}": at most ${max} expected`);
  }
  if (positionals.length < (spec.minPositionals ?? 0)) throw new UsageError(`expected at least ${spec.minPositionals} argument${spec.minPositionals === 1 ? '' : 's'}`);
  for (const [name, option] of Object.entries(spec.options)) {
    const value = parsed.values[name];
    if (option.type === 'string' && value === '') throw new UsageError(`--${name} needs a value`);
    if (option.choices && typeof value === 'string' && !option.choices.includes(value)) {
      throw new UsageError(`--${name} must be one of ${option.choices.join(', ')}, not "${value}"${suggestion(value, option.choices, '')}`);
    }
  }
  return { values: parsed.values as ParsedArgs['values'], positionals };
}

function explain(error: Error & { code?: string }, args: readonly string[], spec: ArgsSpec): string {
  const names = Object.keys(spec.options);
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flag = /'([^']+)'/.exec(error.message)?.[1] ?? '';
      const bare = flag.replace(/^-+/, '').split('=')[0] ?? '';
      const known = names.length > 0 ? `; options: ${names.map((name) => `--${name}`).join(', ')}` : '; this command takes no options';
      return `unknown option "${flag}"${suggestion(bare, names, '--')}${known}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const flag = /'(--?[^' ]+)/.exec(error.message)?.[1]?.replace(/^-+/, '') ?? '';
      const option = spec.options[flag];
      return option?.type === 'string' ? `--${flag} needs a value` : `--${flag} takes no value`;
    }
    default:
      return `${error.message} (arguments: ${args.join(' ')})`;
  }
}

/** ` (did you mean --config?)` for the closest known name within two edits, or nothing. */
export function suggestion(word: string, candidates: readonly string[], prefix: string): string {
  const best = closest(word, candidates);
  return best ? ` (did you mean ${prefix}${best}?)` : '';
}
