import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { readOutputTree } from '@platform/engine';
import { copyRepository } from '@platform/engine/testing';
import { readJunit } from '@platform/report/well-formed';
import { repositoryRoot } from './repository.js';
import { gitIn, runCaptured } from './testing/checkout.js';

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** A scratch copy of this checkout's inputs and committed tree. */
function scratch(): string {
  const copy = copyRepository(repositoryRoot, ['clusters', 'charts', 'dist', 'fleet']);
  cleanups.push(copy.cleanup);
  return copy.dir;
}

const cli = runCaptured;

const shippedDev = readFileSync(join(repositoryRoot, 'clusters/dev.yaml'), 'utf8');

/** A cluster file like the shipped one, with its own domain and address, and each of `sections` replacing (or adding) that whole top-level section. */
function clusterFile(index: number, sections: Record<string, string> = {}): string {
  let text = shippedDev.replace(/domain: example\.com/, `domain: c${index}.example.com`).replace(/loadBalancerIP: 192\.0\.2\.10/, `loadBalancerIP: 192.0.2.${20 + index}`);
  for (const [section, body] of Object.entries(sections)) {
    const block = new RegExp(`^${section}:\\n(?: {2}.*\\n)+`, 'm');
    text = block.test(text) ? text.replace(block, `${section}:\n${body}`) : `${text}${section}:\n${body}`;
  }
  return text;
}

/** Every file of one cluster (its dist/<name>/ and fleet/<name>/), path → bytes. */
function clusterFiles(root: string, name: string): Map<string, string> {
  return new Map([...readOutputTree(root)].filter(([path]) => path.startsWith(`dist/${name}/`) || path.startsWith(`fleet/${name}/`)));
}

const MANAGED = '  topology: managed\n  manager: rancher\n  namespace: fleet-default\n  gitRepo: platform-prod\n  pollingInterval: 60s\n';

