#!/usr/bin/env node
// Starts the platform CLI fast. The TypeScript sources are bundled once with
// esbuild into a cache keyed by a hash of every source file, so an edit always
// gets a fresh bundle and an unchanged checkout skips both the TypeScript
// loader and the transform (about 150 ms a run). Without esbuild, it falls
// back to running the sources through tsx.
//
// The bundle holds no absolute path: each module's import.meta.url is
// computed at run time from the bundle's own location, and the source map
// (read only when an error escapes) names sources relative to it. So a checkout that is copied or moved (a
// renamed folder, a CI cache restored elsewhere, a container layer) renders
// its own cluster.yaml into its own dist/, even with the cache it brought
// along, and stack traces point at packages/**/*.ts of the checkout that runs.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { isBuiltin, SourceMap } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
const entry = join(root, 'packages/platform/src/main.ts');
/** Bumped when the bundle's layout changes, so no checkout reuses a bundle of another layout. */
const FORMAT = 'relocatable-3-split';

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

const hash = createHash('sha256').update(FORMAT).update('\0');
for (const file of [...sources(join(root, 'packages')), join(root, 'pnpm-lock.yaml')]) {
  hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
}
// The bundle sits in the engine's node_modules so its imports resolve to the engine's dependencies.
const cache = join(root, 'packages/engine/node_modules/.cache/platform-cli');
const key = hash.digest('hex');
const bundle = join(cache, `${key.slice(0, 16)}.mjs`);

if (!existsSync(bundle) && !(await build())) {
  const loader = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;
  const result = spawnSync(process.execPath, ['--enable-source-maps', '--import', loader, entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
installSourceMappedStacks();
// What the CLI may key caches of its own results on (synth's render cache): this exact code, and where caches go.
globalThis[Symbol.for('rke2-platform.launcher')] = Object.freeze({ codeKey: key, cacheDir: cache });
await import(pathToFileURL(bundle).href);

/**
 * Stack traces name the TypeScript sources (packages/.../*.ts) of the checkout that runs, not the
 * bundle: V8 asks Error.prepareStackTrace to format a stack when one is first
 * read (by the CLI's internal-error report, or Node's for an uncaught error),
 * and each frame in the bundle is mapped through the bundle's source map,
 * read only then. `--enable-source-maps` would instead load and parse the
 * source map of every module at start-up, installed packages included (about
 * 50 ms of CPU a run).
 */
function installSourceMappedStacks() {
  // The entry and the chunks it loads on demand (esbuild's code splitting) share the bundle's name as a prefix.
  const prefix = bundle.slice(0, -'.mjs'.length);
  const maps = new Map();
  const mapFrame = (frame) =>
    frame.replace(/((?:file:\/\/)?\/[^\s()]*?\.mjs):(\d+):(\d+)/g, (whole, file, line, column) => {
      const path = file.startsWith('file:') ? fileURLToPath(file) : file;
      if (path !== bundle && !(path.startsWith(`${prefix}-`) && dirname(path) === cache)) return whole;
      let map = maps.get(path);
      try {
        map ??= new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8')));
        maps.set(path, map);
      } catch {
        return whole;
      }
      const url = pathToFileURL(path).href;
      const entry = map.findEntry(Number(line) - 1, Number(column) - 1);
      if (!entry?.originalSource) return whole;
      // The map names sources relative to itself, so the path is that of the checkout that runs.
      return `${fileURLToPath(new URL(entry.originalSource, url))}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    });
  Error.prepareStackTrace = (error, callSites) => {
    let header;
    try {
      header = Error.prototype.toString.call(error);
    } catch {
      header = 'Error';
    }
    return [header, ...callSites.map((site) => `    at ${mapFrame(String(site))}`)].join('\n');
  };
}

async function build() {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return false;
  }
  mkdirSync(cache, { recursive: true });
  const result = await esbuild.build({
    // Code splitting: what a command imports only when it runs (import() in the CLI) goes into chunks of its own,
    // so synth does not load check's, diff's or the chart tools' code and packages.
    entryPoints: { [basename(bundle, '.mjs')]: entry },
    outdir: cache,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: `${basename(bundle, '.mjs')}-[hash]`,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // An external map with paths relative to the bundle; without sourcesContent it stays small to load.
    sourcemap: 'linked',
    sourcesContent: false,
    plugins: [
      {
        name: 'workspace-only',
        setup(build) {
          // Only the workspace's own TypeScript is bundled; installed packages load as usual, from where the bundle
          // sits (the engine's node_modules). A package that another workspace package (@platform/validate) imports
          // must therefore be a dependency of the engine too; say so here rather than fail at run time.
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith('@platform/')) return undefined;
            const name = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
            if (!isBuiltin(args.path) && !existsSync(join(cache, '../..', name))) {
              return { errors: [{ text: `${name} (imported by ${relative(root, args.importer)}) is not a dependency of @platform/engine, so the bundle cannot load it; add it to packages/engine/package.json` }] };
            }
            return { path: args.path, external: true };
          });
          // Each module keeps seeing its own source location in import.meta.url (it finds files beside itself),
          // computed from where the bundle is when it runs, not where it was built.
          build.onLoad({ filter: /\.ts$/ }, (args) => ({
            contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', `new URL(${JSON.stringify(relative(cache, args.path).split('\\').join('/'))}, import.meta.url).href`),
            loader: 'ts',
            resolveDir: dirname(args.path),
          }));
        },
      },
    ],
  });
  // The maps and chunks first, then the entry: the entry's existence says the build is complete. Each via a
  // rename, so a concurrent launcher never loads half a file.
  const last = (file) => (file.path === bundle ? 1 : 0);
  for (const file of [...result.outputFiles].sort((a, b) => last(a) - last(b))) {
    const temporary = join(cache, `.${basename(file.path)}.${process.pid}.tmp`);
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  return true;
}
