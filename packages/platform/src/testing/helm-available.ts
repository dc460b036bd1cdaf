import { HelmUnavailableError, resolveHelm } from '@platform/helm';

/**
 * Why the tests that render charts cannot run here, or undefined when they
 * can. The pinned helm ships for linux-x64 only (packages/helm README): there
 * its absence is a failure, never a skip; elsewhere (without PLATFORM_HELM)
 * those tests skip and say why, as @platform/helm's own tests do.
 */
export async function helmSkipReason(): Promise<string | undefined> {
  try {
    await resolveHelm();
    return undefined;
  } catch (error) {
    if (!(error instanceof HelmUnavailableError)) throw error;
    if (process.platform === 'linux' && process.arch === 'x64') throw new Error(`the pinned helm must be available on linux-x64: ${error.message}`);
    return error.message;
  }
}

/** A describe title that carries the skip reason, so a skipped run says why. */
export function titleWithSkip(title: string, reason: string | undefined): string {
  return reason ? `${title} [skipped: ${reason}]` : title;
}
