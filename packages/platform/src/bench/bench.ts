import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, homedir, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from '../repository.js';

/**
 * `npm run bench`: whole-process timings, several runs each, medians.
 * Not a test: numbers depend on the machine. `--readme` writes the results
 * into README.md's benchmark section.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const CDK8S_CLI_VERSION = '2.207.60';
/** What `cdk8s init typescript-app` runs the app with (it type-checks on every synth), and its compiler. */
const TS_NODE_VERSION = '10.9.2';
const TYPESCRIPT_VERSION = '5.9.3';
const TSX = pathToFileURL(join(repositoryRoot, 'node_modules/tsx/dist/loader.mjs')).href;

function timeRun(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return elapsed;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function measure(label: string, run: () => number): number {
  run(); // warm the file cache
  const times = Array.from({ length: RUNS }, run);
  const result = median(times);
  process.stderr.write(`${label}: median ${result.toFixed(0)} ms over ${RUNS} runs\n`);
  return result;
}

/** The cdk8s CLI and ts-node live outside the workspace (the CLI brings its own cdk8s copy and 150 packages). */
function cdk8sToolchain(): { cli: string; tsNodeLoader: string } {
  const dir = join(homedir(), '.cache', 'rke2-platform-bench', `cdk8s-cli-${CDK8S_CLI_VERSION}-ts-node-${TS_NODE_VERSION}`);
  const cli = join(dir, 'node_modules', '.bin', 'cdk8s');
  const tsNodeLoader = join(dir, 'node_modules', 'ts-node', 'esm.mjs');
  if (!existsSync(cli) || !existsSync(tsNodeLoader)) {
    mkdirSync(dir, { recursive: true });
    process.stderr.write(`installing cdk8s-cli@${CDK8S_CLI_VERSION} and ts-node@${TS_NODE_VERSION} into ${dir} (once)\n`);
    const packages = [`cdk8s-cli@${CDK8S_CLI_VERSION}`, `ts-node@${TS_NODE_VERSION}`, `typescript@${TYPESCRIPT_VERSION}`];
    const install = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', ...packages], { cwd: dir, stdio: 'inherit' });
    if (install.status !== 0) throw new Error('could not install the cdk8s CLI (the registry must be reachable once)');
  }
  return { cli, tsNodeLoader };
}

/**
 * The targets of issue 14, in one paired run: a bare Node start, synth and
 * check as whole processes through the launcher (no npm), interleaved run by
 * run so that a change in the machine's load touches all three alike.
 */
function pairedStartRun(): { node: number; synth: number; check: number; load: string } {
  const launcher = join(repositoryRoot, 'packages/platform/bin/platform.mjs');
  const commands = { node: ['-e', '0'], synth: [launcher, 'synth'], check: [launcher, 'check'] } as const;
  for (const args of Object.values(commands)) timeRun(process.execPath, [...args], repositoryRoot); // warm: bundle built, render cached
  const times = { node: [] as number[], synth: [] as number[], check: [] as number[] };
  for (let run = 0; run < RUNS * 3; run += 1) {
    for (const [name, args] of Object.entries(commands) as Array<[keyof typeof commands, readonly string[]]>) times[name].push(timeRun(process.execPath, [...args], repositoryRoot));
  }
  const load = existsSync('/proc/loadavg') ? readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'unknown';
  const result = { node: median(times.node), synth: median(times.synth), check: median(times.check), load };
  process.stderr.write(`paired (${RUNS * 3} runs each, load ${load}): node -e 0 ${result.node.toFixed(0)} ms, synth ${result.synth.toFixed(0)} ms, check ${result.check.toFixed(0)} ms\n`);
  return result;
}
const paired = pairedStartRun();

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const synth = measure('npm run synth', () => timeRun(npm, ['run', '-s', 'synth'], repositoryRoot));
const check = measure('npm run check', () => timeRun(npm, ['run', '-s', 'check'], repositoryRoot));

const app = join(repositoryRoot, 'packages/platform/src/bench/cdk8s-app.ts');
const { cli, tsNodeLoader } = cdk8sToolchain();
/** `cdk8s synth` in a scratch project whose cdk8s.yaml runs the same platform with the given node loader. */
function cdk8sSynth(label: string, loader: string): number {
  const project = mkdtempSync(join(tmpdir(), 'cdk8s-cli-bench-'));
  writeFileSync(join(project, 'cdk8s.yaml'), `language: typescript\napp: node ${loader} ${app}\n`);
  const env = { ...process.env, CDK8S_CHECK_UPGRADE: 'false', TS_NODE_PROJECT: join(repositoryRoot, 'tsconfig.json') };
  try {
    return measure(label, () => timeRun(cli, ['synth', '--no-check-upgrade'], project, env));
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
}
const viaTemplate = cdk8sSynth('cdk8s synth, app run by ts-node (the cdk8s init template)', `--loader ${pathToFileURL(tsNodeLoader).href}`);
const viaTsx = cdk8sSynth('cdk8s synth, app run by tsx', `--import ${TSX}`);

const scale = [10, 100, 1000].map((count) => {
  const samples = Array.from({ length: Math.max(3, Math.floor(RUNS / 2)) }, () => {
    const result = spawnSync(process.execPath, ['--import', TSX, join(repositoryRoot, 'packages/platform/src/bench/scale.ts'), String(count)], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(result.stderr);
    return JSON.parse(result.stdout) as { totalMs: number; renderMs: number; checkMs: number; maxRssMb: number; files: number };
  });
  const point = {
    count,
    files: samples[0]?.files ?? 0,
    renderMs: median(samples.map((sample) => sample.renderMs)),
    checkMs: median(samples.map((sample) => sample.checkMs)),
    totalMs: median(samples.map((sample) => sample.totalMs)),
    maxRssMb: Math.max(...samples.map((sample) => sample.maxRssMb)),
  };
  process.stderr.write(`scale ${count}: ${point.totalMs.toFixed(0)} ms, ${point.maxRssMb.toFixed(0)} MB\n`);
  return point;
});

/** A scratch checkout of this repository's charts with `count` clusters, each the shipped one with its own domain and address. */
function inventoryOf(count: number): string {
  const root = mkdtempSync(join(tmpdir(), `bench-clusters-${count}-`));
  cpSync(join(repositoryRoot, 'charts'), join(root, 'charts'), { recursive: true });
  mkdirSync(join(root, 'clusters'));
  const shipped = readFileSync(join(repositoryRoot, 'clusters/dev.yaml'), 'utf8');
  for (let index = 0; index < count; index += 1) {
    const text = shipped.replace(/domain: example\.com/, `domain: c${index}.example.com`).replace(/loadBalancerIP: 192\.0\.2\.10/, `loadBalancerIP: 10.${Math.floor(index / 250)}.${index % 250}.10`);
    writeFileSync(join(root, 'clusters', `site-${String(index).padStart(3, '0')}.yaml`), text);
  }
  return root;
}

/** synth (a no-change synth: render, every rule, compare) and check of 1, 10 and 50 clusters, each sample its own process. */
const clusterSeries = [1, 10, 50].map((count) => {
  const root = inventoryOf(count);
  const run = (command: string) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--import', TSX, join(repositoryRoot, 'packages/platform/src/bench/clusters.ts'), root, command], { encoding: 'utf8' });
    const wall = performance.now() - started;
    const sample = JSON.parse(result.stdout || '{}') as { status?: number; maxRssMb?: number };
    if (result.status !== 0 || sample.status !== 0) throw new Error(`${command} of ${count} clusters failed:\n${result.stderr}`);
    return { wall, maxRssMb: sample.maxRssMb ?? 0 };
  };
  try {
    run('synth'); // writes the tree once; every sample after is a no-change synth
    const samples = Math.max(3, Math.floor(RUNS / 2));
    const synths = Array.from({ length: samples }, () => run('synth'));
    const checks = Array.from({ length: samples }, () => run('check'));
    const point = {
      count,
      synthMs: median(synths.map((sample) => sample.wall)),
      synthRssMb: Math.max(...synths.map((sample) => sample.maxRssMb)),
      checkMs: median(checks.map((sample) => sample.wall)),
      checkRssMb: Math.max(...checks.map((sample) => sample.maxRssMb)),
    };
    process.stderr.write(`clusters ${count}: synth ${point.synthMs.toFixed(0)} ms, check ${point.checkMs.toFixed(0)} ms\n`);
    return point;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

const at = (count: number) => scale.find((point) => point.count === count);
const growth = (at(1000)?.totalMs ?? 0) / (at(100)?.totalMs ?? 1);
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const lines = [
  `Taken with \`npm run bench\` (${RUNS} runs each, medians, warm file cache) on ${machine}.`,
  '',
  `Against Node's own start, paired (${RUNS * 3} runs of each, interleaved; load average ${paired.load} at the end), whole processes through the launcher without npm, no input changed (the render comes from the render cache):`,
  '',
  '| measurement | median | ratio | target | |',
  '|---|---|---|---|---|',
  `| \`node -e 0\` | ${paired.node.toFixed(0)} ms | | | |`,
  `| \`node packages/platform/bin/platform.mjs synth\` | ${paired.synth.toFixed(0)} ms | ${(paired.synth / paired.node).toFixed(2)}× node | at most 2× | ${verdict(paired.synth / paired.node <= 2)} |`,
  `| \`node packages/platform/bin/platform.mjs check\` | ${paired.check.toFixed(0)} ms | ${(paired.check / paired.synth).toFixed(2)}× synth | at most 1.3× | ${verdict(paired.check / paired.synth <= 1.3)} |`,
  '',
  '| measurement | median |',
  '|---|---|',
  `| \`npm run synth\` (whole process, real platform) | ${synth.toFixed(0)} ms |`,
  `| \`npm run check\` (compare, hand edits linted, charts' render stage) | ${check.toFixed(0)} ms |`,
  `| \`cdk8s synth\` of the same platform as a cdk8s app, run by ts-node as \`cdk8s init\` sets it up | ${viaTemplate.toFixed(0)} ms |`,
  `| \`cdk8s synth\` of the same platform, app run by tsx (the fastest cdk8s CLI setup) | ${viaTsx.toFixed(0)} ms |`,
  '',
  '| target | result | |',
  '|---|---|---|',
  `| synth at least 4× faster than the cdk8s CLI path (as \`cdk8s init\` sets it up) | ${(viaTemplate / synth).toFixed(1)}× | ${verdict(viaTemplate / synth >= 4)} |`,
  `| the same against the CLI with tsx (not a target; floor explained below) | ${(viaTsx / synth).toFixed(1)}× | ${verdict(viaTsx / synth >= 4)} |`,
  `| check within 1.3× of synth | ${(check / synth).toFixed(2)}× | ${verdict(check / synth <= 1.3)} |`,
  `| 1000 bundles under 10× the time of 100 | ${growth.toFixed(1)}× | ${verdict(growth < 10)} |`,
  `| peak memory at 1000 bundles under 1 GB | ${(at(1000)?.maxRssMb ?? 0).toFixed(0)} MB | ${verdict((at(1000)?.maxRssMb ?? 0) < 1024)} |`,
  '',
  'Scale series (synthetic bundles of a ConfigMap, Deployment and Service each, built with the same engine; one process per point; render, then check = lint + strict validation, in memory):',
  '',
  '| bundles | files | render | check | total | peak RSS |',
  '|---|---|---|---|---|---|',
  ...scale.map((point) => `| ${point.count} | ${point.files} | ${point.renderMs.toFixed(0)} ms | ${point.checkMs.toFixed(0)} ms | ${point.totalMs.toFixed(0)} ms | ${point.maxRssMb.toFixed(0)} MB |`),
  '',
  'Clusters series (the real platform, N copies of the shipped cluster with their own domain and address; whole processes through tsx, each sample its own process; synth with the tree already written, so render, every rule and the comparison, nothing to write):',
  '',
  '| clusters | synth | synth peak RSS | check | check peak RSS | synth, each cluster past the first | check, each cluster past the first |',
  '|---|---|---|---|---|---|---|',
  ...clusterSeries.map((point) => {
    // Linear means a constant cost per added cluster on top of the fixed start (loading, schema compiles).
    const first = clusterSeries[0];
    const added = (ms: number, firstMs: number) => (point.count > 1 ? `${((ms - firstMs) / (point.count - 1)).toFixed(0)} ms` : '');
    return `| ${point.count} | ${point.synthMs.toFixed(0)} ms | ${point.synthRssMb.toFixed(0)} MB | ${point.checkMs.toFixed(0)} ms | ${point.checkRssMb.toFixed(0)} MB | ${added(point.synthMs, first?.synthMs ?? 0)} | ${added(point.checkMs, first?.checkMs ?? 0)} |`;
  }),
];
// The rendered stage (charts pull, check with charts, diff on a bump) against a loopback mirror of stand-in charts.
const renderedBench = spawnSync(process.execPath, ['--import', TSX, join(repositoryRoot, 'packages/platform/src/bench/rendered.ts')], { encoding: 'utf8', env: { ...process.env, BENCH_RUNS: String(Math.max(3, Math.floor(RUNS / 2))) } });
if (renderedBench.status !== 0) throw new Error(`rendered bench failed:\n${renderedBench.stderr}`);
process.stderr.write(renderedBench.stderr);
lines.push('', renderedBench.stdout.trimEnd());
const section = lines.join('\n');
process.stdout.write(`${section}\n`);

if (process.argv.includes('--readme')) {
  const readmePath = join(repositoryRoot, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const begin = '<!-- BEGIN bench -->';
  const end = '<!-- END bench -->';
  const from = readme.indexOf(begin);
  const to = readme.indexOf(end);
  if (from < 0 || to < from) throw new Error('README.md has no bench markers');
  writeFileSync(readmePath, `${readme.slice(0, from + begin.length)}\n${section}\n${readme.slice(to)}`);
  process.stderr.write('README.md benchmark section updated\n');
}
