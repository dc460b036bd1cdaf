import { chmodSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar';
import { describe, expect, it } from 'vitest';
import { sha256Digest } from '../digest.js';
import { buildChartArchive } from './archive.js';

interface Entry {
  path: string;
  type: string;
  mode: number;
  mtime: string;
  uid: number | undefined;
  uname: string | undefined;
  text: string;
}

function entries(bytes: Buffer): Entry[] {
  const found: Entry[] = [];
  tar
    .t({
      sync: true,
      onReadEntry: (entry) => {
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => found.push({ path: entry.path, type: entry.type, mode: entry.mode ?? -1, mtime: entry.mtime?.toISOString() ?? '', uid: entry.uid, uname: entry.uname, text: Buffer.concat(chunks).toString() }));
      },
    })
    .end(bytes);
  return found;
}

const files = {
  'values.yaml': 'replicas: 1\n',
  'templates/configmap.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n',
  'crds/widget.yaml': 'kind: CustomResourceDefinition\n',
  'values.schema.json': '{"type":"object"}\n',
};

describe('test chart archives are laid out as helm package lays them out, byte for byte reproducible', () => {
  it('puts every file under the chart name, files only, sorted, with a Chart.yaml when none is given', () => {
    const archive = buildChartArchive({ name: 'demo', version: '1.2.3', files });
    expect(archive.digest).toBe(sha256Digest(archive.bytes));
    expect(gunzipSync(archive.bytes).length % 512).toBe(0);
    expect(entries(archive.bytes).map(({ path, type, text }) => [path, type, text])).toEqual([
      ['demo/Chart.yaml', 'File', 'apiVersion: v2\nname: demo\nversion: 1.2.3\ntype: application\n'],
      ['demo/crds/widget.yaml', 'File', files['crds/widget.yaml']],
      ['demo/templates/configmap.yaml', 'File', files['templates/configmap.yaml']],
      ['demo/values.schema.json', 'File', files['values.schema.json']],
      ['demo/values.yaml', 'File', files['values.yaml']],
    ]);
  });

  it('makes the same bytes from the same files whatever their order, modes, times or owner on disk', () => {
    const fromMemory = buildChartArchive({ name: 'demo', version: '1.2.3', files: { ...files, 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.2.3\n' } });
    const dir = mkdtempSync(join(tmpdir(), 'chart-dir-'));
    for (const [path, text] of Object.entries({ 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.2.3\n', ...files }).reverse()) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
      chmodSync(join(dir, path), 0o664);
      utimesSync(join(dir, path), new Date('2011-03-04'), new Date('2011-03-04'));
    }
    const fromDisk = buildChartArchive({ name: 'demo', version: '1.2.3', dir });
    expect(fromDisk.digest).toBe(fromMemory.digest);
    expect(buildChartArchive({ name: 'demo', version: '1.2.3', files: { ...files, 'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 1.2.3\n' } }).bytes.equals(fromMemory.bytes)).toBe(true);
    for (const entry of entries(fromDisk.bytes)) {
      expect(entry).toMatchObject({ mode: 0o644, mtime: '2026-01-01T00:00:00.000Z' });
      expect(entry.uname ?? '').toBe('');
    }
    // Gzip header: no file name, no timestamp, OS "unknown" (255).
    expect([...fromDisk.bytes.subarray(3, 10)]).toEqual([0, 0, 0, 0, 0, 0, 255]);
  });

  it('changes its digest when one byte of one file changes', () => {
    const a = buildChartArchive({ name: 'demo', version: '1.0.0', files });
    const b = buildChartArchive({ name: 'demo', version: '1.0.0', files: { ...files, 'values.yaml': 'replicas: 2\n' } });
    expect(a.digest).not.toBe(b.digest);
  });

  it.each(['../escape.yaml', '/etc/passwd', 'templates/../../x', ''])('refuses a file path outside the chart: %j', (path) => {
    expect(() => buildChartArchive({ name: 'demo', version: '1.0.0', files: { [path]: 'x' } })).toThrow(TypeError);
  });
});
