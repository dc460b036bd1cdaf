import { helmTemplate, type HelmTemplateOptions, type HelmTemplateResult } from './helm-template.js';

/** The outcome of one release in a batch. */
export type HelmTemplateOutcome = { readonly ok: true; readonly result: HelmTemplateResult } | { readonly ok: false; readonly error: unknown };

/**
 * Renders many releases with at most `concurrency` helm processes at a time
 * (default 2, the cores CI has), outcomes in the order of `releases`. One
 * release failing does not stop the others.
 */
export async function helmTemplateAll(releases: readonly HelmTemplateOptions[], { concurrency = 2 }: { concurrency?: number } = {}): Promise<HelmTemplateOutcome[]> {
  const outcomes: HelmTemplateOutcome[] = new Array(releases.length);
  let next = 0;
  const worker = async () => {
    while (next < releases.length) {
      const index = next++;
      try {
        outcomes[index] = { ok: true, result: await helmTemplate(releases[index]!) };
      } catch (error) {
        outcomes[index] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, releases.length)) }, worker));
  return outcomes;
}
