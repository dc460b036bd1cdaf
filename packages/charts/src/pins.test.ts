import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChartErrors } from './errors.js';
import { loadChartPins, selectPins } from './pins.js';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

function checkout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'pins-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function failures(root: string): { file?: string; field?: string; message: string }[] {
  try {
    loadChartPins(root);
  } catch (error) {
    if (!(error instanceof ChartErrors)) throw error;
    return error.errors.map(({ file, field, message }) => ({ ...(file ? { file } : {}), ...(field ? { field } : {}), message }));
  }
  throw new Error('loaded');
}

describe('loadChartPins reads repo, chart, version and digest of every charts/<id>/chart.yaml', () => {
  it('reads every chart, sorted by id, with or without a digest', () => {
    const root = checkout({
      'charts/b/chart.yaml': `repo: https://charts.example/b\nchart: b\nversion: "1.0.0"\ndigest: ${DIGEST}\nreason: anything else is the engine's\n`,
      'charts/a/chart.yaml': 'repo: oci://registry.example/charts\nchart: a\nversion: v2.0.0-rc.1\n',
      'charts/c d é/chart.yaml': 'repo: http://127.0.0.1:8080/x\nchart: c\nversion: 3.0.0\n',
    });
    expect(loadChartPins(root)).toEqual([
      { id: 'a', file: 'charts/a/chart.yaml', path: join(root, 'charts/a/chart.yaml'), repo: 'oci://registry.example/charts', chart: 'a', version: 'v2.0.0-rc.1' },
      { id: 'b', file: 'charts/b/chart.yaml', path: join(root, 'charts/b/chart.yaml'), repo: 'https://charts.example/b', chart: 'b', version: '1.0.0', digest: DIGEST },
      { id: 'c d é', file: 'charts/c d é/chart.yaml', path: join(root, 'charts/c d é/chart.yaml'), repo: 'http://127.0.0.1:8080/x', chart: 'c', version: '3.0.0' },
    ]);
  });

  it('reports every bad file at once, each with its file and field', () => {
    const root = checkout({
      'charts/chart-path/chart.yaml': 'repo: https://x.example\nchart: ../../etc/passwd\nversion: 1.0.0\n',
      'charts/version-path/chart.yaml': 'repo: https://x.example\nchart: v\nversion: ../../1.0.0\n',
      'charts/version-range/chart.yaml': 'repo: https://x.example\nchart: v\nversion: ^1.2.0\n',
      'charts/version-number/chart.yaml': 'repo: https://x.example\nchart: v\nversion: 1.10\n',
      'charts/digest-upper/chart.yaml': `repo: https://x.example\nchart: d\nversion: 1.0.0\ndigest: sha256:${'AB'.repeat(32)}\n`,
      'charts/digest-path/chart.yaml': 'repo: https://x.example\nchart: d\nversion: 1.0.0\ndigest: sha256:../../../../etc/passwd\n',
      'charts/digest-md5/chart.yaml': `repo: https://x.example\nchart: d\nversion: 1.0.0\ndigest: md5:${'a'.repeat(32)}\n`,
      'charts/repo-http/chart.yaml': 'repo: http://charts.example\nchart: r\nversion: 1.0.0\n',
      'charts/repo-creds/chart.yaml': 'repo: https://robot:hunter2@charts.example\nchart: r\nversion: 1.0.0\n',
      'charts/repo-file/chart.yaml': 'repo: file:///etc\nchart: r\nversion: 1.0.0\n',
      'charts/not-yaml/chart.yaml': 'repo: [\n',
      'charts/a-list/chart.yaml': '- repo\n',
      'charts/no-file/values.yaml': '# no chart.yaml\n',
    });
    const found = failures(root);
    expect(found.map(({ file, field }) => `${file}: ${field ?? ''}`)).toEqual([
      'charts/a-list/chart.yaml: ',
      'charts/chart-path/chart.yaml: chart',
      'charts/digest-md5/chart.yaml: digest',
      'charts/digest-path/chart.yaml: digest',
      'charts/digest-upper/chart.yaml: digest',
      'charts/no-file/chart.yaml: ',
      'charts/not-yaml/chart.yaml: line 2',
      'charts/repo-creds/chart.yaml: repo',
      'charts/repo-file/chart.yaml: repo',
      'charts/repo-http/chart.yaml: repo',
      'charts/version-number/chart.yaml: version',
      'charts/version-path/chart.yaml: version',
      'charts/version-range/chart.yaml: version',
    ]);
    expect(found.find((f) => f.file === 'charts/no-file/chart.yaml')?.message).toBe('does not exist');
    expect(JSON.stringify(found)).not.toContain('hunter2');
    expect(found.find((f) => f.file === 'charts/version-number/chart.yaml')?.message).toContain('got a number');
  });

  it('refuses a chart.yaml that is a FIFO, a directory or huge without blocking or reading it whole', () => {
    const root = checkout({ 'charts/big/chart.yaml': `repo: https://x.example\nchart: b\nversion: 1.0.0\nreason: ${'x'.repeat(70_000)}\n` });
    mkdirSync(join(root, 'charts/dir/chart.yaml'), { recursive: true });
    mkdirSync(join(root, 'charts/fifo'), { recursive: true });
    execFileSync('mkfifo', [join(root, 'charts/fifo/chart.yaml')]);
    expect(failures(root)).toEqual([
      { file: 'charts/big/chart.yaml', message: 'is larger than 64 KiB' },
      { file: 'charts/dir/chart.yaml', message: 'is a directory, not a regular file' },
      { file: 'charts/fifo/chart.yaml', message: 'is not a regular file' },
    ]);
  });

  it('selects charts by id and names an unknown one', () => {
    const root = checkout({ 'charts/a/chart.yaml': 'repo: https://x.example\nchart: a\nversion: 1.0.0\n', 'charts/b/chart.yaml': 'repo: https://x.example\nchart: b\nversion: 1.0.0\n' });
    const pins = loadChartPins(root);
    expect(selectPins(pins, ['b']).map((pin) => pin.id)).toEqual(['b']);
    expect(selectPins(pins, undefined).map((pin) => pin.id)).toEqual(['a', 'b']);
    expect(() => selectPins(pins, ['b', 'nope'])).toThrow('no chart "nope" in charts/');
  });
});
