#!/usr/bin/env node
// Starts the platform CLI fast. The TypeScript sources are bundled once with
// esbuild into a cache keyed by a hash of every source file, so an edit always
// gets a fresh bundle and an unchanged checkout skips both the TypeScript
// loader and the transform (about 150 ms a run). Without esbuild, it falls
// back to running the sources through tsx.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
const entry = join(root, 'packages/platform/src/main.ts');

function sources(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'generated' && !entry.name.startsWith('.')) sources(path, found);
    } else if (/\.(ts|mjs|json)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
      found.push(path);
    }
  }
  return found;
}

const hash = createHash('sha256');
for (const file of [...sources(join(root, 'packages')), join(root, 'pnpm-lock.yaml')]) {
  hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
}
// The bundle sits in the engine's node_modules so its imports resolve to the engine's dependencies.
const cache = join(root, 'packages/engine/node_modules/.cache/platform-cli');
const bundle = join(cache, `${hash.digest('hex').slice(0, 16)}.mjs`);

if (!existsSync(bundle) && !(await build())) {
  const loader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const result = spawnSync(process.execPath, ['--import', loader, entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
await import(pathToFileURL(bundle).href);

async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  mkdirSync(cache, { recursive: true });
  const temporary = `${bundle}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [entry],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    plugins: [
      {
        name: 'workspace-only',
        setup(build) {
          // Only the workspace's own TypeScript is bundled; installed packages load as usual.
          build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@platform/') ? undefined : { path: args.path, external: true }));
          // Each module keeps seeing its own source location in import.meta.url (it finds files beside itself).
          build.onLoad({ filter: /\.ts$/ }, (args) => ({
            contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
            resolveDir: dirname(args.path),
          }));
        },
      },
    ],
  });
  renameSync(temporary, bundle);
  return true;
}