describe('many clusters from one repository', () => {
  it('adding a cluster is one new file and a synth: no other cluster changes by a byte, and each GitRepo lists only its own bundles', async () => {
    const root = scratch();
    const dev = clusterFiles(root, 'dev');
    expect(dev.size).toBeGreaterThan(30);
    writeFileSync(join(root, 'clusters/staging.yaml'), clusterFile(1));
    const synth = await cli(root, 'synth');
    expect(synth.status, synth.stderr).toBe(0);
    expect(clusterFiles(root, 'dev')).toEqual(dev);
    const staging = clusterFiles(root, 'staging');
    expect(staging.size).toBe(dev.size);
    for (const name of ['dev', 'staging']) {
      const gitRepo = yaml.load(readFileSync(join(root, `fleet/${name}/gitrepo.yaml`), 'utf8')) as { spec: { paths: string[] } };
      expect(gitRepo.spec.paths.length).toBeGreaterThan(5);
      expect(gitRepo.spec.paths.every((path) => path.startsWith(`dist/${name}/`))).toBe(true);
    }
    // Values are resolved per cluster at synth time: staging's own domain is in its files, not dev's.
    expect([...staging.values()].some((text) => text.includes('c1.example.com'))).toBe(true);
    expect([...dev.values()].some((text) => text.includes('c1.example.com'))).toBe(false);
    expect((await cli(root, 'check')).status).toBe(0);
    // And removing it again is a synth too: dev is still as it was.
    rmSync(join(root, 'clusters/staging.yaml'));
    expect((await cli(root, 'synth')).status).toBe(0);
    expect(clusterFiles(root, 'dev')).toEqual(dev);
    expect(readdirSync(join(root, 'dist')).sort()).toEqual(['README.md', 'SHA256SUMS', 'dev']);
  });

  it('checks ten clusters in one run, with findings grouped by cluster and one JUnit suite per cluster', async () => {
    const root = scratch();
    const names = Array.from({ length: 10 }, (_, index) => `site-${index}`);
    rmSync(join(root, 'clusters/dev.yaml'));
    names.forEach((name, index) => writeFileSync(join(root, `clusters/${name}.yaml`), clusterFile(index)));
    expect((await cli(root, 'synth')).status).toBe(0);
    expect((await cli(root, 'check')).status).toBe(0);
    // A hand edit in one cluster is reported under that cluster's heading.
    const edited = 'dist/site-7/observability/loki/loki.values.yaml';
    writeFileSync(join(root, edited), `${readFileSync(join(root, edited), 'utf8')}extra: 1\n`);
    const text = await cli(root, 'check');
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(new RegExp(`^cluster site-7:\\n${edited.replaceAll('/', '\\/')}: edited by hand`, 'm'));
    const junit = readJunit((await cli(root, 'check', '--output', 'junit')).stdout);
    expect(junit.suites.map((suite) => suite.attributes.name)).toEqual(['shared', ...names]);
    expect(junit.suites.filter((suite) => suite.attributes.failures !== '0').map((suite) => suite.attributes.name)).toEqual(['site-7']);
  });

  it('gives a managed cluster a GitRepo in its manager\'s workspace that targets it, and no Fleet install of its own', async () => {
    const root = scratch();
    writeFileSync(join(root, 'clusters/prod.yaml'), clusterFile(2, { fleet: MANAGED }));
    writeFileSync(join(root, 'clusters/edge.yaml'), clusterFile(3, { fleet: MANAGED.replace('platform-prod', 'platform-edge').replace('managed\n', 'managed\n  target: { clusterLabels: { site: edge } }\n') }));
    const synth = await cli(root, 'synth');
    expect(synth.status, synth.stderr).toBe(0);
    const prod = yaml.load(readFileSync(join(root, 'fleet/prod/gitrepo.yaml'), 'utf8')) as { metadata: unknown; spec: { targets: unknown } };
    expect(prod.metadata).toEqual({ name: 'platform-prod', namespace: 'fleet-default' });
    expect(prod.spec.targets).toEqual([{ name: 'prod', clusterName: 'prod' }]);
    const edge = yaml.load(readFileSync(join(root, 'fleet/edge/gitrepo.yaml'), 'utf8')) as { spec: { targets: unknown } };
    expect(edge.spec.targets).toEqual([{ name: 'edge', clusterSelector: { matchLabels: { site: 'edge' } } }]);
    const dev = yaml.load(readFileSync(join(root, 'fleet/dev/gitrepo.yaml'), 'utf8')) as { spec: Record<string, unknown> };
    expect(dev.spec.targets).toBeUndefined();
    expect(readdirSync(join(root, 'dist/dev/gitops')).sort()).toEqual(['fleet', 'namespaces']);
    expect(readdirSync(join(root, 'dist/prod/gitops')).sort()).toEqual(['namespaces']);
    expect((await cli(root, 'check')).status).toBe(0);
  });

  it('refuses two clusters on one Fleet manager whose GitRepos share a name, naming both files, and writes nothing', async () => {
    const root = scratch();
    writeFileSync(join(root, 'clusters/prod.yaml'), clusterFile(2, { fleet: MANAGED }));
    writeFileSync(join(root, 'clusters/prod-eu.yaml'), clusterFile(3, { fleet: MANAGED }));
    const before = readOutputTree(root);
    const synth = await cli(root, 'synth');
    expect(synth.status).toBe(1);
    expect(synth.stderr).toContain('fleet/prod/gitrepo.yaml: metadata.name: GitRepo "platform-prod" is also fleet/prod-eu/gitrepo.yaml in namespace fleet-default of the Fleet manager "rancher"');
    expect(readOutputTree(root)).toEqual(before);
    // The same names on two different managers, or in two standalone Fleets, are fine.
    writeFileSync(join(root, 'clusters/prod-eu.yaml'), clusterFile(3, { fleet: MANAGED.replace('rancher', 'rancher-eu') }));
    writeFileSync(join(root, 'clusters/staging.yaml'), clusterFile(4));
    expect((await cli(root, 'synth')).status).toBe(0);
  });

  it('pins a chart version for one cluster only: a promotion is one line, shown in the version matrix', async () => {
    const root = scratch();
    const loki = (yaml.load(readFileSync(join(root, 'charts/loki/chart.yaml'), 'utf8')) as { version: string }).version;
    writeFileSync(join(root, 'clusters/prod.yaml'), clusterFile(2, { charts: '  loki: { version: "6.55.0" }\n' }));
    expect((await cli(root, 'synth')).status).toBe(0);
    expect(readFileSync(join(root, 'dist/prod/observability/loki/fleet.yaml'), 'utf8')).toContain('version: 6.55.0');
    expect(readFileSync(join(root, 'dist/dev/observability/loki/fleet.yaml'), 'utf8')).toContain(`version: ${loki}`);
    expect(readFileSync(join(root, 'dist/README.md'), 'utf8')).toContain(`| loki | ${loki} | *6.55.0* |`);
    const compare = await cli(root, 'compare-clusters', 'dev', 'prod');
    expect(compare.status).toBe(0);
    expect(compare.stdout).toContain(`loki: ${loki} -> 6.55.0`);
    expect(compare.stdout).toContain('cluster.domain: "example.com" -> "c2.example.com"');
    expect(compare.stdout).toContain('~ dist/observability/loki/fleet.yaml');
    expect(compare.stdout).toMatch(/^-.*version: .*\n\+.*version: 6\.55\.0/m);
    // A pin of a chart charts/ does not have names the cluster file and the pin.
    writeFileSync(join(root, 'clusters/prod.yaml'), clusterFile(2, { charts: '  lokki: { version: "6.55.0" }\n' }));
    const bad = await cli(root, 'synth');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('clusters/prod.yaml: charts.lokki: no chart "lokki" in charts/');
  });

  it('documents every cluster: the component-by-cluster matrix on top, each cluster\'s bundles and graph on its own page', async () => {
    const root = scratch();
    writeFileSync(join(root, 'clusters/prod.yaml'), clusterFile(2, { fleet: MANAGED }));
    expect((await cli(root, 'synth')).status).toBe(0);
    const top = readFileSync(join(root, 'dist/README.md'), 'utf8');
    expect(top).toContain('| chart | dev | prod |');
    expect(top).toMatch(/^\| fleet \| 0\.13\.15 \| - \|$/m);
    expect(top).toContain('| prod | 1.31 | managed by "rancher" | `fleet-default/platform-prod` |');
    const prod = readFileSync(join(root, 'dist/prod/README.md'), 'utf8');
    expect(prod).toContain('# What this tree deploys: cluster prod');
    expect(prod).toContain('```mermaid');
    expect(prod).toContain('The git credentials go on the Fleet manager, in fleet-default');
    expect((await cli(root, 'docs')).stdout).toBe(top);
    expect((await cli(root, 'docs', '--cluster', 'prod')).stdout).toBe(prod);
    expect((await cli(root, 'graph')).status).toBe(2);
  });
});

