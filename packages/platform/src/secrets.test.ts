import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiObject } from 'cdk8s';
import { FleetBundle, fleetPhase, loadPlatforms, readOutputTree, renderPlatforms, runCli, type AnyPhaseDefinition } from '@platform/engine';
import { createHash } from 'node:crypto';
import { copyRepository } from '../../engine/src/testing.js';
import { phases } from './phases.js';
import { repositoryRoot } from './repository.js';
import { allPlants, allowListPlants, chartPlants, configPlants, objectPlants, renderPlants, type Plant } from './testing/secret-corpus.js';

/**
 * The promise: synth refuses to write a credential, whatever the input
 * channel, names the file and path, and leaves dist/ and fleet/ untouched.
 * Every planted credential below is distinct; each is run on its own (in
 * process, through the CLI's entry point), and the file-borne ones again
 * through the real CLI process, batched by the stage that refuses them.
 */

const LAUNCHER = join(repositoryRoot, 'packages/platform/bin/platform.mjs');

/** A phase whose code adds an object carrying a credential (only in process: phases are code). */
function phaseWith(object: Record<string, unknown>): AnyPhaseDefinition {
  return fleetPhase({
    name: 'apps',
    summary: 'test',
    source: 'packages/apps (test)',
    build(phase) {
      new ApiObject(new FleetBundle(phase, 'leaky', { namespace: 'default' }), 'leak', object as never);
    },
  });
}
let root = '';
let cleanup: () => void = () => undefined;
let committed: Map<string, string>;
const originals = new Map<string, string | undefined>();

beforeAll(() => {
  const copy = copyRepository(repositoryRoot, ['clusters', 'charts', 'dist', 'fleet']);
  root = copy.dir;
  cleanup = copy.cleanup;
  committed = new Map(readOutputTree(root));
});
afterAll(() => cleanup());

function plant(plants: readonly Plant[]): void {
  for (const { input, edit } of plants) {
    const path = join(root, input);
    if (!originals.has(input)) originals.set(input, input === 'secrets-allowlist.txt' ? undefined : readFileSync(path, 'utf8'));
    writeFileSync(path, edit(input === 'secrets-allowlist.txt' ? '' : readFileSync(path, 'utf8')));
  }
}

function restore(): void {
  for (const [input, text] of originals) {
    if (text === undefined) rmSync(join(root, input), { force: true });
    else writeFileSync(join(root, input), text);
  }
  originals.clear();
}

async function synthInProcess(definitions: readonly AnyPhaseDefinition[] = phases) {
  let stderr = '';
  const status = await runCli(['synth'], { root, phases: definitions, io: { stdout: () => undefined, stderr: (text) => (stderr += text) } });
  return { status, stderr };
}

