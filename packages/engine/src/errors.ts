/**
 * An error caused by the user's input (config, charts, phase code). It names
 * where the problem is and what to do, so the CLI can print it in one line
 * without a stack trace.
 */
export class PlatformError extends Error {
  readonly file: string | undefined;
  readonly field: string | undefined;
  readonly hint: string | undefined;

  constructor(message: string, where: { file?: string; field?: string; hint?: string } = {}) {
    super(message);
    this.name = 'PlatformError';
    this.file = where.file;
    this.field = where.field;
    this.hint = where.hint;
  }

  /** `file: field: message (hint)`: what is wrong, where, and what to do. */
  describe(): string {
    const location = [this.file, this.field].filter(Boolean).join(': ');
    const text = location ? `${location}: ${this.message}` : this.message;
    return this.hint ? `${text}\n  hint: ${this.hint}` : text;
  }
}

/** Several user errors found in one pass, reported together. */
export class PlatformErrors extends Error {
  constructor(readonly errors: PlatformError[]) {
    super(errors.map((error) => error.describe()).join('\n'));
    this.name = 'PlatformErrors';
  }
}

export function isPlatformError(error: unknown): error is PlatformError | PlatformErrors {
  return error instanceof PlatformError || error instanceof PlatformErrors;
}
