import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { CoreModel } from '../schema-types.js';
import { CORE_KUBERNETES_VERSION, deriveCoreModel, locateCoreSources } from './derive.js';

/**
 * The derived core model is written at install time (this package's
 * `postinstall`, see build.ts) into a git-ignored folder. If that file is
 * missing or was derived from another version of the package (install
 * scripts skipped, package upgraded) or by other derivation code (derive.ts
 * edited since), the model is derived in-process instead: same result, some
 * 30 ms slower.
 */
export function generatedModelPath(kubernetesVersion: string): string {
  return fileURLToPath(new URL(`../../generated/core-${kubernetesVersion}.json`, import.meta.url));
}

const cached = new Map<string, CoreModel>();

/** The core API of one served Kubernetes minor (default: CORE_KUBERNETES_VERSION). */
export function coreModel(kubernetesVersion: string = CORE_KUBERNETES_VERSION): CoreModel {
  let model = cached.get(kubernetesVersion);
  if (!model) {
    model = loadGenerated(kubernetesVersion) ?? deriveCoreModel(kubernetesVersion);
    cached.set(kubernetesVersion, model);
  }
  return model;
}

/** Fingerprint of derive.ts, stored with the model written at install time. */
export function derivationFingerprint(): string {
  const source = fileURLToPath(new URL('./derive.ts', import.meta.url));
  const text = existsSync(source) ? readFileSync(source, 'utf8') : '';
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

function loadGenerated(kubernetesVersion: string): CoreModel | undefined {
  const path = generatedModelPath(kubernetesVersion);
  if (!existsSync(path)) return undefined;
  try {
    const model = JSON.parse(readFileSync(path, 'utf8')) as CoreModel;
    const { version, name } = locateCoreSources(kubernetesVersion);
    const current = model.source.startsWith(`${name}@${version} `) && model.derivedBy === derivationFingerprint();
    return current ? model : undefined;
  } catch {
    return undefined;
  }
}
