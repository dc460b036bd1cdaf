import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startChartServer, type ChartServer } from './server.js';

const servers: ChartServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(): Promise<ChartServer> {
  const server = await startChartServer();
  servers.push(server);
  return server;
}

describe('the loopback Helm repository', () => {
  it('listens on 127.0.0.1 and serves index.yaml as helm repo index writes it, newest version first', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const repo = server.repository('/charts');
    const old = repo.publish({ name: 'demo', version: '1.2.0' });
    const next = repo.publish({ name: 'demo', version: '1.10.0' });
    repo.publish({ name: 'alpha', version: '0.1.0', indexDigest: null });
    const index = yaml.load(await (await fetch(`${repo.url}/index.yaml`)).text()) as { apiVersion: string; entries: Record<string, { version: string; digest?: string; urls: string[] }[]> };
    expect(index.apiVersion).toBe('v1');
    expect(Object.keys(index.entries)).toEqual(['alpha', 'demo']);
    expect(index.entries.demo!.map((entry) => [entry.version, entry.digest, entry.urls])).toEqual([
      ['1.10.0', next.digest.slice(7), ['demo-1.10.0.tgz']],
      ['1.2.0', old.digest.slice(7), ['demo-1.2.0.tgz']],
    ]);
    expect(index.entries.alpha![0]!.digest).toBeUndefined();
    expect(Buffer.from(await (await fetch(`${repo.url}/demo-1.2.0.tgz`)).arrayBuffer()).equals(old.bytes)).toBe(true);
  });

  it('serves a JSON index, unpublishes, answers 404 for what it does not have, and logs every request', async () => {
    const server = await start();
    const repo = server.repository('/', { format: 'json' });
    repo.publish({ name: 'demo', version: '1.0.0' });
    repo.unpublish('demo', '1.0.0');
    const index = JSON.parse(await (await fetch(`${server.url}/index.yaml`)).text()) as { entries: Record<string, unknown[]> };
    expect(index.entries.demo).toEqual([]);
    expect((await fetch(`${server.url}/demo-1.0.0.tgz`)).status).toBe(200);
    expect((await fetch(`${server.url}/nothing.tgz?x=1`)).status).toBe(404);
    expect(server.requests).toEqual(['/index.yaml', '/demo-1.0.0.tgz', '/nothing.tgz?x=1']);
  });

  it('fails, lags and stalls paths on request', async () => {
    const server = await start();
    server.serve('/file', 'x'.repeat(1000));
    server.fault('/file', { status: 503 });
    expect((await fetch(`${server.url}/file`)).status).toBe(503);
    server.fault('/file', { delayMs: 200 });
    const started = performance.now();
    expect(await (await fetch(`${server.url}/file`)).text()).toHaveLength(1000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    server.fault('/file', { stallAfterBytes: 10 });
    const response = await fetch(`${server.url}/file`);
    expect(response.headers.get('content-length')).toBe('1000');
    const reader = response.body!.getReader();
    expect((await reader.read()).value).toHaveLength(10);
    const stalled = await Promise.race([reader.read().then(() => 'more'), new Promise((resolve) => setTimeout(() => resolve('stalled'), 300))]);
    expect(stalled).toBe('stalled');
    void reader.cancel().catch(() => undefined);
  });
});
