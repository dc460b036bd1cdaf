/** Where a command writes; tests capture it, the CLI passes the process streams. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Splits `--flag value`, `--flag=value` and positionals; unknown flags are the caller's to reject. */
export function parseArgs(args: readonly string[], valueFlags: readonly string[]): { flags: Map<string, string | true>; positionals: string[] } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) flags.set(name, inline);
    else if (valueFlags.includes(name)) flags.set(name, args[++index] ?? '');
    else flags.set(name, true);
  }
  return { flags, positionals };
}
