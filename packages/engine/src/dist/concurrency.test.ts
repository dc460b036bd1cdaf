import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raceTree } from './race.fixture.js';
import { readOutputTree } from './read.js';
import { writeTree, type WriterStep } from './writer.js';

/**
 * Two real synth writers at once, with each race window widened by injected
 * sleeps (not left to chance), and a writer killed at every step. The fixture
 * is bundled once so a process starts in a few hundred milliseconds.
 */
let scratch = '';
let fixture = '';
beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'race-test-'));
  fixture = join(scratch, 'race.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./race.fixture.ts', import.meta.url))],
    outfile: fixture,
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'error',
    // Bundled CommonJS dependencies call require(); give the ES module one.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

function writer(root: string, variant: 'a' | 'b', log: string, delays: Partial<Record<WriterStep, number>>, killAt?: WriterStep, barrier?: string): Promise<Outcome> {
  const env = barrier ? { ...process.env, RACE_BARRIER: barrier } : process.env;
  const child = spawn(process.execPath, [fixture, root, variant, log, JSON.stringify(delays), ...(killAt ? [killAt] : [])], { stdio: ['ignore', 'ignore', 'pipe'], env });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

const sorted = (tree: Map<string, string>) => JSON.stringify([...tree].sort(([a], [b]) => (a < b ? -1 : 1)));
const TREES = { a: sorted(raceTree('a')), b: sorted(raceTree('b')) };
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
const record = (fields: Record<string, unknown>) => `${JSON.stringify({ host: hostname(), token: `stale-${Math.random()}`, start: null, boot: null, ...fields })}\n`;

/** Locks left by synths that are gone, in every form a stale lock takes. */
const STALE_LOCKS = [
  () => record({ pid: 999_999_999 }),
  () => record({ pid: 1, start: '1' }), // pid 1 is alive, but it is not the process that took the lock
  () => record({ pid: process.pid, start: '3' }),
  () => '', // an older synth killed between creating the lock and writing its pid
  () => '999999999\n', // an older synth's bare pid
];

interface Scenario {
  readonly name: string;
  readonly delays: Partial<Record<WriterStep, number>>;
  readonly prepare?: (root: string, round: number) => void;
  /** Whether this round's log shows the window was really contested. */
  readonly contested: (events: string[][]) => boolean;
}

const stale = (root: string, round: number) => writeFileSync(join(root, '.synth/lock'), STALE_LOCKS[round % STALE_LOCKS.length]?.() ?? '');
const bothLogged = (step: string) => (events: string[][]) => new Set(events.filter(([, , name]) => name === step).map(([pid]) => pid)).size === 2;
const someoneWaited = (events: string[][]) => events.some(([, , name]) => name === 'waiting');

const SCENARIOS: Scenario[] = [
  { name: 'between writing the owner record and taking the lock', delays: { 'lock:recorded': 250, 'stage:written': 150 }, contested: bothLogged('lock:recorded') },
  { name: 'between reading a stale lock and taking it over', delays: { 'lock:stale-read': 250, 'lock:reap-guarded': 250, 'stage:written': 150 }, prepare: stale, contested: bothLogged('lock:stale-read') },
  {
    name: 'between reading a stale lock and taking it over, with a dead reaper guard',
    delays: { 'lock:stale-read': 200, 'lock:reap-guarded': 200, 'stage:written': 150 },
    prepare: (root, round) => {
      stale(root, round);
      const lock = readFileSync(join(root, '.synth/lock'), 'utf8');
      writeFileSync(join(root, `.synth/lock.reap-${digest(lock)}`), record({ pid: 999_999_998 }));
    },
    contested: bothLogged('lock:stale-read'),
  },
  // Wide enough that the second writer, started a process start-up later (slower on a loaded CI machine), still finds the first holding the lock.
  { name: 'between staging and swapping', delays: { 'stage:written': 700, 'commit:marked': 100, 'swap:dist-aside': 100 }, contested: someoneWaited },
];

const seed = Number(process.env.RACE_SEED ?? 20261201);
let state = seed;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
/** Each window's delay scaled by a random factor in [0.2, 1]. */
const jitter = (delays: Partial<Record<WriterStep, number>>) => Object.fromEntries(Object.entries(delays).map(([step, ms]) => [step, Math.round((ms ?? 0) * (0.2 + 0.8 * random()))]));

describe('two synths at once', () => {
  const rounds = Number(process.env.RACE_ROUNDS ?? 60);

  it(`take turns in every widened race window (${rounds} rounds), leaving one whole tree`, async () => {
    const bad: string[] = [];
    const contested: Record<string, number> = {};
    for (let round = 0; round < rounds; round += 1) {
      const scenario = SCENARIOS[round % SCENARIOS.length] as Scenario;
      const root = join(scratch, `round-${round}`);
      mkdirSync(join(root, '.synth'), { recursive: true });
      writeTree(root, raceTree('a'));
      scenario.prepare?.(root, round);
      const log = join(root, 'steps.log');
      writeFileSync(log, '');
      // Each writer sleeps a different random share of each window, so the interleavings differ from round to round.
      const barrier = join(root, 'go');
      const writers = Promise.all([writer(root, 'a', log, jitter(scenario.delays), undefined, barrier), writer(root, 'b', log, jitter(scenario.delays), undefined, barrier)]);
      // Release both at once when both are up, so the windows are contested on a loaded machine too.
      for (const deadline = Date.now() + 20_000; (readFileSync(log, 'utf8').match(/ ready$/gm) ?? []).length < 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 5));
      writeFileSync(barrier, '');
      const [first, second] = await writers;
      const events = readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' '));
      const holds = events.filter(([, , name]) => name === 'lock:acquired' || name === 'lock:releasing');
      const last = holds.at(-1)?.[1];
      const problems = [
        first.code !== 0 ? `writer a exited ${first.code ?? first.signal}: ${first.stderr}` : '',
        second.code !== 0 ? `writer b exited ${second.code ?? second.signal}: ${second.stderr}` : '',
        // Held strictly in turn: acquired, released, acquired, released; never two holders at once.
        holds.map(([pid, , name]) => `${pid}:${name}`).join(' ') !== holds.map(([pid], index) => `${pid}:${index % 2 === 0 ? 'lock:acquired' : 'lock:releasing'}`).join(' ') || holds.length !== 4 || holds[0]?.[0] !== holds[1]?.[0]
          ? `lock not held in turn: ${holds.map((event) => event.join(' ')).join(', ')}`
          : '',
        // The tree is exactly the one written last.
        sorted(readOutputTree(root)) !== TREES[last as 'a' | 'b'] ? `tree is not tree ${last}` : '',
        readdirSync(join(root, '.synth')).length > 0 ? `left in .synth: ${readdirSync(join(root, '.synth')).join(', ')}` : '',
      ].filter(Boolean);
      if (problems.length > 0) bad.push(`round ${round} (seed ${seed}, ${scenario.name}): ${problems.join('; ')}`);
      if (scenario.contested(events)) contested[scenario.name] = (contested[scenario.name] ?? 0) + 1;
      rmSync(root, { recursive: true, force: true });
    }
    console.log(`concurrent synth (seed ${seed}): ${rounds} rounds, ${bad.length} bad; contested windows: ${JSON.stringify(contested)}`);
    expect(bad).toEqual([]);
    // The injected delays really put both writers in the window, in a good share of every scenario's rounds.
    for (const scenario of SCENARIOS) expect(contested[scenario.name] ?? 0, scenario.name).toBeGreaterThanOrEqual(Math.floor(rounds / SCENARIOS.length / 3));
  }, 600_000);
});

