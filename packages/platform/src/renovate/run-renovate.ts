import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RenovateTool } from './renovate-tool.js';

/** One dependency as Renovate's extract report lists it. */
export interface ExtractedDependency {
  depName?: string;
  packageName?: string;
  currentValue?: string;
  currentDigest?: string;
  datasource?: string;
  registryUrls?: string[];
  skipReason?: string;
  /** Lookup mode only: the updates Renovate would make, each on its branch. */
  updates?: Array<{ newValue?: string; updateType?: string; branchName?: string }>;
}

/** Renovate's report of an extract: package files by manager. */
export interface Extraction {
  /** manager (as the report names it: `jsonata` for custom.jsonata) -> package files. */
  readonly packageFiles: Record<string, Array<{ packageFile: string; deps: ExtractedDependency[] }>>;
  /** Problems the report lists (a config or extraction error). */
  readonly problems: unknown[];
  /** Renovate's log lines at warning level or above, parsed. */
  readonly warnings: Array<{ level: number; msg: string }>;
}

/**
 * A scratch git repository holding this checkout's files (tracked, and new
 * ones not ignored, as they are in the working tree) plus `extra` files:
 * Renovate's local platform lists a repository's files with `git ls-files`
 * (lib/modules/platform/local/scm.ts, getFileList), so they must be added.
 */
export function scratchRepository(checkout: string, extra: Record<string, string> = {}): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'renovate-scratch-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: checkout, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files in ${checkout}: ${listed.stderr}`);
  for (const path of listed.stdout.split('\0').filter(Boolean)) {
    if (existsSync(join(checkout, path))) cpSync(join(checkout, path), join(dir, path), { recursive: false });
  }
  for (const [path, content] of Object.entries(extra)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  git(dir, ['init', '--quiet']);
  git(dir, ['add', '--all']);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function git(cwd: string, args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

/**
 * The environment Renovate runs in here: nothing inherited but PATH, so no
 * RENOVATE_* variable, token or config of the machine's leaks in; a private
 * home and base directory; and every HTTP(S) request sent to a closed port,
 * so an extract that tried the network would fail loudly instead of passing
 * on a machine that happens to be online (Renovate routes all its requests
 * through HTTP(S)_PROXY when set: lib/proxy.ts, bootstrap).
 */
export function renovateEnvironment(home: string, loopback = false): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    TZ: 'UTC',
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    RENOVATE_BASE_DIR: join(home, 'renovate'),
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    // A lookup test serves its Helm repositories on the loopback address, which alone bypasses the proxy.
    ...(loopback ? { NO_PROXY: '127.0.0.1' } : {}),
    GIT_CONFIG_NOSYSTEM: '1',
  };
}

/** Runs a Node entry point of the tool; resolves with its exit status and output. */
export function runTool(tool: RenovateTool, entry: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool.node, [entry, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Renovate's JSON log lines (LOG_FORMAT=json), each parsed; other lines are dropped. */
export function logLines(output: string): Array<Record<string, unknown> & { level: number; msg: string }> {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown> & { level: number; msg: string });
}

/**
 * `renovate --platform=local --dry-run=<mode>` in `dir`, with the
 * repository's own renovate.json and `globalConfig` as the admin's
 * configuration: `extract` lists what Renovate would manage without looking
 * anything up; `lookup` also asks the datasources (here only ones served on
 * 127.0.0.1) and names each update's branch.
 */
export async function runRenovate(tool: RenovateTool, dir: string, mode: 'extract' | 'lookup', globalConfig: Record<string, unknown> = {}): Promise<Extraction> {
  const home = mkdtempSync(join(tmpdir(), 'renovate-home-'));
  try {
    const report = join(home, 'report.json');
    const configFile = join(home, 'config.json');
    writeFileSync(configFile, JSON.stringify(globalConfig));
    const env = { ...renovateEnvironment(home, mode === 'lookup'), RENOVATE_CONFIG_FILE: configFile };
    const run = await runTool(tool, tool.renovate, ['--platform=local', `--dry-run=${mode}`, '--report-type=file', `--report-path=${report}`], dir, env);
    if (run.status !== 0 || !existsSync(report)) throw new Error(`renovate exited ${run.status}:\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-4000)}`);
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as { problems: unknown[]; repositories: Record<string, { problems: unknown[]; packageFiles: Extraction['packageFiles'] }> };
    const repository = parsed.repositories.local;
    if (!repository) throw new Error(`renovate's report names no local repository: ${Object.keys(parsed.repositories).join(', ')}`);
    return {
      packageFiles: repository.packageFiles,
      problems: [...parsed.problems, ...repository.problems],
      warnings: logLines(run.stdout).filter((line) => line.level >= 40),
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}
