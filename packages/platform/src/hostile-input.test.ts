import { spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutputTree } from '@platform/engine';
import { copyRepository } from '@platform/engine/testing';
import { repositoryRoot } from './repository.js';

/**
 * Hostile and careless input, through the real CLI in a scratch checkout:
 * every file the tool reads (clusters/dev.yaml, a chart's chart.yaml, a chart's
 * values.yaml) against every kind of bad file. Each must give one short
 * message naming the file, a non-zero exit, promptly, and leave dist/ and
 * fleet/ exactly as they were.
 */

const LAUNCHER = join(repositoryRoot, 'packages/platform/bin/platform.mjs');

let root: string;
let cleanup: () => void;
let committed: ReturnType<typeof readOutputTree>;
/** A stand-in for a system file outside the checkout (never a real one: a restore gone wrong must not be able to reach it). */
let outsideFile: string;
beforeAll(() => {
  ({ dir: root, cleanup } = copyRepository(repositoryRoot, ['clusters', 'charts', 'dist', 'fleet']));
  committed = readOutputTree(root);
  mkdirSync(join(root, '..', `${root.split('/').pop()}-outside`), { recursive: true });
  outsideFile = join(root, '..', `${root.split('/').pop()}-outside`, 'passwd');
  writeFileSync(outsideFile, 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n');
});
afterAll(() => {
  cleanup();
  rmSync(join(outsideFile, '..'), { recursive: true, force: true });
});

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const started = performance.now();
  const { npm_lifecycle_event: _event, INIT_CWD: _cwd, ...clean } = process.env;
  const result = spawnSync(process.execPath, [LAUNCHER, ...args, '--root', root], { cwd: root, env: { ...clean, ...env }, encoding: 'utf8', timeout: 30_000 });
  return { ...result, ms: performance.now() - started };
}

/** 9^9 "lol"s from a 500-byte addition: the classic alias bomb. */
const ALIAS_BOMB = `${['lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, index) => `lol${index + 1}: &a${index + 1} [${Array(9).fill(`*a${index}`).join(', ')}]`)].join('\n')}\n`;

/** Ways a file can be hostile; each replaces (or extends) the original at `path`. */
const HOSTILE: ReadonlyArray<[string, (path: string, original: string) => void, RegExp]> = [
  ['a link to a device that never ends (/dev/zero)', (path) => symlinkSync('/dev/zero', path), /is a device, not a regular file/],
  ['a named pipe nobody writes to', (path) => spawnSync('mkfifo', [path]), /is a named pipe, not a regular file/],
  ['a directory', (path) => mkdirSync(path), /is a directory, not a regular file/],
  ['a link to a file outside the checkout that is not YAML for us (a passwd file)', (path) => symlinkSync(outsideFile, path), /is a single string, expected a mapping|must be a mapping|unknown key|not valid YAML/],
  ['a 5 MiB file', (path, original) => writeFileSync(path, `${original}\n# ${'x'.repeat(5 * 1024 * 1024)}\n`), /is larger than \d+ (KiB|MiB), the most this tool reads/],
  ['an alias bomb', (path, original) => writeFileSync(path, `${original}\n${ALIAS_BOMB}`), /expands to more than 1,000,000 nodes through YAML aliases/],
  ['nesting 20,000 levels deep', (path, original) => writeFileSync(path, `${original}\ndeep: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`), /nest(ed|ing)/],
  ['binary content', (path) => writeFileSync(path, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), /NUL bytes: it is a binary file/],
  ['text that is not UTF-8 (Latin-1)', (path, original) => writeFileSync(path, Buffer.concat([Buffer.from(original), Buffer.from('\n# caf\xe9\n', 'latin1')])), /is not UTF-8 text/],
];

const CHANNELS: ReadonlyArray<[string, string]> = [
  ['clusters/dev.yaml', 'clusters/dev.yaml'],
  ["a chart's chart.yaml", 'charts/loki/chart.yaml'],
  ["a chart's values.yaml", 'charts/loki/values.yaml'],
];

const cases = CHANNELS.flatMap(([channel, file]) => HOSTILE.map(([what, plant, message]) => [`${channel}: ${what}`, file, plant, message] as const));

describe('every input file, every kind of hostile file: one message, a non-zero exit, nothing written', () => {
  it.each(cases)('%s', (_name, file, plant, message) => {
    const path = join(root, file);
    const original = readFileSync(path, 'utf8');
    rmSync(path);
    try {
      plant(path, original);
      for (const command of ['synth', 'check']) {
        const result = cli([command]);
        expect(result.error, `${command} did not finish`).toBeUndefined();
        expect(result.status, result.stderr).toBe(command === 'synth' ? 1 : 2);
        expect(result.stderr).toContain(`error: ${file}`);
        expect(result.stderr).toMatch(message);
        // One problem, one short message: never a stack trace, never the file's content.
        expect(result.stderr.match(/^error: /gm)).toHaveLength(1);
        expect(result.stderr).not.toMatch(/^\s+at /m);
        expect(result.stderr.length).toBeLessThan(1000);
        expect(result.stderr).not.toContain('root:x:0:0');
        expect(result.ms).toBeLessThan(15_000);
      }
      expect(readOutputTree(root)).toEqual(committed);
    } finally {
      restore(path, original);
    }
  });
});

