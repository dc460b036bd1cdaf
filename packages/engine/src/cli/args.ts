import { parseArgs } from 'node:util';

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

/** The candidate within two edits of `word` (or containing it, for long prefixes), if any. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best && bestDistance <= Math.max(1, Math.min(2, word.length - 2)) ? best : undefined;
}

/**
 * Levenshtein distance. Written out (a dozen lines) rather than taken from a
 * package: the CLI compares a typed flag with a handful of names, and a
 * dependency for this would cost an install and a lockfile entry for nothing.
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
