import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { PlatformErrors, type PlatformError } from '../errors.js';
import { loadInventory } from './inventory.js';

const shippedDev = readFileSync(fileURLToPath(new URL('../../../../clusters/dev.yaml', import.meta.url)), 'utf8');
// The shipped cluster split the way a second cluster would split it: what is the cluster's own, and what clusters share.
const clusterBlock = /^cluster:\n(?: {2}.*\n)+/m.exec(shippedDev)?.[0] ?? '';
const shipped = {
  defaults: shippedDev.replace(clusterBlock, ''),
  dev: `extends: _defaults\n${clusterBlock}`,
};

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A scratch checkout whose clusters/ holds exactly `files`. */
function inventory(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'inventory-'));
  roots.push(root);
  mkdirSync(join(root, 'clusters'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'clusters', name), text);
  return root;
}

/** The shipped inventory with one line replaced in whichever file holds it; returns the problems and that file. */
function withLine(search: RegExp, replacement: string): { problems: PlatformError[]; file: string } {
  const inDefaults = search.test(shipped.defaults);
  expect(inDefaults || search.test(shipped.dev), `${search} in a shipped cluster file`).toBe(true);
  const root = inventory({
    '_defaults.yaml': inDefaults ? shipped.defaults.replace(search, replacement) : shipped.defaults,
    'dev.yaml': inDefaults ? shipped.dev : shipped.dev.replace(search, replacement),
  });
  return { problems: problemsOf(root), file: inDefaults ? 'clusters/_defaults.yaml' : 'clusters/dev.yaml' };
}

function problemsOf(root: string): PlatformError[] {
  try {
    loadInventory(root);
  } catch (error) {
    if (error instanceof PlatformErrors) return error.errors;
    return [error as PlatformError];
  }
  throw new Error('expected the inventory to be rejected');
}

