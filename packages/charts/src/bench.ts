/**
 * Measures `charts pull` of the platform's 14 charts against a loopback
 * mirror: cold (empty cache) and warm (everything cached), as whole
 * processes, medians of several runs.
 *
 *   node --import tsx packages/charts/src/bench.ts [runs]
 *
 * BENCH_TRACE=1 prints each pull event of the child processes with its time.
 *
 * The charts are the ones in charts/ (same ids, repositories and versions);
 * their archives are built here with a few hundred KB of template text each,
 * and prometheus-community's index is padded to the 6.3 MB its real index
 * had in August 2026, so the cold run parses what a real one would.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChartsCommand } from './command.js';
import { loadChartPins } from './pins.js';
import { mirrorUrl, parseMirror } from './mirror.js';
import { startChartServer, writeChartEntry } from './testing/index.js';

if (process.argv[2] === '--child') {
  const started = performance.now();
  const result = await runChartsCommand({ action: 'pull', root: process.argv[3]!, env: process.env, onEvent: (e) => { if (process.env.BENCH_TRACE) process.stderr.write(`${Math.round(performance.now() - started)} ${e.type} ${e.chart}\n`); } });
  const ms = performance.now() - started;
  if (result.exitCode !== 0) {
    process.stderr.write(`${result.errors.join('\n')}\n`);
    process.exit(1);
  }
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ ms, cpu: (cpu.user + cpu.system) / 1000, downloaded: result.pull!.charts.filter((c) => c.source === 'download').length })}\n`);
  process.exit(0);
}

const runs = Number(process.argv[2] ?? 5);
const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url));
const pins = loadChartPins(repositoryRoot);
const server = await startChartServer();
const mirror = `${server.url}/mirror`;
const root = mkdtempSync(join(tmpdir(), 'charts-bench-root-'));

/** Deterministic text that compresses about as well as chart templates (roughly 4:1). */
function templateText(seed: number, bytes: number): string {
  const words = ['metadata', 'name', 'namespace', 'labels', 'app.kubernetes.io/name', 'spec', 'containers', 'image', 'resources', 'limits', 'requests', 'cpu', 'memory', 'volumeMounts', 'type', 'description', 'properties', 'object', 'string', 'integer', 'items', 'required'];
  let state = seed;
  const next = (): number => (state = (state * 1103515245 + 12345) % 2147483648);
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = `${' '.repeat(2 * (next() % 8))}${words[next() % words.length]}: ${next().toString(36)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

let totalBytes = 0;
const byRepository = new Map<string, { name: string; version: string; digest: string; url: string }[]>();
for (const [index, pin] of pins.entries()) {
  const path = new URL(mirrorUrl(pin.repo, parseMirror(mirror, 'bench'))).pathname;
  const published = server.repository(path).publish({
    name: pin.chart,
    version: pin.version,
    files: { 'templates/resources.yaml': templateText(index + 1, 900_000 + (index % 5) * 200_000), 'values.yaml': templateText(index + 100, 60_000) },
  });
  totalBytes += published.bytes.length;
  writeChartEntry(root, pin.id, { repo: pin.repo, chart: pin.chart, version: pin.version, digest: published.digest });
  byRepository.set(path, [...(byRepository.get(path) ?? []), { name: pin.chart, version: pin.version, digest: published.digest, url: published.url }]);
}

// prometheus-community's real index: 6.3 MB. The fixture's generated index plus filler entries of the real shape.
const promPath = '/mirror/prometheus-community.github.io/helm-charts';
const entry = (name: string, version: string, digest: string, url: string): string =>
  `  - annotations:\n      artifacthub.io/license: Apache-2.0\n    apiVersion: v2\n    appVersion: v0.34.0\n    created: "2026-08-16T20:34:14.425703964Z"\n    description: The Alertmanager handles alerts sent by client applications such\n      as the Prometheus server.\n    digest: ${digest}\n    home: https://prometheus.io/\n    icon: https://raw.githubusercontent.com/prometheus/prometheus.github.io/master/assets/prometheus_logo-cb55bb5c346.png\n    keywords:\n    - monitoring\n    kubeVersion: '>=1.25.0-0'\n    maintainers:\n    - email: monotek23@gmail.com\n      name: monotek\n      url: https://github.com/monotek\n    name: ${name}\n    sources:\n    - https://github.com/prometheus/alertmanager\n    type: application\n    urls:\n    - ${url}\n    version: ${version}\n`;
let promIndex = 'apiVersion: v1\nentries:\n';
for (const chart of byRepository.get(promPath) ?? []) promIndex += `  ${chart.name}:\n${entry(chart.name, chart.version, chart.digest.slice(7), chart.url)}`;
for (let c = 0; promIndex.length < 6_300_000; c++) {
  promIndex += `  filler-${c}:\n`;
  for (let v = 0; v < 60 && promIndex.length < 6_300_000; v++) promIndex += entry(`filler-${c}`, `1.${v}.0`, 'ab'.repeat(32), `https://github.com/x/y/releases/download/filler-${c}-1.${v}.0/filler-${c}-1.${v}.0.tgz`);
}
server.serve(`${promPath}/index.yaml`, `${promIndex}generated: "2026-08-22T00:00:00Z"\n`);

async function run(cacheDir: string): Promise<{ wall: number; inProcess: number; cpu: number; downloaded: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', root], {
    cwd: repositoryRoot,
    env: { ...process.env, PLATFORM_CHART_MIRROR: mirror, PLATFORM_CHART_CACHE: cacheDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const wall = performance.now() - started;
  if (code !== 0) throw new Error(`pull failed (${String(code)})`);
  const { ms, cpu, downloaded } = JSON.parse(out) as { ms: number; cpu: number; downloaded: number };
  return { wall, inProcess: ms, cpu, downloaded };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

type Run = { wall: number; inProcess: number; cpu: number };
const cold: Run[] = [];
const warm: Run[] = [];
for (let i = 0; i < runs; i++) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'charts-bench-cache-'));
  const first = await run(cacheDir);
  if (first.downloaded !== pins.length) throw new Error(`cold run downloaded ${first.downloaded} of ${pins.length}`);
  cold.push(first);
  const second = await run(cacheDir);
  if (second.downloaded !== 0) throw new Error(`warm run downloaded ${second.downloaded}`);
  warm.push(second);
  rmSync(cacheDir, { recursive: true, force: true });
}
await server.close();
rmSync(root, { recursive: true, force: true });

const format = (values: Run[]): string =>
  `median ${Math.round(median(values.map((v) => v.wall)))} ms whole process, ${Math.round(median(values.map((v) => v.cpu)))} ms CPU (pull itself ${Math.round(median(values.map((v) => v.inProcess)))} ms); runs: ${values.map((v) => Math.round(v.wall)).join(', ')} ms`;
console.log(`${pins.length} charts, ${(totalBytes / 1024 / 1024).toFixed(1)} MiB of archives, ${byRepository.size} repositories through one loopback mirror; prometheus-community index ${(promIndex.length / 1e6).toFixed(1)} MB`);
console.log(`cold (empty cache): ${format(cold)}`);
console.log(`warm (all cached):  ${format(warm)}`);
