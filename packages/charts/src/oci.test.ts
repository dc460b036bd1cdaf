import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archivePath } from './cache.js';
import { lockCharts } from './lock.js';
import { parseMirror } from './mirror.js';
import { ociTarget } from './oci.js';
import { pullCharts } from './pull.js';
import { chartErrorsOf, startChartServer, writeChartEntry, type ChartServer } from './testing/index.js';

const servers: ChartServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function registry(): Promise<{ server: ChartServer; host: string; root: string; cacheDir: string }> {
  const server = await startChartServer();
  servers.push(server);
  return { server, host: server.url.replace('http://', ''), root: mkdtempSync(join(tmpdir(), 'oci-root-')), cacheDir: mkdtempSync(join(tmpdir(), 'oci-cache-')) };
}


const templates = { 'templates/cm.yaml': 'kind: ConfigMap\n' };

describe('charts from an OCI registry (repo: oci://...)', () => {
  it('names the repository <path>/<chart> and the tag after the version, + as _ (helm v3 pkg/registry/reference.go)', () => {
    expect(ociTarget('oci://quay.io/jetstack/charts', 'cert-manager', 'v1.19.6')).toEqual({ registryUrl: 'https://quay.io', repository: 'jetstack/charts/cert-manager', tag: 'v1.19.6' });
    expect(ociTarget('oci://ghcr.io', 'x', '1.0.0+build.1')).toEqual({ registryUrl: 'https://ghcr.io', repository: 'x', tag: '1.0.0_build.1' });
    expect(ociTarget('oci://127.0.0.1:5000/charts/', 'x', '1.0.0')).toEqual({ registryUrl: 'http://127.0.0.1:5000', repository: 'charts/x', tag: '1.0.0' });
    expect(ociTarget('oci://quay.io/jetstack/charts', 'cert-manager', 'v1.19.6', parseMirror('https://harbor.example/proxy', '--mirror'))).toEqual({
      registryUrl: 'https://harbor.example',
      repository: 'proxy/quay.io/jetstack/charts/cert-manager',
      tag: 'v1.19.6',
    });
  });

  it('locks the chart layer digest of the tag, then pulls that blob through the anonymous token challenge, then needs no network', async () => {
    const { server, host, root, cacheDir } = await registry();
    const pushed = server.pushChart({ repository: 'charts/demo', name: 'demo', version: '1.0.0+build.7', files: templates });
    writeChartEntry(root, 'demo', { repo: `oci://${host}/charts`, chart: 'demo', version: '1.0.0+build.7' });

    const lock = await lockCharts(root);
    expect(lock.charts[0]).toMatchObject({ change: 'added', digest: pushed.digest });
    expect(readFileSync(join(root, 'charts/demo/chart.yaml'), 'utf8')).toContain(`digest: ${pushed.digest}\n`);

    const pull = await pullCharts(root, { cacheDir });
    expect(pull.charts[0]).toMatchObject({ source: 'download', digest: pushed.digest, path: archivePath(cacheDir, pushed.digest) });
    expect(readFileSync(archivePath(cacheDir, pushed.digest)).equals(pushed.bytes)).toBe(true);
    expect(server.requests.filter((path) => !path.startsWith('/token'))).toEqual([
      '/v2/charts/demo/manifests/1.0.0_build.7',
      '/v2/charts/demo/manifests/1.0.0_build.7',
      '/v2/charts/demo/manifests/1.0.0_build.7',
      '/v2/charts/demo/manifests/1.0.0_build.7',
      `/v2/charts/demo/blobs/${pushed.digest}`,
    ]);
    expect(server.requests.filter((path) => path.startsWith('/token'))).toEqual([
      '/token?service=fixture-registry&scope=repository%3Acharts%2Fdemo%3Apull',
      '/token?service=fixture-registry&scope=repository%3Acharts%2Fdemo%3Apull',
    ]);
    await server.close();
    expect((await pullCharts(root, { cacheDir })).charts[0]!.source).toBe('cache');
  });

  it('refuses a tag re-pointed at other bytes, in lock (unless --update) and in pull, caching nothing', async () => {
    const { server, host, root, cacheDir } = await registry();
    const first = server.pushChart({ repository: 'demo', name: 'demo', version: '2.0.0', files: templates });
    writeChartEntry(root, 'demo', { repo: `oci://${host}`, chart: 'demo', version: '2.0.0', digest: first.digest });
    const repointed = server.pushChart({ repository: 'demo', name: 'demo', version: '2.0.0', files: { ...templates, 'values.yaml': 'other: true\n' } });

    const [pullError] = await chartErrorsOf(pullCharts(root, { cacheDir }));
    expect(pullError).toMatchObject({ code: 'digest-mismatch', chart: 'demo', file: 'charts/demo/chart.yaml', field: 'digest' });
    expect(pullError!.message).toContain(`now names the archive ${repointed.digest}, but chart.yaml locks ${first.digest}`);
    expect(existsSync(join(cacheDir, 'sha256')) ? readdirSync(join(cacheDir, 'sha256')) : []).toEqual([]);

    const [lockError] = await chartErrorsOf(lockCharts(root));
    expect(lockError).toMatchObject({ code: 'digest-changed', field: 'digest' });
    expect(lockError!.hint).toContain('lock --update');
    expect(readFileSync(join(root, 'charts/demo/chart.yaml'), 'utf8')).toContain(`digest: ${first.digest}\n`);

    expect((await lockCharts(root, { update: true })).charts[0]).toMatchObject({ change: 'updated', previousDigest: first.digest, digest: repointed.digest });
    expect((await pullCharts(root, { cacheDir })).charts[0]!.digest).toBe(repointed.digest);
  });

  it('says when the registry has no such tag, or the tag is not a Helm chart', async () => {
    const { server, host, root, cacheDir } = await registry();
    server.pushChart({ repository: 'demo', name: 'demo', version: '1.0.0' });
    server.serve('/v2/image/manifests/1.0.0', JSON.stringify({ schemaVersion: 2, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${'1'.repeat(64)}` }] }));
    writeChartEntry(root, 'missing', { repo: `oci://${host}`, chart: 'demo', version: '9.9.9', digest: `sha256:${'2'.repeat(64)}` });
    writeChartEntry(root, 'image', { repo: `oci://${host}`, chart: 'image', version: '1.0.0', digest: `sha256:${'2'.repeat(64)}` });
    const errors = await chartErrorsOf(pullCharts(root, { cacheDir }));
    expect(errors.map((error) => [error.chart, error.code, error.field])).toEqual([
      ['image', 'index-entry-invalid', 'version'],
      ['missing', 'not-in-index', 'version'],
    ]);
    expect(errors[1]!.message).toContain('the registry has no tag "9.9.9" of demo');
  });

  it('asks the mirror\'s host, under <mirror path>/<registry>/<path>/<chart>', async () => {
    const { server, root, cacheDir } = await registry();
    const pushed = server.pushChart({ repository: 'proxy/quay.io/jetstack/charts/cert-manager', name: 'cert-manager', version: 'v1.19.6', files: templates });
    writeChartEntry(root, 'cert-manager', { repo: 'oci://quay.io/jetstack/charts', chart: 'cert-manager', version: 'v1.19.6', digest: pushed.digest });
    const result = await pullCharts(root, { cacheDir, mirror: parseMirror(`${server.url}/proxy`, '--mirror') });
    expect(result.charts[0]!.url).toBe(`${server.url}/v2/proxy/quay.io/jetstack/charts/cert-manager/blobs/${pushed.digest}`);
  });
});