describe('a synth killed at any step', () => {
  const steps: Array<{ step: WriterStep; staleLock: boolean }> = [
    ...(['lock:recorded', 'lock:acquired', 'stage:written', 'commit:marked', 'swap:dist-aside', 'swap:dist-in', 'swap:fleet-aside', 'swap:fleet-in', 'cleanup:marker-removed', 'lock:releasing'] as WriterStep[]).map((step) => ({ step, staleLock: false })),
    ...(['lock:stale-read', 'lock:reap-guarded'] as WriterStep[]).map((step) => ({ step, staleLock: true })),
  ];

  it('leaves the old tree, the new one, or a decided half swap, and the next synth finishes it', async () => {
    const results: string[] = [];
    for (const { step, staleLock } of steps) {
      const root = join(scratch, `kill-${step.replace(':', '-')}`);
      mkdirSync(join(root, '.synth'), { recursive: true });
      writeTree(root, raceTree('a'));
      if (staleLock) writeFileSync(join(root, '.synth/lock'), record({ pid: 999_999_999 }));
      const log = join(root, 'steps.log');
      const killed = await writer(root, 'b', log, {}, step);
      expect(killed.signal, step).toBe('SIGKILL');
      const half = existsSync(join(root, '.synth/commit'));
      const after = existsSync(join(root, 'dist')) && existsSync(join(root, 'fleet')) ? sorted(readOutputTree(root)) : 'missing';
      const state = after === TREES.a ? 'old' : after === TREES.b ? 'new' : half ? 'half-swapped (marker present)' : 'BROKEN';
      expect(state, step).not.toBe('BROKEN');
      const next = await writer(root, 'b', log, {});
      expect(next.code, `${step}: ${next.stderr}`).toBe(0);
      expect(sorted(readOutputTree(root)), step).toBe(TREES.b);
      expect(readdirSync(join(root, '.synth')), step).toEqual([]);
      results.push(`${step}: ${state}`);
      rmSync(root, { recursive: true, force: true });
    }
    console.log(`killed at each step, then synth again:\n  ${results.join('\n  ')}`);
    expect(results).toHaveLength(steps.length);
  }, 120_000);
});
