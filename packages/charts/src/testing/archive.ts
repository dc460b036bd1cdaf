import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, sep } from 'node:path';
import * as tar from 'tar';
import { sha256Digest } from '../digest.js';

/** A chart's files by path inside the chart (`Chart.yaml`, `values.yaml`, `templates/x.yaml`, `crds/y.yaml`, `values.schema.json`). */
export type ChartFiles = Readonly<Record<string, string | Uint8Array>>;

/** What a test archive is made of. */
export interface ChartSource {
  readonly name: string;
  readonly version: string;
  /** Files by chart-relative path; they win over files of `dir` with the same path. */
  readonly files?: ChartFiles;
  /** A chart directory on disk, read whole. */
  readonly dir?: string;
}

export interface ChartArchive {
  readonly bytes: Buffer;
  /** `sha256:<hex>` of `bytes`, as lock records it. */
  readonly digest: string;
}

/** Every entry's mtime: fixed, so the same files make the same bytes whenever they are built. */
const MTIME = new Date('2026-01-01T00:00:00Z');

/**
 * A chart archive (.tgz) as `helm package` lays it out: every file under one
 * top-level directory named after the chart, files only (no directory
 * entries), gzip. Chart.yaml is written from name and version when the
 * files have none.
 *
 * The bytes depend only on the files: entries sorted by path, every mtime
 * fixed, node-tar's `portable` mode (no uid, gid, user or group names, no
 * atime or ctime, file modes normalised to 0644 whatever the umask, and the
 * gzip header's OS byte set to "unknown"). The compressed stream is zlib's;
 * the digest of the same files is stable on one Node version, so tests take
 * digests from `digest`, never from a literal.
 */
export function buildChartArchive(source: ChartSource): ChartArchive {
  const files = new Map<string, string | Uint8Array>();
  if (source.dir) for (const path of listFiles(source.dir)) files.set(path, readFileSync(join(source.dir, ...path.split('/'))));
  for (const [path, content] of Object.entries(source.files ?? {})) files.set(checkPath(path), content);
  if (!files.has('Chart.yaml')) files.set('Chart.yaml', `apiVersion: v2\nname: ${source.name}\nversion: ${source.version}\ntype: application\n`);
  const staging = mkdtempSync(join(tmpdir(), 'chart-archive-'));
  try {
    const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const path of paths) {
      const target = join(staging, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, files.get(path)!);
    }
    const chunks: Buffer[] = [];
    const pack = tar.create({ sync: true, gzip: true, portable: true, mtime: MTIME, cwd: staging, prefix: source.name, noDirRecurse: true }, paths);
    pack.on('data', (chunk: Buffer) => chunks.push(chunk));
    const bytes = Buffer.concat(chunks);
    return { bytes, digest: sha256Digest(bytes) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Chart-relative paths only: an archive built here never escapes its chart directory. */
function checkPath(path: string): string {
  const normal = posix.normalize(path);
  if (path === '' || posix.isAbsolute(path) || normal !== path || normal.startsWith('../') || normal === '..') {
    throw new TypeError(`chart file paths are relative and normalised (templates/x.yaml), got ${JSON.stringify(path)}`);
  }
  return path;
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path, base);
    return entry.isFile() ? [relative(base, path).split(sep).join('/')] : [];
  });
}
