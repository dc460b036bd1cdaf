import { fileURLToPath } from 'node:url';
import { loadPlatform, renderPlatform, type Platform, type Tree } from '@platform/engine';
import { phases } from './phases.js';

/** The repository root, found from this file, so nothing depends on the working directory. */
export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

/** The real platform, from this checkout's cluster.yaml and charts/. */
export function loadRepositoryPlatform(configFile?: string): Platform {
  return loadPlatform({ root: repositoryRoot, ...(configFile ? { configFile } : {}) }, phases);
}

let cached: Tree | undefined;
/** The real platform rendered in memory (cached: rendering is pure). */
export function renderRepository(): Tree {
  cached ??= renderPlatform(loadRepositoryPlatform());
  return cached;
}
