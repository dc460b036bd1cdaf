import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockCharts } from './lock.js';
import { parseMirror } from './mirror.js';
import { chartErrorsOf, startChartServer, writeChartEntry, type ChartServer, type FixtureRepository } from './testing/index.js';

const servers: ChartServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(): Promise<{ repos: ChartServer; repo: FixtureRepository; root: string }> {
  const repos = await startChartServer();
  servers.push(repos);
  return { repos, repo: repos.repository('/charts'), root: mkdtempSync(join(tmpdir(), 'lock-root-')) };
}

function chartYaml(root: string, id: string): string {
  return readFileSync(join(root, 'charts', id, 'chart.yaml'), 'utf8');
}


describe('lock records each chart version\'s digest from its repository index', () => {
  it('adds the digest after the version line, every other byte kept, and is byte-stable when run again', async () => {
    const { repo, root } = await setup();
    const published = repo.publish({ name: 'demo', version: '1.2.0' });
    const before = writeChartEntry(root, 'demo', { repo: repo.url, chart: 'demo', version: '1.2.0' });
    const result = await lockCharts(root);
    expect(result).toEqual({
      charts: [{ id: 'demo', file: 'charts/demo/chart.yaml', chart: 'demo', version: '1.2.0', digest: published.digest, change: 'added' }],
      written: ['charts/demo/chart.yaml'],
    });
    expect(chartYaml(root, 'demo')).toBe(before.replace('version: "1.2.0"\n', `version: "1.2.0"\ndigest: ${published.digest}\n`));

    const modified = statSync(join(root, 'charts/demo/chart.yaml')).mtimeMs;
    const again = await lockCharts(root);
    expect(again.written).toEqual([]);
    expect(again.charts[0]!.change).toBe('unchanged');
    expect(statSync(join(root, 'charts/demo/chart.yaml')).mtimeMs).toBe(modified);
  });

  it('records the new version\'s digest after a bump, and says from which version', async () => {
    const { repo, root } = await setup();
    const old = repo.publish({ name: 'demo', version: '1.2.0' });
    const next = repo.publish({ name: 'demo', version: '1.3.0', files: { 'values.yaml': 'new: true\n' } });
    writeChartEntry(root, 'demo', { repo: repo.url, chart: 'demo', version: '1.3.0', digest: old.digest });
    const result = await lockCharts(root);
    expect(result.charts[0]).toMatchObject({ change: 'bumped', previousVersion: '1.2.0', previousDigest: old.digest, digest: next.digest });
    expect(chartYaml(root, 'demo')).toContain(`digest: ${next.digest}\n`);
    expect(chartYaml(root, 'demo')).not.toContain(old.digest);
  });

  it('refuses a digest that changed for a locked version, and writes no file at all, not even the other charts\'', async () => {
    const { repo, root } = await setup();
    const original = repo.publish({ name: 'demo', version: '1.2.0' });
    repo.publish({ name: 'other', version: '0.1.0' });
    writeChartEntry(root, 'demo', { repo: repo.url, chart: 'demo', version: '1.2.0', digest: original.digest });
    const otherBefore = writeChartEntry(root, 'other', { repo: repo.url, chart: 'other', version: '0.1.0' });
    const demoBefore = chartYaml(root, 'demo');
    const republished = repo.publish({ name: 'demo', version: '1.2.0', files: { 'values.yaml': 'changed: true\n' } });

    const [error, ...rest] = await chartErrorsOf(lockCharts(root));
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ code: 'digest-changed', chart: 'demo', file: 'charts/demo/chart.yaml', field: 'digest' });
    expect(error!.message).toBe(`the repository now lists digest ${republished.digest} for demo 1.2.0, but ${original.digest} is locked: the version was re-published`);
    expect(error!.hint).toContain('lock --update');
    expect(chartYaml(root, 'demo')).toBe(demoBefore);
    expect(chartYaml(root, 'other')).toBe(otherBefore);
  });

  it('accepts the changed digest with update, and says which changed', async () => {
    const { repo, root } = await setup();
    const original = repo.publish({ name: 'demo', version: '1.2.0' });
    writeChartEntry(root, 'demo', { repo: repo.url, chart: 'demo', version: '1.2.0', digest: original.digest });
    const republished = repo.publish({ name: 'demo', version: '1.2.0', files: { 'values.yaml': 'changed: true\n' } });
    const result = await lockCharts(root, { update: true });
    expect(result.charts[0]).toMatchObject({ change: 'updated', previousDigest: original.digest, digest: republished.digest });
    expect(chartYaml(root, 'demo')).toContain(`digest: ${republished.digest}\n`);
  });

  it('refuses a version whose index entry has no digest, and a version or chart the index lacks', async () => {
    const { repo, root } = await setup();
    repo.publish({ name: 'nodigest', version: '1.0.0', indexDigest: null });
    repo.publish({ name: 'demo', version: '1.0.0' });
    writeChartEntry(root, 'nodigest', { repo: repo.url, chart: 'nodigest', version: '1.0.0' });
    writeChartEntry(root, 'missing-version', { repo: repo.url, chart: 'demo', version: '9.9.9' });
    writeChartEntry(root, 'missing-chart', { repo: repo.url, chart: 'ghost', version: '1.0.0' });
    const errors = await chartErrorsOf(lockCharts(root));
    expect(errors.map((error) => [error.chart, error.code, error.field])).toEqual([
      ['missing-chart', 'not-in-index', 'chart'],
      ['missing-version', 'not-in-index', 'version'],
      ['nodigest', 'index-entry-invalid', 'digest'],
    ]);
  });

  it('locks through a mirror, reading the index the mirror serves for the upstream repository', async () => {
    const { repos, root } = await setup();
    const mirrored = repos.repository('/mirror/charts.example.com/stable').publish({ name: 'demo', version: '1.0.0' });
    writeChartEntry(root, 'demo', { repo: 'https://charts.example.com/stable', chart: 'demo', version: '1.0.0' });
    const result = await lockCharts(root, { mirror: parseMirror(`${repos.url}/mirror`, '--mirror') });
    expect(result.charts[0]).toMatchObject({ change: 'added', digest: mirrored.digest });
    expect(repos.requests).toEqual(['/mirror/charts.example.com/stable/index.yaml']);
  });

  it('keeps a hand-written chart.yaml\'s comments, CRLF endings and mode', async () => {
    const { repo, root } = await setup();
    const published = repo.publish({ name: 'demo', version: '1.0.0' });
    writeChartEntry(root, 'demo', { repo: repo.url, chart: 'demo', version: '1.0.0' });
    const path = join(root, 'charts/demo/chart.yaml');
    const text = `# pinned by hand\r\nrepo: ${repo.url} # the test repository\r\nchart: demo\r\nversion: 1.0.0\r\n# keep this comment\r\nreason: x\r\n`;
    writeFileSync(path, text, { mode: 0o600 });
    const { chmodSync } = await import('node:fs');
    chmodSync(path, 0o600);
    await lockCharts(root);
    expect(readFileSync(path, 'utf8')).toBe(text.replace('version: 1.0.0\r\n', `version: 1.0.0\r\ndigest: ${published.digest}\r\n`));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a chart.yaml it cannot edit line by line rather than rewrite it', async () => {
    const { repo, root } = await setup();
    repo.publish({ name: 'demo', version: '1.0.0' });
    writeChartEntry(root, 'demo', { repo: repo.url, chart: 'demo', version: '1.0.0' });
    const path = join(root, 'charts/demo/chart.yaml');
    const text = `{repo: "${repo.url}", chart: demo, version: 1.0.0}\n`;
    writeFileSync(path, text);
    const [error] = await chartErrorsOf(lockCharts(root));
    expect(error).toMatchObject({ code: 'lock-write', file: 'charts/demo/chart.yaml', field: 'digest' });
    expect(readFileSync(path, 'utf8')).toBe(text);
  });
});
