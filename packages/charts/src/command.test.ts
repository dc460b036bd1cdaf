import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { archivePath } from './cache.js';
import { runChartsCommand } from './command.js';
import { startChartServer, writeChartEntry, type ChartServer } from './testing/index.js';

const servers: ChartServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function mirrored() {
  const repos = await startChartServer();
  servers.push(repos);
  const root = mkdtempSync(join(tmpdir(), 'command-root-'));
  const a = repos.repository('/m/charts.example.com').publish({ name: 'a', version: '1.0.0' });
  const b = repos.repository('/m/other.example.org/helm').publish({ name: 'b', version: '2.0.0' });
  writeChartEntry(root, 'a', { repo: 'https://charts.example.com', chart: 'a', version: '1.0.0' });
  writeChartEntry(root, 'b', { repo: 'https://other.example.org/helm', chart: 'b', version: '2.0.0' });
  return { repos, root, a, b, env: { PLATFORM_CHART_MIRROR: `${repos.url}/m`, PLATFORM_CHART_CACHE: mkdtempSync(join(tmpdir(), 'command-cache-')) } };
}

describe('platform charts lock|pull, as the CLI runs them', () => {
  it('locks, then pulls, then pulls from the cache, through the mirror named by the environment', async () => {
    const { repos, root, a, b, env } = await mirrored();
    const lock = await runChartsCommand({ action: 'lock', root, env });
    expect(lock.exitCode).toBe(0);
    expect(lock.errors).toEqual([]);
    expect(lock.lines).toEqual([`locked      a: a 1.0.0 ${a.digest}`, `locked      b: b 2.0.0 ${b.digest}`, '2 charts locked: 2 chart.yaml files written']);
    expect(readFileSync(join(root, 'charts/a/chart.yaml'), 'utf8')).toContain(`digest: ${a.digest}\n`);

    const pull = await runChartsCommand({ action: 'pull', root, env });
    expect(a.bytes.length + b.bytes.length).toBeLessThan(1024);
    expect(pull.exitCode).toBe(0);
    expect(pull.lines).toEqual([
      `downloaded  a: a 1.0.0 ${a.digest} (${a.bytes.length} bytes from ${repos.url}/m/charts.example.com/a-1.0.0.tgz)`,
      `downloaded  b: b 2.0.0 ${b.digest} (${b.bytes.length} bytes from ${repos.url}/m/other.example.org/helm/b-2.0.0.tgz)`,
      `2 charts verified in ${env.PLATFORM_CHART_CACHE}: 2 downloaded (${a.bytes.length + b.bytes.length} bytes), 0 already cached`,
    ]);
    expect(pull.pull?.charts.map((chart) => chart.path)).toEqual([archivePath(env.PLATFORM_CHART_CACHE, a.digest), archivePath(env.PLATFORM_CHART_CACHE, b.digest)]);

    await repos.close();
    const warm = await runChartsCommand({ action: 'pull', root, env, charts: ['b'] });
    expect(warm.lines).toEqual([`cached      b: b 2.0.0 ${b.digest}`, `1 chart verified in ${env.PLATFORM_CHART_CACHE}: 0 downloaded (0 bytes), 1 already cached`]);
  });

  it('takes --mirror and --cache over the environment, and --mirror "" turns the mirror off', async () => {
    const { repos, root, env } = await mirrored();
    const cache = mkdtempSync(join(tmpdir(), 'command-cache-'));
    await runChartsCommand({ action: 'lock', root, env });
    const viaOption = await runChartsCommand({ action: 'pull', root, mirror: `${repos.url}/m`, cache, env: { PLATFORM_CHART_MIRROR: 'http://127.0.0.1:9/unreachable' } });
    expect(viaOption.exitCode).toBe(0);
    expect(viaOption.pull?.cacheDir).toBe(cache);
    const relative = await runChartsCommand({ action: 'pull', root, mirror: `${repos.url}/m`, cache: 'rel-cache', cwd: cache, env: {} });
    expect(relative.pull?.cacheDir).toBe(join(cache, 'rel-cache'));
    const off = await runChartsCommand({ action: 'pull', root, mirror: '', cache: mkdtempSync(join(tmpdir(), 'command-cache-')), env, idleTimeoutMs: 2000 });
    expect(off.exitCode).toBe(1);
    expect(off.errors[0]).toMatch(/^charts\/a\/chart\.yaml: repo: cannot read the index of https:\/\/charts\.example\.com: /);
  });

  it('reports user errors as messages and exit code 1, one per chart, never a stack', async () => {
    const { root, env } = await mirrored();
    const unlocked = await runChartsCommand({ action: 'pull', root, env });
    expect(unlocked).toMatchObject({ exitCode: 1, lines: [] });
    expect(unlocked.errors).toEqual([
      'charts/a/chart.yaml: digest: a 1.0.0 has no locked digest, so a download could not be verified\n  hint: run `platform charts lock` to record the digest from the repository index, review it, and commit chart.yaml',
      'charts/b/chart.yaml: digest: b 2.0.0 has no locked digest, so a download could not be verified\n  hint: run `platform charts lock` to record the digest from the repository index, review it, and commit chart.yaml',
    ]);
    expect((await runChartsCommand({ action: 'pull', root, env: { PLATFORM_CHART_MIRROR: 'ftp://x' } })).errors).toEqual(['PLATFORM_CHART_MIRROR: ftp://x is not an http:// or https:// URL\n  hint: give the mirror\'s http:// or https:// base URL; OCI charts are asked of the same host, as a registry']);
    expect((await runChartsCommand({ action: 'pull', root, env, update: true })).errors).toEqual(['--update: --update applies to lock only']);
    expect((await runChartsCommand({ action: 'lock', root, env, charts: ['nope'] })).errors[0]).toMatch(/^no chart "nope" in charts\/\n {2}hint: charts are: a, b$/);
  });
});
