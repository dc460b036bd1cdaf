import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archivePath, cachedChartPath } from './cache.js';
import { parseMirror } from './mirror.js';
import { pullCharts, type PullEvent, type PullOptions } from './pull.js';
import { chartErrorsOf, startChartServer, writeChartEntry, type ChartServer } from './testing/index.js';

const servers: ChartServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(): Promise<ChartServer> {
  const started = await startChartServer();
  servers.push(started);
  return started;
}

function scratch(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A cache directory's files (tmp/ and sha256/), for "nothing was cached" assertions. */
function cacheFiles(cacheDir: string): string[] {
  return ['sha256', 'tmp'].flatMap((dir) => (existsSync(join(cacheDir, dir)) ? readdirSync(join(cacheDir, dir)).map((name) => `${dir}/${name}`) : []));
}


const templates = { 'templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n' };

describe('pull downloads each locked archive into the cache and verifies it', () => {
  it('pulls every chart of several repositories, reading each index once, and stores exactly the published bytes', async () => {
    const repos = await server();
    const stable = repos.repository('/stable');
    const other = repos.repository('/other', { format: 'json' });
    const root = scratch('pull-root-');
    const cacheDir = scratch('pull-cache-');
    const published = [
      ['alpha', stable.publish({ name: 'alpha', version: '1.0.0', files: templates })],
      ['alpha-next', stable.publish({ name: 'alpha', version: '1.1.0', files: { ...templates, 'values.yaml': 'next: true\n' } })],
      ['beta', stable.publish({ name: 'beta', version: 'v2.0.0', files: templates, url: 'absolute' })],
      ['gamma', other.publish({ name: 'gamma', version: '0.1.0', files: templates, url: 'charts/gamma-0.1.0.tgz' })],
    ] as const;
    for (const [id, chart] of published) writeChartEntry(root, id, { repo: id === 'gamma' ? other.url : stable.url, chart: chart.name, version: chart.version, digest: chart.digest });

    const result = await pullCharts(root, { cacheDir });

    expect(result.charts.map(({ id, source, digest, path }) => ({ id, source, digest, path }))).toEqual(
      published.map(([id, chart]) => ({ id, source: 'download', digest: chart.digest, path: archivePath(cacheDir, chart.digest) })),
    );
    for (const [, chart] of published) expect(readFileSync(archivePath(cacheDir, chart.digest)).equals(chart.bytes)).toBe(true);
    expect(repos.requests.filter((path) => path.endsWith('index.yaml')).sort()).toEqual(['/other/index.yaml', '/stable/index.yaml']);
    expect(repos.requests.filter((path) => path.endsWith('.tgz')).sort()).toEqual([
      '/other/charts/gamma-0.1.0.tgz',
      '/releases/download/stable/beta-v2.0.0.tgz',
      '/stable/alpha-1.0.0.tgz',
      '/stable/alpha-1.1.0.tgz',
    ]);
    expect(cacheFiles(cacheDir).filter((file) => file.startsWith('tmp/'))).toEqual([]);
  });

  it('asks nothing of the network when every archive is cached with the locked bytes (the server is gone)', async () => {
    const repos = await server();
    const repo = repos.repository();
    const root = scratch('pull-root-');
    const cacheDir = scratch('pull-cache-');
    const chart = repo.publish({ name: 'alpha', version: '1.0.0', files: templates });
    writeChartEntry(root, 'alpha', { repo: repo.url, chart: 'alpha', version: '1.0.0', digest: chart.digest });
    await pullCharts(root, { cacheDir });
    await repos.close();
    const events: PullEvent[] = [];
    const again = await pullCharts(root, { cacheDir, onEvent: (event) => void events.push(event) });
    expect(again.charts).toEqual([{ id: 'alpha', file: 'charts/alpha/chart.yaml', chart: 'alpha', version: '1.0.0', digest: chart.digest, path: archivePath(cacheDir, chart.digest), source: 'cache', bytes: 0 }]);
    expect(events).toEqual([{ type: 'cached', chart: 'alpha', path: archivePath(cacheDir, chart.digest) }]);
  });

  it('downloads again over a damaged cache entry, and only the damaged one', async () => {
    const repos = await server();
    const repo = repos.repository();
    const root = scratch('pull-root-');
    const cacheDir = scratch('pull-cache-');
    const a = repo.publish({ name: 'a', version: '1.0.0', files: templates });
    const b = repo.publish({ name: 'b', version: '1.0.0', files: templates });
    writeChartEntry(root, 'a', { repo: repo.url, chart: 'a', version: '1.0.0', digest: a.digest });
    writeChartEntry(root, 'b', { repo: repo.url, chart: 'b', version: '1.0.0', digest: b.digest });
    await pullCharts(root, { cacheDir });
    const { truncateSync } = await import('node:fs');
    truncateSync(archivePath(cacheDir, a.digest), 10);
    const result = await pullCharts(root, { cacheDir });
    expect(result.charts.map(({ id, source }) => `${id}:${source}`)).toEqual(['a:download', 'b:cache']);
    expect(cachedChartPath(a, cacheDir)).toBe(archivePath(cacheDir, a.digest));
  });

  it('refuses charts without a locked digest before asking the network, naming each and saying to run lock', async () => {
    const repos = await server();
    const repo = repos.repository();
    const root = scratch('pull-root-');
    repo.publish({ name: 'a', version: '1.0.0' });
    writeChartEntry(root, 'a', { repo: repo.url, chart: 'a', version: '1.0.0' });
    writeChartEntry(root, 'b', { repo: repo.url, chart: 'b', version: '1.0.0' });
    const errors = await chartErrorsOf(pullCharts(root, { cacheDir: scratch('pull-cache-') }));
    expect(errors.map((error) => [error.code, error.chart, error.file, error.field])).toEqual([
      ['not-locked', 'a', 'charts/a/chart.yaml', 'digest'],
      ['not-locked', 'b', 'charts/b/chart.yaml', 'digest'],
    ]);
    expect(errors[0]!.describe()).toContain('platform charts lock');
    expect(repos.requests).toEqual([]);
  });

  it('pulls only the charts asked for', async () => {
    const repos = await server();
    const repo = repos.repository();
    const root = scratch('pull-root-');
    const a = repo.publish({ name: 'a', version: '1.0.0' });
    writeChartEntry(root, 'a', { repo: repo.url, chart: 'a', version: '1.0.0', digest: a.digest });
    writeChartEntry(root, 'b', { repo: repo.url, chart: 'b', version: '1.0.0' });
    const result = await pullCharts(root, { cacheDir: scratch('pull-cache-'), only: ['a'] });
    expect(result.charts.map((chart) => chart.id)).toEqual(['a']);
    expect((await chartErrorsOf(pullCharts(root, { cacheDir: scratch('pull-cache-'), only: ['zz'] }))).map((error) => error.code)).toEqual(['unknown-chart']);
  });
});

describe('pull refuses an archive that is not the locked one, and caches nothing', () => {
  async function lockedThenChanged() {
    const repos = await server();
    const repo = repos.repository();
    const root = scratch('pull-root-');
    const cacheDir = scratch('pull-cache-');
    const original = repo.publish({ name: 'a', version: '1.0.0', files: templates });
    writeChartEntry(root, 'a', { repo: repo.url, chart: 'a', version: '1.0.0', digest: original.digest });
    return { repos, repo, root, cacheDir, original };
  }

  it('a version re-published with other bytes (the index agrees with the new archive)', async () => {
    const { repo, root, cacheDir, original } = await lockedThenChanged();
    const republished = repo.publish({ name: 'a', version: '1.0.0', files: { ...templates, 'values.yaml': 'sneaky: true\n' } });
    const [error, ...rest] = await chartErrorsOf(pullCharts(root, { cacheDir }));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'digest-mismatch', chart: 'a', file: 'charts/a/chart.yaml', field: 'digest' });
    expect(error!.message).toContain(`has digest ${republished.digest}, but chart.yaml locks ${original.digest}`);
    expect(error!.message).toContain('re-published');
    expect(error!.hint).toContain('supply-chain');
    expect(cacheFiles(cacheDir)).toEqual([]);
  });

  it('an archive replaced behind an index that still lists the locked digest', async () => {
    const { repo, root, cacheDir, original } = await lockedThenChanged();
    const swapped = repo.publish({ name: 'a', version: '1.0.0', files: { ...templates, 'values.yaml': 'swapped: true\n' }, indexDigest: original.digest });
    const [error] = await chartErrorsOf(pullCharts(root, { cacheDir }));
    expect(error!.describe()).toContain(`charts/a/chart.yaml: digest: a 1.0.0 from ${repo.url}/a-1.0.0.tgz has digest ${swapped.digest}, but chart.yaml locks ${original.digest}; nothing was cached`);
    expect(cacheFiles(cacheDir)).toEqual([]);
  });

  it('a version bumped in chart.yaml without lock (the locked digest belongs to the old version)', async () => {
    const { repo, root, cacheDir, original } = await lockedThenChanged();
    const next = repo.publish({ name: 'a', version: '1.1.0', files: { ...templates, 'values.yaml': 'v: 2\n' } });
    writeChartEntry(root, 'a', { repo: repo.url, chart: 'a', version: '1.1.0', digest: original.digest });
    const [error] = await chartErrorsOf(pullCharts(root, { cacheDir }));
    expect(error!.message).toContain(`has digest ${next.digest}, but chart.yaml locks ${original.digest}; the locked digest is that of version 1.0.0`);
    expect(error!.hint).toContain('after a version bump');
    expect(cacheFiles(cacheDir)).toEqual([]);
  });

  it('a mirror that serves other bytes cannot substitute a chart', async () => {
    const repos = await server();
    const root = scratch('pull-root-');
    const cacheDir = scratch('pull-cache-');
    const mirrored = repos.repository('/mirror/charts.example.com/stable');
    const genuine = repos.repository('/genuine').publish({ name: 'a', version: '1.0.0', files: templates });
    mirrored.publish({ name: 'a', version: '1.0.0', files: { ...templates, 'templates/extra.yaml': 'kind: ClusterRoleBinding\n' } });
    writeChartEntry(root, 'a', { repo: 'https://charts.example.com/stable', chart: 'a', version: '1.0.0', digest: genuine.digest });
    const [error] = await chartErrorsOf(pullCharts(root, { cacheDir, mirror: parseMirror(`${repos.url}/mirror`, '--mirror') }));
    expect(error).toMatchObject({ code: 'digest-mismatch', chart: 'a' });
    expect(cacheFiles(cacheDir)).toEqual([]);
  });
});