function synthProcess() {
  const result = spawnSync(process.execPath, [LAUNCHER, 'synth', '--root', root], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

function expectRefused(result: { status: number | null; stderr: string }, expected: readonly { where: string; secret: string }[]): void {
  expect(result.status, result.stderr).toBe(1);
  for (const { where, secret } of expected) {
    expect(result.stderr, `${where} named`).toContain(`error: ${where}`);
    expect(result.stderr, `${where}: the credential is not echoed`).not.toContain(secret);
  }
  expect(result.stderr).toMatch(/dist\/ and fleet\/ were not changed/);
  expect(new Map(readOutputTree(root)), 'dist/ and fleet/ byte-identical').toEqual(committed);
}

describe('planted credentials: each one alone stops synth, names file and path, and never reaches dist/ or fleet/', () => {
  it('has at least 40 distinct credentials across every input channel', async () => {
    const secrets = new Set([...allPlants.map((plant) => plant.secret), ...objectPlants.map((plant) => plant.secret)]);
    expect(secrets.size).toBe(allPlants.length + objectPlants.length);
    expect(secrets.size).toBeGreaterThanOrEqual(40);
  });

  it.each(allPlants.map((plant) => [plant.name, plant] as const))('%s', async (_name, planted) => {
    plant([planted]);
    try {
      expectRefused(await synthInProcess(), [planted]);
    } finally {
      restore();
    }
  });

  it.each(objectPlants.map((plant) => [plant.name, plant] as const))('%s', async (_name, planted) => {
    expectRefused(await synthInProcess([...phases, phaseWith(planted.object)]), [planted]);
  });
});

describe('the same credentials through the real CLI process', () => {
  it.each([...configPlants, ...chartPlants].map((plant) => [plant.name, plant] as const))('%s', async (_name, planted) => {
    plant([planted]);
    try {
      expectRefused(synthProcess(), [planted]);
    } finally {
      restore();
    }
  });

  it('every render-stage credential at once: one run names each of them', async () => {
    plant(renderPlants);
    try {
      expectRefused(synthProcess(), renderPlants);
    } finally {
      restore();
    }
  });

  it('both allow-list credentials at once', async () => {
    writeFileSync(join(root, 'secrets-allowlist.txt'), allowListPlants.map((planted) => planted.edit('')).join(''));
    try {
      const result = synthProcess();
      expectRefused(result, [{ where: 'secrets-allowlist.txt: line 1', secret: allowListPlants[0]?.secret ?? '' }, { where: 'secrets-allowlist.txt: line 2', secret: allowListPlants[1]?.secret ?? '' }]);
    } finally {
      rmSync(join(root, 'secrets-allowlist.txt'), { force: true });
    }
  });
});

describe('the allow-list at work, end to end', () => {
  // A public value that looks random: a (made-up) public CA fingerprint in the Loki values.
  const value = 'Qz7wR2xN5mK8pL3vT9bY4cJ6hF1gDs0';
  const valuesCopy = 'dist/dev/observability/loki/loki.values.yaml';
  const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const render = () => renderPlatforms(loadPlatforms({ root }, phases));

  /** Runs `work` with the value planted in charts/loki/values.yaml; restores it and removes any allow-list after. */
  function withPlantedValue(work: () => void): void {
    const file = join(root, 'charts/loki/values.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, `${original}caFingerprint: ${value}\n`);
    try {
      work();
    } finally {
      writeFileSync(file, original);
      rmSync(join(root, 'secrets-allowlist.txt'), { force: true });
    }
  }

  it('without an entry the value is refused; with its exact fingerprint and a reason it renders', async () => {
    withPlantedValue(() => {
      expect(() => render()).toThrow(/charts\/loki\/values.yaml: caFingerprint: looks like a random-looking password or key/);
      writeFileSync(join(root, 'secrets-allowlist.txt'), `${valuesCopy}#caFingerprint sha256:${sha(value)}  # public CA fingerprint, published by the vendor\n`);
      expect(render().get(valuesCopy)).toContain(value);
    });
  });

  it('an entry pinning another value does not excuse the new one, and says so', async () => {
    withPlantedValue(() => {
      writeFileSync(join(root, 'secrets-allowlist.txt'), `${valuesCopy}#caFingerprint sha256:${sha('an older value')}  # public CA fingerprint\n`);
      expect(() => render()).toThrow(/caFingerprint: .*secrets-allowlist.txt line 1 pins a different value/);
    });
  });

  it('a stale entry stops synth, naming its line, through the real CLI', async () => {
    writeFileSync(join(root, 'secrets-allowlist.txt'), `# reviewed 2026-11\n${valuesCopy}#gone.value sha256:${sha('x')}  # was a public key\n`);
    try {
      const result = synthProcess();
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`error: secrets-allowlist.txt: line 2: ${valuesCopy}#gone.value matches no finding in the rendered tree`);
      expect(new Map(readOutputTree(root))).toEqual(committed);
    } finally {
      rmSync(join(root, 'secrets-allowlist.txt'), { force: true });
    }
  });

  it('an allow-list that is a directory gets one message, not EISDIR, through the real CLI', async () => {
    mkdirSync(join(root, 'secrets-allowlist.txt'));
    try {
      const result = synthProcess();
      expect(result.status).toBe(1);
      expect(result.stderr).toBe('error: secrets-allowlist.txt: is not a regular file; the secret allow-list must be a text file (or absent)\nsynth: 1 problem; dist/ and fleet/ were not changed\n');
      expect(new Map(readOutputTree(root))).toEqual(committed);
    } finally {
      rmSync(join(root, 'secrets-allowlist.txt'), { recursive: true, force: true });
    }
  });
});
