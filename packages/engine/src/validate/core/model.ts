import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { CoreModel } from '../schema-types.js';
import { CORE_KUBERNETES_VERSION, deriveCoreModel, locateCoreSources, CORE_PACKAGE } from './derive.js';

/**
 * The derived core model is written at install time (the engine's
 * `postinstall`, see build.ts) into a git-ignored folder. If that file is
 * missing or was derived from another version of the package (install
 * scripts skipped, package upgraded) or by other derivation code (derive.ts
 * edited since), the model is derived in-process instead: same result, some
 * 30 ms slower.
 */
export const GENERATED_MODEL_PATH = fileURLToPath(
  new URL(`../generated/core-${CORE_KUBERNETES_VERSION}.json`, import.meta.url),
);

let cached: CoreModel | undefined;

export function coreModel(): CoreModel {
  cached ??= loadGenerated() ?? deriveCoreModel();
  return cached;
}

/** Fingerprint of derive.ts, stored with the model written at install time. */
export function derivationFingerprint(): string {
  const source = fileURLToPath(new URL('./derive.ts', import.meta.url));
  const text = existsSync(source) ? readFileSync(source, 'utf8') : '';
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function loadGenerated(): CoreModel | undefined {
  if (!existsSync(GENERATED_MODEL_PATH)) return undefined;
  try {
    const model = JSON.parse(readFileSync(GENERATED_MODEL_PATH, 'utf8')) as CoreModel;
    const { version } = locateCoreSources();
    const current = model.source.startsWith(`${CORE_PACKAGE}@${version} `) && model.derivedBy === derivationFingerprint();
    return current ? model : undefined;
  } catch {
    return undefined;
  }
}
