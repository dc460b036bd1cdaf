import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PlatformErrors, type PlatformError } from '../errors.js';
import { parseConfig } from './load.js';

const shipped = readFileSync(fileURLToPath(new URL('../../../../cluster.yaml', import.meta.url)), 'utf8');

/** The shipped config with one line replaced. */
function withLine(search: RegExp, replacement: string): string {
  expect(shipped).toMatch(search);
  return shipped.replace(search, replacement);
}

function problems(text: string): PlatformError[] {
  try {
    parseConfig(text, 'cluster.yaml');
  } catch (error) {
    if (error instanceof PlatformErrors) return error.errors;
    return [error as PlatformError];
  }
  throw new Error('expected the config to be rejected');
}

describe('cluster configuration', () => {
  it('accepts the shipped default, which uses documentation values', () => {
    const config = parseConfig(shipped, 'cluster.yaml');
    expect(config.cluster.domain).toBe('example.com');
    expect(config.cluster.loadBalancerIP).toMatch(/^192\.0\.2\./);
    expect(config.storage.replicaCount).toBe(2);
    expect(config.fleet.pollingInterval).toBe('60s');
  });

  it.each([
    ['cluster.loadBalancerIP', /loadBalancerIP: .*/, 'loadBalancerIP: 192.0.2.300', 'IPv4'],
    ['cluster.domain', /domain: example.com .*/, 'domain: Example_com', 'DNS name'],
    ['cluster.name', /name: dev .*/, 'name: Dev_Cluster', 'DNS label'],
    ['cluster.kubernetesVersion', /kubernetesVersion: .*/, 'kubernetesVersion: 1.31', 'quoted string'],
    ['certificates.acmeEmail', /acmeEmail: .*/, 'acmeEmail: not-an-email', 'email'],
    ['git.repo', /repo: https.*/, 'repo: gitlab.example.com/platform', 'git URL'],
    ['git.branch', /branch: main/, 'branch: "feature..x"', 'branch name'],
    ['fleet.gitRepo', /gitRepo: platform .*/, 'gitRepo: Platform.Repo', 'DNS label'],
    ['fleet.pollingInterval', /pollingInterval: 60s/, 'pollingInterval: 1d', 'Go duration'],
    ['storage.replicaCount', /replicaCount: 2 .*/, 'replicaCount: 0', 'whole number'],
    ['storage.replicaCount', /replicaCount: 2 .*/, 'replicaCount: "2"', 'whole number'],
    ['observability.logShipper', /logShipper: alloy .*/, 'logShipper: fluentbit', 'alloy or promtail'],
  ])('rejects a bad %s, naming the field and what was expected', (field, search, replacement, expected) => {
    const [problem] = problems(withLine(search, replacement));
    expect(problem?.file).toBe('cluster.yaml');
    expect(problem?.field).toBe(field);
    expect(problem?.message).toContain(expected);
  });

  it('rejects an unknown key', () => {
    const [problem] = problems(withLine(/storage:\n/, 'storage:\n  replicas: 3\n'));
    expect(problem?.field).toBe('storage.replicas');
    expect(problem?.message).toContain('unknown key');
  });

  it('rejects a missing required value', () => {
    const [problem] = problems(withLine(/  acmeEmail: .*\n/, ''));
    expect(problem?.field).toBe('certificates.acmeEmail');
    expect(problem?.message).toContain('missing');
  });

  it('rejects a file that is not YAML', () => {
    const [problem] = problems('cluster: [unclosed\n');
    expect(problem?.file).toBe('cluster.yaml');
    expect(problem?.message).toContain('not valid YAML');
  });
});
