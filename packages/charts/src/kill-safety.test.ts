import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { archivePath, cachedChartPath } from './cache.js';
import { pullCharts } from './pull.js';
import { startChartServer, writeChartEntry, type ChartServer, type PublishedChart } from './testing/index.js';
import { randomBytes } from 'node:crypto';

const child = fileURLToPath(new URL('./kill-safety.child.ts', import.meta.url));
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
const servers: ChartServer[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const running of children.splice(0)) running.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Setup {
  repos: ChartServer;
  chart: PublishedChart;
  root: string;
  cacheDir: string;
}

async function setup(): Promise<Setup> {
  const repos = await startChartServer();
  servers.push(repos);
  const repo = repos.repository('/r');
  // Incompressible values, so the archive (about 270 KB) takes many chunks to send.
  const chart = repo.publish({ name: 'big', version: '1.0.0', files: { 'values.yaml': `blob: ${randomBytes(200_000).toString('base64')}\n` } });
  const root = mkdtempSync(join(tmpdir(), 'kill-root-'));
  writeChartEntry(root, 'big', { repo: repo.url, chart: 'big', version: '1.0.0', digest: chart.digest });
  return { repos, chart, root, cacheDir: mkdtempSync(join(tmpdir(), 'kill-cache-')) };
}

/** Starts a pull in a child process; resolves once it printed the event it stops at (or `until` holds), then kills it with SIGKILL. */
async function killPullAt({ root, cacheDir }: Setup, stopAt: string, until?: () => boolean): Promise<string[]> {
  const running = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify({ root, cacheDir, stopAt })], { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(running);
  const lines: string[] = [];
  let stderr = '';
  running.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const poll = setInterval(() => {
      if (until?.()) done();
    }, 5);
    const done = (): void => {
      clearInterval(poll);
      resolve();
    };
    running.stdout!.on('data', (chunk: Buffer) => {
      lines.push(...chunk.toString().trim().split('\n'));
      if (!until && lines.some((line) => line.includes(`"type":"${stopAt}"`))) done();
    });
    running.on('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`the pull ended (${code}) before it was killed: ${lines.join('\n')}\n${stderr}`));
    });
  });
  running.removeAllListeners('exit');
  const exited = new Promise((resolve) => running.on('exit', resolve));
  running.kill('SIGKILL');
  await exited;
  return lines;
}

function files(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

function sha256(path: string): string {
  return `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
}

/** What every kill must leave: no archive at a content address but a complete, verified one; and a later pull that works. */
async function expectRecoverable(state: Setup): Promise<void> {
  for (const name of files(join(state.cacheDir, 'sha256'))) expect(sha256(join(state.cacheDir, 'sha256', name))).toBe(`sha256:${name.replace(/\.tgz$/, '')}`);
  const result = await pullCharts(state.root, { cacheDir: state.cacheDir });
  expect(readFileSync(result.charts[0]!.path).equals(state.chart.bytes)).toBe(true);
}

describe('a pull killed at any step never leaves a file that counts as cached', () => {
  it('killed while the index is on its way: nothing in the cache', async () => {
    const state = await setup();
    state.repos.fault('/r/index.yaml', { delayMs: 60_000 });
    await killPullAt(state, 'index');
    expect(files(join(state.cacheDir, 'sha256'))).toEqual([]);
    expect(cachedChartPath(state.chart, state.cacheDir)).toBeUndefined();
    state.repos.fault('/r/index.yaml', undefined);
    await expectRecoverable(state);
  });

  it('killed half way through the archive: a partial file in tmp/ only, never taken as cached', async () => {
    const state = await setup();
    const half = Math.floor(state.chart.bytes.length / 2);
    state.repos.fault('/r/big-1.0.0.tgz', { stallAfterBytes: half });
    const tmp = join(state.cacheDir, 'tmp');
    await killPullAt(state, 'never', () => files(tmp).some((name) => statSync(join(tmp, name)).size >= half));
    expect(files(join(state.cacheDir, 'sha256'))).toEqual([]);
    expect(files(tmp)).toHaveLength(1);
    expect(cachedChartPath(state.chart, state.cacheDir)).toBeUndefined();
    state.repos.fault('/r/big-1.0.0.tgz', undefined);
    await expectRecoverable(state);
    expect((await pullCharts(state.root, { cacheDir: state.cacheDir })).charts[0]!.source).toBe('cache');
  });

  it('killed with the whole verified archive in tmp/, just before the rename: still not cached, and the next pull downloads', async () => {
    const state = await setup();
    await killPullAt(state, 'written');
    const tmp = join(state.cacheDir, 'tmp');
    expect(files(tmp)).toHaveLength(1);
    expect(sha256(join(tmp, files(tmp)[0]!))).toBe(state.chart.digest);
    expect(files(join(state.cacheDir, 'sha256'))).toEqual([]);
    expect(cachedChartPath(state.chart, state.cacheDir)).toBeUndefined();
    const before = state.repos.requests.length;
    await expectRecoverable(state);
    expect(state.repos.requests.length).toBeGreaterThan(before);
  });

  it('killed right after the rename: cached, and the next pull needs no network', async () => {
    const state = await setup();
    await killPullAt(state, 'stored');
    expect(cachedChartPath(state.chart, state.cacheDir)).toBe(archivePath(state.cacheDir, state.chart.digest));
    await state.repos.close();
    expect((await pullCharts(state.root, { cacheDir: state.cacheDir })).charts[0]!.source).toBe('cache');
  });
});