describe('the inventory: one file per cluster, shared settings by extends', () => {
  it('reads the shipped inventory: cluster dev, named by its file, with every shared setting', () => {
    const [dev, ...others] = loadInventory(fileURLToPath(new URL('../../../..', import.meta.url)));
    expect(others).toEqual([]);
    expect(dev?.name).toBe('dev');
    expect(dev?.config.cluster.name).toBe('dev');
    expect(dev?.config.cluster.domain).toBe('example.com');
    expect(dev?.config.cluster.loadBalancerIP).toMatch(/^192\.0\.2\./);
    expect(dev?.config.storage.replicaCount).toBe(2);
    expect(dev?.config.fleet.pollingInterval).toBe('60s');
    expect(dev?.chain).toEqual(['clusters/dev.yaml']);
    expect(clusterBlock).toContain('kubernetesVersion');
  });

  it.each([
    ['cluster.loadBalancerIP', /loadBalancerIP: .*/, 'loadBalancerIP: 192.0.2.300', 'IPv4'],
    ['cluster.domain', /domain: example.com .*/, 'domain: Example_com', 'DNS name'],
    ['cluster.kubernetesVersion', /kubernetesVersion: .*/, 'kubernetesVersion: 1.31', 'quoted string'],
    ['certificates.acmeEmail', /acmeEmail: .*/, 'acmeEmail: not-an-email', 'email'],
    ['git.repo', /repo: https.*/, 'repo: gitlab.example.com/platform', 'git URL'],
    ['git.branch', /branch: main/, 'branch: "feature..x"', 'branch name'],
    ['fleet.gitRepo', /gitRepo: platform .*/, 'gitRepo: Platform.Repo', 'DNS label'],
    ['fleet.pollingInterval', /pollingInterval: 60s/, 'pollingInterval: 1d', 'Go duration'],
    ['storage.replicaCount', /replicaCount: 2 .*/, 'replicaCount: 0', 'whole number'],
    ['storage.replicaCount', /replicaCount: 2 .*/, 'replicaCount: "2"', 'whole number'],
    ['observability.logShipper', /logShipper: alloy .*/, 'logShipper: fluentbit', 'alloy or promtail'],
    ['fleet.topology', /topology: standalone .*/, 'topology: central', 'expected standalone'],
  ])('rejects a bad %s, naming the file that set it, the field and what was expected', (field, search, replacement, expected) => {
    const { problems, file } = withLine(search, replacement);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe(file);
    expect(problems[0]?.field).toBe(field);
    expect(problems[0]?.message).toContain(expected);
  });

  it('names the cluster file when it overrides a shared value badly, and the shared file when the shared value is bad', () => {
    const overridden = problemsOf(inventory({ '_defaults.yaml': shipped.defaults, 'dev.yaml': `${shipped.dev}storage:\n  replicaCount: 0\n` }));
    expect(overridden.map((problem) => [problem.file, problem.field])).toEqual([['clusters/dev.yaml', 'storage.replicaCount']]);
    // The same bad shared value reaches two clusters: reported once, on the shared file.
    const shared = problemsOf(inventory({ '_defaults.yaml': shipped.defaults.replace(/replicaCount: 2/, 'replicaCount: 0'), 'dev.yaml': shipped.dev, 'prod.yaml': shipped.dev }));
    expect(shared.map((problem) => [problem.file, problem.field])).toEqual([['clusters/_defaults.yaml', 'storage.replicaCount']]);
  });

  it('merges mappings key by key and replaces everything else, through a chain of shared files', () => {
    const root = inventory({
      '_defaults.yaml': shipped.defaults,
      '_prod.yaml': 'extends: _defaults\nfleet:\n  topology: managed\n  namespace: fleet-default\n  gitRepo: platform-prod\n  target: { clusterLabels: { env: prod } }\nstorage:\n  replicaCount: 3\n',
      'prod-eu.yaml': shipped.dev.replace('extends: _defaults', 'extends: _prod').replace('example.com ', 'eu.example.com ') + 'charts:\n  loki: { version: "6.55.0" }\n',
    });
    const [cluster] = loadInventory(root);
    expect(cluster?.chain).toEqual(['clusters/prod-eu.yaml', 'clusters/_prod.yaml', 'clusters/_defaults.yaml']);
    expect(cluster?.config.fleet).toEqual({ topology: 'managed', gitRepo: 'platform-prod', namespace: 'fleet-default', pollingInterval: '60s', target: { clusterLabels: { env: 'prod' } } });
    expect(cluster?.config.storage.replicaCount).toBe(3);
    expect(cluster?.config.cluster.domain).toBe('eu.example.com');
    expect(cluster?.config.charts).toEqual({ loki: { version: '6.55.0' } });
    expect(cluster?.setBy('fleet.pollingInterval')).toBe('clusters/_defaults.yaml');
    expect(cluster?.setBy('fleet.topology')).toBe('clusters/_prod.yaml');
    expect(cluster?.setBy('charts.loki.version')).toBe('clusters/prod-eu.yaml');
  });

  it.each([
    ['a standalone Fleet outside fleet-local', { topology: 'standalone', namespace: 'fleet-default' }, 'fleet.namespace', 'standalone Fleet deploys only from fleet-local'],
    ['a managed cluster in fleet-local', { topology: 'managed', namespace: 'fleet-local' }, 'fleet.namespace', 'deploy to the manager'],
    ['a target on a standalone Fleet', { topology: 'standalone', namespace: 'fleet-local', target: { clusterName: 'x' } }, 'fleet.target', 'only meaningful with fleet.topology: managed'],
    ['a target with both a name and labels', { topology: 'managed', namespace: 'fleet-default', target: { clusterName: 'x', clusterLabels: { env: 'prod' } } }, 'fleet.target', 'one of clusterName'],
    ['a label key Kubernetes refuses', { topology: 'managed', namespace: 'fleet-default', target: { clusterLabels: { 'bad key!': 'x' } } }, 'fleet.target.clusterLabels', ''],
  ])('refuses %s', (_name, fleet, field, message) => {
    const root = inventory({ '_defaults.yaml': shipped.defaults, 'dev.yaml': `${shipped.dev}fleet: ${JSON.stringify(fleet)}\n` });
    const [problem] = problemsOf(root);
    expect(problem?.file).toBe('clusters/dev.yaml');
    expect(problem?.field).toBe(field);
    expect(problem?.message).toContain(message);
  });

  it.each([
    ['an extends that names no file', { 'dev.yaml': 'extends: _nothing\n' }, 'clusters/dev.yaml', 'extends', 'does not exist'],
    ['an extends cycle', { '_a.yaml': 'extends: _b\n', '_b.yaml': 'extends: _a\n', 'dev.yaml': 'extends: _a\n' }, 'clusters/_b.yaml', 'extends', 'already in its chain'],
    ['an extends of a cluster file (not a shared one)', { '_defaults.yaml': shipped.defaults, 'prod.yaml': shipped.dev, 'dev.yaml': 'extends: prod\n' }, 'clusters/dev.yaml', 'extends', 'expected the name of a shared file'],
    ['an extends path', { 'dev.yaml': 'extends: ../../etc/passwd\n' }, 'clusters/dev.yaml', 'extends', 'expected the name of a shared file'],
    ['a cluster.name in a file', { '_defaults.yaml': shipped.defaults, 'dev.yaml': shipped.dev.replace('cluster:\n', 'cluster:\n  name: prod\n') }, 'clusters/dev.yaml', 'cluster.name', 'its file name'],
    ['a list for a file', { 'dev.yaml': '- a\n' }, 'clusters/dev.yaml', undefined, 'expected a mapping'],
    ['a file name that is no DNS label', { '_defaults.yaml': shipped.defaults, 'Dev_1.yaml': shipped.dev }, 'clusters/Dev_1.yaml', undefined, 'neither a cluster file'],
    ['a .yml file (which would be silently skipped)', { '_defaults.yaml': shipped.defaults, 'dev.yml': shipped.dev }, 'clusters/dev.yml', undefined, 'neither a cluster file'],
    ['only shared files', { '_defaults.yaml': shipped.defaults }, 'clusters/', undefined, 'no cluster file'],
    ['a pin of a chart that does not exist (checked when the platform loads) or a version range', { '_defaults.yaml': shipped.defaults, 'dev.yaml': `${shipped.dev}charts:\n  loki: { version: "^6.0" }\n` }, 'clusters/dev.yaml', 'charts.loki.version', 'exact chart version'],
  ])('refuses %s with one message naming the file', (_name, files, file, field, message) => {
    const problems = problemsOf(inventory(files as Record<string, string>));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe(file);
    expect(problems[0]?.field).toBe(field);
    expect(problems[0]?.message).toContain(message);
  });

  it('refuses a left-over cluster.yaml with the way to migrate', () => {
    const root = inventory({ '_defaults.yaml': shipped.defaults, 'dev.yaml': shipped.dev });
    writeFileSync(join(root, 'cluster.yaml'), 'cluster: {}\n');
    const [problem] = problemsOf(root);
    expect(problem?.file).toBe('cluster.yaml');
    expect(problem?.hint).toContain('git mv cluster.yaml clusters/<name>.yaml');
  });

  it('refuses a missing clusters/ and a clusters file where the directory belongs', () => {
    const root = inventory({});
    rmSync(join(root, 'clusters'), { recursive: true });
    expect(problemsOf(root)[0]?.message).toContain('is missing');
    writeFileSync(join(root, 'clusters'), 'x');
    expect(problemsOf(root)[0]?.message).toContain('is not a directory');
  });

  it('reads a linked cluster file by its content, so a link to a non-config file is refused, never echoed', () => {
    const root = inventory({ '_defaults.yaml': shipped.defaults });
    const other = join(root, 'notes.txt');
    writeFileSync(other, 'root:x:0:0:root:/root:/bin/bash\n');
    symlinkSync(other, join(root, 'clusters', 'dev.yaml'));
    const problems = problemsOf(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe('clusters/dev.yaml');
    expect(problems[0]?.describe()).not.toContain('/bin/bash');
  });
});
