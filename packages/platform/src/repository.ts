import { fileURLToPath } from 'node:url';
import { loadPlatforms, renderPlatforms, type Platform, type Tree } from '@platform/engine';
import { phases } from './phases.js';

/** The repository root, found from this file, so nothing depends on the working directory. */
export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

/** Every cluster of this checkout's inventory (clusters/), with charts/. */
export function loadRepositoryPlatforms(): Platform[] {
  return loadPlatforms({ root: repositoryRoot }, phases);
}

/** The shipped inventory's one cluster. */
export function loadRepositoryPlatform(): Platform {
  const [platform] = loadRepositoryPlatforms();
  if (!platform) throw new Error('the inventory has no cluster');
  return platform;
}

let cached: Tree | undefined;
/** The real platform rendered in memory (cached: rendering is pure). */
export function renderRepository(): Tree {
  cached ??= renderPlatforms(loadRepositoryPlatforms());
  return cached;
}
