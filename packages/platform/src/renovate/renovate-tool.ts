import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The real Renovate, for the tests that check renovate.json with it.
 *
 * Renovate is not a dependency of the project: with the Node binary its
 * engine needs it is 530 MB, which every `pnpm install` would pay. Measured
 * from an empty store on the shared 2-core machine, a workspace package
 * holding it took the project install from 12 s to 31 s when the machine
 * was quiet (medians of three under load: 56 s to 86 s) and the pnpm store
 * from 167 MB to 600 MB. Instead the first test run installs the exact
 * tree that `tool/package-lock.json` pins into a cache directory outside
 * the checkout (npm ci with an empty npm cache: 57 s quiet, median 99 s
 * under load; 530 MB plus 195 MB of npm cache), and later runs reuse it.
 *
 * Renovate 44 requires Node ^24.11 (its `engines`; the last release that ran
 * on Node 20 was 39.264.1, whose configuration format predates the one hosted
 * Renovate reads now: `fileMatch` became `managerFilePatterns` in 40), and
 * this project runs on Node 20. The lock therefore also pins a Node 24 binary
 * from the npm registry (the `node-<os>-<cpu>` packages, optional so npm
 * takes only the one for this machine); a Node that already satisfies the
 * engine is used as it is.
 */
export interface RenovateTool {
  /** Renovate's version, from the lock. */
  readonly version: string;
  /** The installed tree (its node_modules holds renovate). */
  readonly dir: string;
  /** A Node binary that satisfies Renovate's engine. */
  readonly node: string;
  /** Renovate's CLI entry point (run it with `node`). */
  readonly renovate: string;
  /** renovate-config-validator's entry point. */
  readonly validator: string;
  /** Renovate's compiled modules, to import its own helpers (a file:// URL ending in /). */
  readonly distUrl: string;
}

const TOOL_MANIFEST = fileURLToPath(new URL('./tool/', import.meta.url));

/**
 * Where installed tools live: `$PLATFORM_TOOL_CACHE`, else
 * `$XDG_CACHE_HOME/rke2-platform`, else `~/.cache/rke2-platform`.
 */
export function toolCacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PLATFORM_TOOL_CACHE) return env.PLATFORM_TOOL_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'rke2-platform');
}

/** Returns the pinned Renovate, installing it on first use (asynchronously: a test worker must stay responsive for a minute). */
export async function renovateTool(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<RenovateTool> {
  const manifest = readFileSync(join(TOOL_MANIFEST, 'package.json'));
  const lock = readFileSync(join(TOOL_MANIFEST, 'package-lock.json'));
  const version = (JSON.parse(manifest.toString('utf8')) as { dependencies: { renovate: string } }).dependencies.renovate;
  // The directory is named by the lock's content: a changed pin installs anew and never mixes trees.
  const key = createHash('sha256').update(manifest).update('\0').update(lock).digest('hex').slice(0, 16);
  const root = toolCacheRoot();
  const dir = join(root, `renovate-${version}-${key}`);
  if (!existsSync(join(dir, '.installed'))) await install(root, dir, version, log);
  const entry = (file: string) => join(dir, 'node_modules', 'renovate', 'dist', file);
  return {
    version,
    dir,
    node: nodeFor(dir),
    renovate: entry('renovate.js'),
    validator: entry('config-validator.js'),
    distUrl: new URL(`file://${join(dir, 'node_modules', 'renovate', 'dist')}/`).href,
  };
}

/**
 * `npm ci` into a private temporary directory, then one rename: a reader sees
 * a complete tree or none, and two test runs installing at once both succeed
 * (the second rename finds the directory taken and drops its copy).
 */
async function install(root: string, dir: string, version: string, log: (line: string) => void): Promise<void> {
  mkdirSync(root, { recursive: true });
  removeAbandoned(root);
  const temporary = mkdtempSync(join(root, `.renovate-${version}-`));
  try {
    copyFileSync(join(TOOL_MANIFEST, 'package.json'), join(temporary, 'package.json'));
    copyFileSync(join(TOOL_MANIFEST, 'package-lock.json'), join(temporary, 'package-lock.json'));
    log(`renovate tests: installing renovate@${version} and a Node 24 from the npm registry into ${dir} (first use only: about 1 minute, 530 MB)`);
    const started = Date.now();
    const npm = await run(
      'npm',
      [
        'ci',
        // --prefix: npm run exports the project's own prefix to child processes; this install is not the project's.
        `--prefix=${temporary}`,
        // No install scripts: the Node packages need none, and Renovate's optional native re2 would fetch a
        // prebuilt binary from GitHub or compile one (npm on Node 20 skips it anyway: its engine excludes Node 20).
        // Without it Renovate uses JavaScript's RegExp, which accepts every pattern renovate.json uses.
        '--ignore-scripts',
        // Renovate's engine is Node 24 and npm runs on the machine's Node 20: the binary it runs on comes from the lock.
        '--engine-strict=false',
        '--include=optional',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
      ],
      temporary,
      15 * 60_000,
    );
    if (npm.status !== 0) {
      throw new Error(
        `renovate tests: could not install renovate@${version} with npm ci (${npm.status === null ? 'no exit status' : `exit ${npm.status}`}); the npm registry must be reachable on first use, or PLATFORM_TOOL_CACHE must point at a directory holding an installed copy.\n${npm.output.trim().split('\n').slice(-15).join('\n')}`,
      );
    }
    writeFileSync(join(temporary, '.installed'), `${new Date().toISOString()} in ${Math.round((Date.now() - started) / 1000)} s\n`);
    try {
      renameSync(temporary, dir);
    } catch (error) {
      if (!existsSync(join(dir, '.installed'))) throw error;
    }
    log(`renovate tests: installed in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
}

/**
 * Temporary trees of installs that were killed before their cleanup ran: an
 * install takes minutes, so one untouched for a day is nobody's.
 */
function removeAbandoned(root: string): void {
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    if (name.startsWith('.renovate-') && Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 24 * 3600_000) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/** Runs a command to its end (or kills it at the timeout); resolves with its status and combined output. */
function run(command: string, args: string[], cwd: string, timeoutMs: number): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', (error) => resolve({ status: null, output: `${output}\n${error.message}` }));
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** This Node if it satisfies Renovate's engine, else the binary the lock installed for this machine. */
function nodeFor(dir: string): string {
  const requireFromTool = createRequire(join(dir, 'package.json'));
  const semver = requireFromTool('semver') as { satisfies(version: string, range: string): boolean };
  const engine = (requireFromTool('renovate/package.json') as { engines: { node: string } }).engines.node;
  if (semver.satisfies(process.versions.node, engine)) return process.execPath;
  const binary = join(dir, 'node_modules', `node-${process.platform}-${process.arch}`, 'bin', 'node');
  if (!existsSync(binary)) {
    throw new Error(
      `renovate tests: Renovate needs Node ${engine}, this is ${process.versions.node}, and the lock in packages/platform/src/renovate/tool/ pins no Node binary for ${process.platform}-${process.arch}; run the tests with a Node that satisfies ${engine}, or add that platform's node-${process.platform}-${process.arch} package to the lock.`,
    );
  }
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  const version = probe.stdout.trim().replace(/^v/, '');
  if (probe.status !== 0 || !semver.satisfies(version, engine)) {
    throw new Error(`renovate tests: ${binary} reports "${probe.stdout.trim() || probe.stderr.trim()}", not a Node that satisfies ${engine}`);
  }
  return binary;
}
