import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyRepository } from '@platform/engine/testing';
import { forgetLockedDigests, startPlatformCharts } from '../testing/platform-charts.js';
import { repositoryRoot } from '../repository.js';
import { committedRepository } from '../testing/checkout.js';

/**
 * The rendered stage of `npm run bench`, as whole CLI processes against a
 * loopback mirror of stand-in charts (small charts under each pinned name and
 * version; the real archives are not reachable from here, so Helm's own work
 * per release is smaller than with the real charts): chart pull cold and
 * warm, check with an empty and a full render cache, and diff on a chart
 * bump. Prints a Markdown table; times are medians of RUNS samples.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CLI = join(repositoryRoot, 'packages/platform/bin/platform.mjs');

/** One CLI process, timed whole; the server in this process keeps answering while it runs. */
function run(root: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, '--root', root, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => (code === 0 || (args[0] === 'check' && code === 1) ? resolve(performance.now() - started) : reject(new Error(`${args.join(' ')} exited ${code}:\n${stderr}`))));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function samples(label: string, before: () => void, sample: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < RUNS; index += 1) {
    before();
    times.push(await sample());
  }
  const result = median(times);
  process.stderr.write(`${label}: median ${result.toFixed(0)} ms over ${RUNS} runs\n`);
  return result;
}

const copy = copyRepository(repositoryRoot, ['clusters', 'charts', 'dist', 'fleet']);
const root = copy.dir;
forgetLockedDigests(root);
const charts = await startPlatformCharts(root);
const cache = mkdtempSync(join(tmpdir(), 'bench-chart-cache-'));
const env = { PLATFORM_CHART_CACHE: cache, PLATFORM_CHART_MIRROR: charts.mirror };
try {
  await run(root, ['charts', 'lock'], env);
  const releases = charts.pins.length;
  const pullCold = await samples('charts pull, empty cache', () => rmSync(join(cache, 'sha256'), { recursive: true, force: true }), () => run(root, ['charts', 'pull'], env));
  const pullWarm = await samples('charts pull, every archive cached', () => undefined, () => run(root, ['charts', 'pull'], env));
  const checkCold = await samples('check, empty render cache', () => rmSync(join(cache, 'renders'), { recursive: true, force: true }), () => run(root, ['check'], env));
  const checkWarm = await samples('check, render cache full', () => undefined, () => run(root, ['check'], env));

  // A bump: loki's next patch, published, locked, pulled and rendered into the tree; then diff against the commit before it.
  committedRepository(root);
  const chartFile = join(root, 'charts/loki/chart.yaml');
  const bumped = readFileSync(chartFile, 'utf8').replace(/^version: (\d+)\.(\d+)\.(\d+)$/m, (_line, major, minor, patch) => `version: ${major}.${minor}.${Number(patch) + 1}`);
  const version = /^version: (.+)$/m.exec(bumped)?.[1] ?? '';
  charts.publish('loki', { version });
  writeFileSync(chartFile, bumped);
  await run(root, ['charts', 'lock', 'loki'], env);
  await run(root, ['charts', 'pull'], env);
  await run(root, ['synth'], env);
  const diffCold = await samples('diff --base HEAD after a chart bump, empty render cache', () => rmSync(join(cache, 'renders'), { recursive: true, force: true }), () => run(root, ['diff', '--base', 'HEAD'], env));
  const diffWarm = await samples('diff --base HEAD after a chart bump, render cache full', () => undefined, () => run(root, ['diff', '--base', 'HEAD'], env));

  const row = (what: string, ms: number) => `| ${what} | ${ms.toFixed(0)} ms |`;
  process.stdout.write(
    [
      `Rendered stage (whole CLI processes, ${RUNS} runs each, medians; ${releases} pinned charts served as small stand-ins by a loopback mirror, so helm's own work per release is less than with the real charts):`,
      '',
      '| measurement | median |',
      '|---|---|',
      row(`\`charts pull\`, empty cache (${releases} archives through the mirror, verified)`, pullCold),
      row('`charts pull`, every archive already cached (verified, no download)', pullWarm),
      row('`check` with charts pulled, empty render cache (every release through helm)', checkCold),
      row('`check` with charts pulled, render cache full', checkWarm),
      row('`diff --base HEAD` on a chart bump, empty render cache (both sides rendered)', diffCold),
      row('`diff --base HEAD` on a chart bump, render cache full', diffWarm),
      '',
    ].join('\n'),
  );
} finally {
  await charts.close();
  rmSync(cache, { recursive: true, force: true });
  copy.cleanup();
}