/** Puts `original` back at `path`, replacing whatever was planted there (a link is replaced, never written through). */
function restore(path: string, original: string): void {
  const temporary = `${path}.restore`;
  writeFileSync(temporary, original);
  if (lstatSync(path, { throwIfNoEntry: false })?.isDirectory()) rmSync(path, { recursive: true, force: true });
  renameSync(temporary, path);
}

describe('values that parse but are wrong for a cluster', () => {
  it.each([
    ['the "this network" address', /loadBalancerIP: \S+/, 'loadBalancerIP: 0.0.0.0', /cluster.loadBalancerIP: got "0.0.0.0", expected a unicast IPv4 address/],
    ['the broadcast address', /loadBalancerIP: \S+/, 'loadBalancerIP: 255.255.255.255', /cluster.loadBalancerIP: got "255.255.255.255"/],
    ['a loopback address', /loadBalancerIP: \S+/, 'loadBalancerIP: 127.0.0.1', /cluster.loadBalancerIP: got "127.0.0.1"/],
    ['a link-local address', /loadBalancerIP: \S+/, 'loadBalancerIP: 169.254.10.1', /cluster.loadBalancerIP: got "169.254.10.1"/],
    ['a multicast address', /loadBalancerIP: \S+/, 'loadBalancerIP: 239.1.1.1', /cluster.loadBalancerIP: got "239.1.1.1"/],
    ['a polling interval of 0s', /pollingInterval: \S+/, 'pollingInterval: 0s', /fleet.pollingInterval: got "0s", expected a Go duration from 15s/],
    ['a polling interval of 1ns', /pollingInterval: \S+/, 'pollingInterval: 1ns', /fleet.pollingInterval: got "1ns"/],
    ["a polling interval past Go's longest duration", /pollingInterval: \S+/, 'pollingInterval: 3000000h', /fleet.pollingInterval: got "3000000h"/],
    ['a polling interval in days (Go has no d unit)', /pollingInterval: \S+/, 'pollingInterval: 1d', /fleet.pollingInterval: got "1d"/],
    ['a GitRepo in kube-system', /namespace: fleet-local/, 'namespace: kube-system', /fleet.namespace: got "kube-system", expected a Fleet workspace namespace/],
    ['a GitRepo in default', /namespace: fleet-local/, 'namespace: default', /fleet.namespace: got "default"/],
    ['a Kubernetes version the validator does not serve', /kubernetesVersion: "1.31"/, 'kubernetesVersion: "1.25"', /cluster.kubernetesVersion: got "1.25", expected a Kubernetes minor this tool validates/],
    ['a 200 KB value (quoted short, never echoed)', /domain: \S+/, `domain: "${'x'.repeat(200_000)}"`, /cluster.domain: got "x{60}… \(200,000 characters\)"/],
    ['a 200 KB key (quoted short, never echoed)', /^storage:\n/m, `storage:\n  ${'k'.repeat(200_000)}: 1\n`, /storage\.k{60}… \(200,000 characters\): unknown key "k{60}… \(200,000 characters\)"/],
  ])('%s', (_what, pattern, replacement, message) => {
    const path = join(root, 'clusters/dev.yaml');
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, original.replace(pattern, replacement));
      for (const command of ['synth', 'check']) {
        const result = cli([command]);
        expect(result.status, result.stderr).toBe(command === 'synth' ? 1 : 2);
        expect(result.stderr).toMatch(message);
        expect(result.stderr).not.toMatch(/^\s+at /m);
        expect(result.stderr.length).toBeLessThan(1000);
      }
      expect(readOutputTree(root)).toEqual(committed);
    } finally {
      writeFileSync(path, original);
    }
  });
});

