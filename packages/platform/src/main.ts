import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@platform/engine/cli';

/** What the launcher (bin/platform.mjs) says about the bundle it runs: absent when the sources run through tsx. */
const launcher = (globalThis as Record<symbol, { codeKey: string; cacheDir: string } | undefined>)[Symbol.for('rke2-platform.launcher')];

/** The repository root, found from this file (as repository.ts does, which imports the whole engine). */
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

process.exitCode = await runCli(process.argv.slice(2), {
  root: repositoryRoot,
  // Imported only by commands that render (phases load cdk8s and every phase package).
  phases: async () => (await import('./phases.js')).phases,
  // Renders are cached only for the bundle, whose key names exactly the code that rendered them.
  renderCache: launcher ? { codeKey: launcher.codeKey, dir: join(launcher.cacheDir, 'renders') } : undefined,
});
