/** One credential a rule found in a string: what it looks like, and the matched text (never printed). */
export interface Hit {
  readonly what: string;
  readonly match: string;
  /** Where the match starts in the scanned text, for line numbers. */
  readonly index: number;
}

/** A rule over one string value, one mapping key, or one line of a file. */
export type StringRule = (text: string) => Hit[];

/**
 * A value that only points somewhere else: a Kubernetes `$(VAR)` expansion,
 * a `${VAR}` substitution, a shell variable in upper case (`$GIT_TOKEN`, as in
 * a documented command) or a Helm/Fleet `{{ ... }}` template. Not a literal.
 */
export function isReference(value: string): boolean {
  return /^\s*(\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{[^}]+\}|\$[A-Z_][A-Z0-9_]*|\{\{[^}]*\}\})\s*$/.test(value);
}