describe('arguments: every command refuses what it does not understand', () => {
  const COMMANDS: ReadonlyArray<[string, string[], string]> = [
    ['synth', [], ''],
    ['check', [], 'output'],
    ['docs', [], 'cluster'],
    ['graph', [], 'cluster'],
  ];

  it.each(COMMANDS.filter(([, , option]) => option !== ''))('%s: a misspelt option is exit 2 with the option meant, never a default render', (command, args, option) => {
    const typo = `--${option.slice(0, 2)}${option.slice(3)}`;
    const result = cli([command, ...args, typo, 'x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`unknown option "${typo}" (did you mean --${option}?)`);
    expect(result.stdout).toBe('');
  });

  it.each(COMMANDS)('%s: a stray argument is exit 2', (command, args) => {
    const result = cli([command, ...args, 'prod.yaml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unexpected argument "prod.yaml"');
  });

  it('synth takes no option at all: a --config from the single-cluster days is refused, never ignored', () => {
    const result = cli(['synth', '--config', 'cluster.yaml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown option "--config"');
  });

  it.each(COMMANDS.filter(([, , option]) => option === 'cluster'))('%s: an option npm swallowed (npm run %s --cluster prod) is named, with the form that works', (command) => {
    // What npm does with `npm run <script> --cluster prod`: the option becomes npm's own setting, its value a stray argument.
    const result = cli([command, 'prod'], { npm_lifecycle_event: command, npm_config_cluster: 'true' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`npm took "--cluster" as its own setting, so ${command} never saw it; put it after --: npm run ${command} -- --cluster prod`);
  });

  it('an option npm swallowed with a typo is named too (npm run check --outptu=json)', () => {
    const result = cli(['check'], { npm_lifecycle_event: 'check', npm_config_outptu: 'json' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('npm run check -- --output json');
  });

  it('bundle-name takes exactly two arguments', () => {
    expect(cli(['bundle-name', 'platform']).status).toBe(2);
    expect(cli(['bundle-name', 'platform', 'dist/a', 'dist/b']).status).toBe(2);
    expect(cli(['bundle-name', 'platform', 'dist/a']).stdout).toBe('platform-dist-a\n');
  });

  it('--cluster names a cluster of the inventory, with a did-you-mean for a near miss', () => {
    expect(cli(['graph', '--cluster', 'dev']).status).toBe(0);
    const missing = cli(['graph', '--cluster', 'deb']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no cluster "deb" in clusters/ (did you mean "dev"?)');
  });
});

describe('more careless input, found by attacking the promises', () => {
  it('an unquoted Kubernetes version is one message, not the same message twice', () => {
    const path = join(root, 'clusters/dev.yaml');
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, original.replace(/kubernetesVersion: "1.31"/, 'kubernetesVersion: 1.31'));
      const result = cli(['synth']);
      expect(result.status).toBe(1);
      expect(result.stderr.match(/^error: /gm)).toHaveLength(1);
    } finally {
      restore(path, original);
    }
  });

  it('a chart name that is a path is refused before it reaches fleet.yaml', () => {
    const path = join(root, 'charts/loki/chart.yaml');
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, original.replace(/^chart: .*$/m, 'chart: ../../etc'));
      const result = cli(['synth']);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('charts/loki/chart.yaml: chart: is not a chart name');
      expect(result.stderr).not.toContain('../../etc');
      expect(readOutputTree(root)).toEqual(committed);
    } finally {
      restore(path, original);
    }
  });

  it('an allow-list of random bytes is one message (not UTF-8), not a page of line errors', () => {
    const path = join(root, 'secrets-allowlist.txt');
    try {
      writeFileSync(path, Buffer.from(Array.from({ length: 5000 }, (_, index) => (index * 7919 + 13) % 256)));
      const result = cli(['synth']);
      expect(result.status).toBe(1);
      expect(result.stderr.match(/^error: /gm)).toHaveLength(1);
      expect(result.stderr).toMatch(/secrets-allowlist.txt: (holds NUL bytes|is not UTF-8)/);
    } finally {
      rmSync(path, { force: true });
    }
  });

  it('validate takes --root after -- as a path, not as an option', () => {
    writeFileSync(join(root, '--root'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    try {
      const result = spawnSync(process.execPath, [LAUNCHER, 'validate', '--', '--root'], { cwd: root, encoding: 'utf8', env: { ...process.env, INIT_CWD: root } });
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/1 resources? found|valid/i);
    } finally {
      rmSync(join(root, '--root'), { force: true });
    }
  });
});

describe('a credential pasted into the wrong field is refused without being printed', () => {
  const token = 'ghp_Wr0ngF13ldT0k3nF0rT3st1ngPurp0s3sX9q';
  it.each([
    ['clusters/dev.yaml', /domain: \S+/, `domain: ${token}`, /clusters\/dev.yaml: cluster.domain: got \(a value that looks like a credential, not shown\)/],
    ['clusters/dev.yaml', /^storage:\n/m, `storage:\n  ${token}: 1\n`, /clusters\/dev.yaml: storage.<key>: unknown key \(a value that looks like a credential, not shown\)/],
    ['charts/loki/chart.yaml', /^version: .*$/m, `version: ${token}`, /charts\/loki\/chart.yaml: version: got \(a value that looks like a credential, not shown\)/],
    ['charts/loki/chart.yaml', /^chart: .*$/m, `chart: loki\n${token}: 1`, /charts\/loki\/chart.yaml: <key>: unknown key \(a value that looks like a credential, not shown\)/],
  ])('%s: %s', (file, pattern, replacement, message) => {
    const path = join(root, file);
    const original = readFileSync(path, 'utf8');
    try {
      writeFileSync(path, original.replace(pattern, replacement));
      const result = cli(['synth']);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain(token);
    } finally {
      restore(path, original);
    }
  });
});