describe('a mirror stands in for every repository', () => {
  it('fetches every index and archive from the mirror, absolute upstream archive URLs included', async () => {
    const repos = await server();
    const root = scratch('pull-root-');
    const cacheDir = scratch('pull-cache-');
    const jetstack = repos.repository('/mirror/charts.jetstack.io');
    const prometheus = repos.repository('/mirror/prometheus-community.github.io/helm-charts');
    const certManager = jetstack.publish({ name: 'cert-manager', version: 'v1.19.6', files: templates });
    const releaseUrl = 'https://github.com/prometheus-community/helm-charts/releases/download/kube-prometheus-stack-88.5.3/kube-prometheus-stack-88.5.3.tgz';
    const kps = prometheus.publish({ name: 'kube-prometheus-stack', version: '88.5.3', files: templates, url: releaseUrl });
    expect(kps.archiveUrl).toBeUndefined();
    repos.serve('/mirror/github.com/prometheus-community/helm-charts/releases/download/kube-prometheus-stack-88.5.3/kube-prometheus-stack-88.5.3.tgz', kps.bytes);
    writeChartEntry(root, 'cert-manager', { repo: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.19.6', digest: certManager.digest });
    writeChartEntry(root, 'kube-prometheus-stack', { repo: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '88.5.3', digest: kps.digest });

    const result = await pullCharts(root, { cacheDir, mirror: parseMirror(`${repos.url}/mirror/`, 'PLATFORM_CHART_MIRROR') });

    expect(result.charts.map((chart) => chart.url)).toEqual([
      `${repos.url}/mirror/charts.jetstack.io/cert-manager-v1.19.6.tgz`,
      `${repos.url}/mirror/github.com/prometheus-community/helm-charts/releases/download/kube-prometheus-stack-88.5.3/kube-prometheus-stack-88.5.3.tgz`,
    ]);
    expect(repos.requests.every((path) => path.startsWith('/mirror/'))).toBe(true);
    expect(cachedChartPath(kps, cacheDir)).toBeDefined();
  });

  it('sends the mirror credentials to the mirror only, and never prints them', async () => {
    const seen: { path: string; authorization: string | undefined }[] = [];
    const upstream = await server();
    const archive = upstream.repository('/real').publish({ name: 'a', version: '1.0.0', files: templates, url: 'absolute' });
    const mirrorServer = createServer((request, response) => {
      seen.push({ path: request.url ?? '', authorization: request.headers.authorization });
      if (request.url === '/m/charts.example.com/index.yaml') {
        response.end(`apiVersion: v1\nentries:\n  a:\n  - version: 1.0.0\n    urls: [${archive.archiveUrl}]\n`);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => mirrorServer.listen(0, '127.0.0.1', resolve));
    try {
      const port = (mirrorServer.address() as AddressInfo).port;
      const root = scratch('pull-root-');
      writeChartEntry(root, 'a', { repo: 'https://charts.example.com', chart: 'a', version: '1.0.0', digest: archive.digest });
      const mirror = parseMirror(`http://robot:hunter2@127.0.0.1:${port}/m`, '--mirror');
      // The index lists an absolute URL on another origin, which maps onto the mirror too: a 404 there.
      const [error] = await chartErrorsOf(pullCharts(root, { cacheDir: scratch('pull-cache-'), mirror }));
      expect(seen.map((request) => request.path)).toEqual(['/m/charts.example.com/index.yaml', `/m/127.0.0.1:${upstream.url.split(':')[2]}/releases/download/real/a-1.0.0.tgz`]);
      expect(seen.every((request) => request.authorization === `Basic ${Buffer.from('robot:hunter2').toString('base64')}`)).toBe(true);
      expect(error!.describe()).toContain('answered HTTP 404');
      expect(error!.describe()).not.toContain('hunter2');
      expect(upstream.requests).toEqual([]);
    } finally {
      mirrorServer.closeAllConnections();
      await new Promise((resolve) => mirrorServer.close(resolve));
    }
  });
});

describe('pull says what the repository lacks, in one message per chart', () => {
  async function setup(write: (repoUrl: string, root: string) => void, publish: (server: ChartServer) => void = () => undefined) {
    const repos = await server();
    const repo = repos.repository('/r');
    repo.publish({ name: 'present', version: '1.0.0' });
    repo.publish({ name: 'present', version: '1.1.0' });
    repo.publish({ name: 'present', version: '2.0.0' });
    publish(repos);
    const root = scratch('pull-root-');
    write(repo.url, root);
    return { repos, root, cacheDir: scratch('pull-cache-') };
  }
  const digest = `sha256:${'d'.repeat(64)}`;

  it('a chart the index does not have, and a version it does not have (with the nearest ones)', async () => {
    const { root, cacheDir } = await setup((repo, dir) => {
      writeChartEntry(dir, 'absent', { repo, chart: 'absent', version: '1.0.0', digest });
      writeChartEntry(dir, 'old', { repo, chart: 'present', version: '1.0.9', digest });
    });
    const errors = await chartErrorsOf(pullCharts(root, { cacheDir }));
    expect(errors.map((error) => error.describe())).toEqual([
      expect.stringMatching(/^charts\/absent\/chart\.yaml: chart: the repository http:\/\/127\.0\.0\.1:\d+\/r has no chart "absent"\n {2}hint: check the chart name and the repository URL$/),
      expect.stringMatching(/^charts\/old\/chart\.yaml: version: the repository http:\/\/127\.0\.0\.1:\d+\/r has no version "1\.0\.9" of present\n {2}hint: versions it has near that one: 1\.0\.0, 1\.1\.0, 2\.0\.0$/),
    ]);
    expect(cacheFiles(cacheDir)).toEqual([]);
  });

  it.each([
    ['an index that answers 404', (s: ChartServer) => s.fault('/r/index.yaml', { status: 404 }), 'index-unreachable', /answered HTTP 404/],
    ['an index that is not YAML', (s: ChartServer) => s.serve('/r/index.yaml', 'apiVersion: v1\nentries: [\n'), 'index-invalid', /is not valid YAML at line/],
    ['an index without apiVersion', (s: ChartServer) => s.serve('/r/index.yaml', 'entries: {}\n'), 'index-invalid', /no apiVersion/],
    ['an archive that answers 500', (s: ChartServer) => s.fault('/r/present-1.0.0.tgz', { status: 500 }), 'archive-unreachable', /present-1\.0\.0\.tgz answered HTTP 500/],
    ['an entry without URLs', (s: ChartServer) => s.serve('/r/index.yaml', 'apiVersion: v1\nentries:\n  present:\n  - version: 1.0.0\n'), 'index-entry-invalid', /lists no archive URL/],
    ['an entry with a file: URL', (s: ChartServer) => s.serve('/r/index.yaml', 'apiVersion: v1\nentries:\n  present:\n  - version: 1.0.0\n    urls: [file:///etc/passwd]\n'), 'index-entry-invalid', /not an http\(s\) URL/],
  ])('%s', async (_name, publish, code, message) => {
    const { root, cacheDir } = await setup((repo, dir) => writeChartEntry(dir, 'p', { repo, chart: 'present', version: '1.0.0', digest }), publish);
    const errors = await chartErrorsOf(pullCharts(root, { cacheDir }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code, chart: 'p', file: 'charts/p/chart.yaml' });
    expect(errors[0]!.message).toMatch(message);
    expect(cacheFiles(cacheDir).filter((file) => file.startsWith('sha256/'))).toEqual([]);
  });

  it('a repository nobody answers at', async () => {
    const closed = await startChartServer();
    const url = closed.url;
    await closed.close();
    const root = scratch('pull-root-');
    writeChartEntry(root, 'p', { repo: `${url}/r`, chart: 'p', version: '1.0.0', digest });
    const [error] = await chartErrorsOf(pullCharts(root, { cacheDir: scratch('pull-cache-') }));
    expect(error!.describe()).toMatch(/^charts\/p\/chart\.yaml: repo: cannot read the index of http:\/\/127\.0\.0\.1:\d+\/r: cannot fetch .*: connection refused\n {2}hint: without network access, set PLATFORM_CHART_MIRROR/);
  });
});

describe('pull bounds what it reads and how long it waits', () => {
  const digest = `sha256:${'e'.repeat(64)}`;

  it('refuses an index larger than the cap, declared or not', async () => {
    const repos = await server();
    const root = scratch('pull-root-');
    repos.serve('/big/index.yaml', `apiVersion: v1\nentries: {}\n# ${'x'.repeat(4096)}\n`);
    writeChartEntry(root, 'a', { repo: `${repos.url}/big`, chart: 'a', version: '1.0.0', digest });
    const [declared] = await chartErrorsOf(pullCharts(root, { cacheDir: scratch('pull-cache-'), maxIndexBytes: 1024 }));
    expect(declared).toMatchObject({ code: 'index-too-large', field: 'repo' });
    expect(declared!.message).toContain('more than the 1 KiB this tool accepts');

    // A chunked answer says no length up front: the count while reading stops it.
    const chunked = createServer((_request, response) => {
      response.writeHead(200);
      response.write(`apiVersion: v1\n# ${'y'.repeat(800)}\n`);
      setTimeout(() => response.end(`# ${'z'.repeat(800)}\n`), 20);
    });
    await new Promise<void>((resolve) => chunked.listen(0, '127.0.0.1', resolve));
    try {
      writeChartEntry(root, 'a', { repo: `http://127.0.0.1:${(chunked.address() as AddressInfo).port}/x`, chart: 'a', version: '1.0.0', digest });
      const [counted] = await chartErrorsOf(pullCharts(root, { cacheDir: scratch('pull-cache-'), maxIndexBytes: 1024 }));
      expect(counted).toMatchObject({ code: 'index-too-large' });
    } finally {
      chunked.closeAllConnections();
      await new Promise((resolve) => chunked.close(resolve));
    }
  });

  it('waits for a slow repository, and gives up on one that stalls, caching nothing', async () => {
    const repos = await server();
    const repo = repos.repository('/slow');
    const root = scratch('pull-root-');
    const cacheDir = scratch('pull-cache-');
    // Incompressible, so the archive is larger than what the stalled answer sends.
    const chart = repo.publish({ name: 'a', version: '1.0.0', files: { 'values.yaml': randomBytes(100_000).toString('base64') } });
    expect(chart.bytes.length).toBeGreaterThan(50_000);
    writeChartEntry(root, 'a', { repo: repo.url, chart: 'a', version: '1.0.0', digest: chart.digest });
    const options: PullOptions = { cacheDir, idleTimeoutMs: 400 };

    repos.fault('/slow/index.yaml', { delayMs: 1500 });
    const [slowIndex] = await chartErrorsOf(pullCharts(root, options));
    expect(slowIndex).toMatchObject({ code: 'index-unreachable', field: 'repo' });
    expect(slowIndex!.message).toContain('sent nothing for 0.4 s');

    repos.fault('/slow/index.yaml', undefined);
    repos.fault('/slow/a-1.0.0.tgz', { stallAfterBytes: 1000 });
    const [stalled] = await chartErrorsOf(pullCharts(root, options));
    expect(stalled).toMatchObject({ code: 'archive-unreachable', field: 'version' });
    expect(stalled!.message).toContain('sent nothing for 0.4 s');
    expect(cacheFiles(cacheDir)).toEqual([]);

    repos.fault('/slow/a-1.0.0.tgz', { delayMs: 150 });
    repos.fault('/slow/index.yaml', { delayMs: 150 });
    const result = await pullCharts(root, options);
    expect(result.charts[0]).toMatchObject({ source: 'download', bytes: chart.bytes.length });
  });
});

describe('no chart id, name, version or index entry can place a file outside the cache', () => {
  it('stores odd chart ids under their digests only, and nothing beside the cache', async () => {
    const repos = await server();
    const repo = repos.repository('/r');
    const parent = scratch('pull-parent-');
    const cacheDir = join(parent, 'cache');
    const root = scratch('pull-root-');
    const ids = ['-rf', 'a b', 'ünïcode', 'new\nline', '..hidden', 'x'.repeat(200)];
    const published = ids.map((id, index) => {
      const chart = repo.publish({ name: `c${index}`, version: '1.0.0', files: { 'values.yaml': `id: ${index}\n` }, url: `../../../../${index}/../c${index}.tgz` });
      writeChartEntry(root, id, { repo: repo.url, chart: `c${index}`, version: '1.0.0', digest: chart.digest });
      return chart;
    });
    const result = await pullCharts(root, { cacheDir });
    expect(result.charts.map((chart) => chart.id)).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
    expect(readdirSync(parent)).toEqual(['cache']);
    expect(readdirSync(cacheDir).sort()).toEqual(['sha256', 'tmp']);
    expect(readdirSync(join(cacheDir, 'sha256')).sort()).toEqual(published.map((chart) => `${chart.digest.slice(7)}.tgz`).sort());
    expect(readdirSync(join(cacheDir, 'tmp'))).toEqual([]);
  });
});
