/**
 * Marks the span in which phases are built and rendered. Nothing in it may
 * read the clock or draw random numbers; the determinism test preloads a
 * module that makes Date.now and Math.random throw while this flag is set
 * (libraries may still use them while loading, which does not affect output).
 */
export const RENDERING = Symbol.for('rke2-platform.rendering');

export function rendering<T>(work: () => T): T {
  const flags = globalThis as unknown as Record<symbol, number | undefined>;
  flags[RENDERING] = (flags[RENDERING] ?? 0) + 1;
  try {
    return work();
  } finally {
    flags[RENDERING] = (flags[RENDERING] ?? 1) - 1;
  }
}