describe('migrating a single-cluster tree', () => {
  it('check --base names every Bundle the move to dist/<cluster>/ deletes and reinstalls', async () => {
    const root = scratch();
    // The tree as the single-cluster version committed it: dist/<phase>/, fleet/gitrepo.yaml, cluster.yaml.
    const git = gitIn(root);
    git('init', '-q');
    const legacy = join(root, 'legacy');
    mkdirSync(legacy);
    const manifest: string[] = [];
    for (const [path, text] of readOutputTree(root)) {
      if (path === 'dist/README.md' || path === 'dist/SHA256SUMS') continue;
      const moved = path.replace(/^fleet\/dev\//, 'fleet/').replaceAll('dist/dev/', 'dist/');
      const content = text.replaceAll('dist/dev/', 'dist/').replaceAll('-dist-dev-', '-dist-');
      mkdirSync(join(legacy, moved, '..'), { recursive: true });
      writeFileSync(join(legacy, moved), content);
      manifest.push(`${createHash('sha256').update(content).digest('hex')}  ${moved}\n`);
    }
    // Its ownership manifest, which tells synth these files are its own to remove.
    writeFileSync(join(legacy, 'dist/SHA256SUMS'), manifest.sort((a, b) => (a.slice(66) < b.slice(66) ? -1 : 1)).join(''));
    rmSync(join(root, 'dist'), { recursive: true });
    rmSync(join(root, 'fleet'), { recursive: true });
    renameSync(join(legacy, 'dist'), join(root, 'dist'));
    renameSync(join(legacy, 'fleet'), join(root, 'fleet'));
    git('add', 'dist', 'fleet', 'charts', 'clusters');
    git('commit', '-qm', 'single-cluster tree');
    const synth = await cli(root, 'synth');
    expect(synth.status, synth.stderr).toBe(0);
    const result = await cli(root, 'check', '--base', 'HEAD');
    expect(result.status, result.stdout).toBe(0);
    const renames = result.stdout.split('\n').filter((line) => line.startsWith('warning:') && line.includes(' Bundle '));
    const gitRepo = yaml.load(readFileSync(join(root, 'fleet/dev/gitrepo.yaml'), 'utf8')) as { spec: { paths: string[] } };
    // One warning per deployed Bundle, each naming the old and new name and the release it reinstalls.
    expect(renames).toHaveLength(gitRepo.spec.paths.length);
    expect(renames).toContainEqual(expect.stringContaining('cluster dev: Bundle platform-dist-observability-loki becomes platform-dist-dev-observability-loki: Fleet deletes platform-dist-observability-loki, uninstalling release monitoring/loki'));
  });
});
