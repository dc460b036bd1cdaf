import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tree } from '../output/layout.js';

/**
 * A render remembered by everything it was computed from, so that synth and
 * check of an unchanged checkout skip loading cdk8s, the phases, the config
 * schema and the rules (most of their time). The render is a pure function
 * of the code (the launcher's bundle key: every source file of packages/ and
 * pnpm-lock.yaml, which pins every installed package), the Node version, and
 * the files it reads under the root: clusters/, charts/, secrets-allowlist.txt
 * and a legacy cluster.yaml (config/inventory.ts, charts/catalog.ts,
 * secrets/allowlist.ts are the only readers). The key hashes all of them,
 * names and bytes, every entry of those directories (hidden ones too), so an
 * edit anywhere misses the cache. Anything the key cannot read plainly (a
 * link, a FIFO, a device, an unreadable or oversized file) gives no key: the
 * full render runs and reports it as it always has. Only a render that
 * passed every rule is stored, and only if the inputs did not change while it
 * ran. The committed tree is not part of the key: synth still compares it
 * file by file and check still compares it byte for byte, so a hand edit in
 * dist/ or fleet/ is found as before.
 */
export interface RenderCache {
  /** Identifies the code that renders (the launcher's bundle key). */
  readonly codeKey: string;
  /** Where entries are kept. */
  readonly dir: string;
}

/** What check needs of the platforms besides the tree, when the render comes from the cache. */
export interface RenderFacts {
  /** The clusters, in render order. */
  readonly clusters: readonly string[];
  /** Every chart pin of the platforms (rendered/stage.ts platformPins). */
  readonly pins: ReadonlyArray<{ readonly chart: string; readonly version: string; readonly digest?: string; readonly source: string }>;
}

export interface CachedRender {
  readonly tree: Tree;
  readonly facts: RenderFacts;
}

/** The root's files a render reads (see above). */
export const RENDER_INPUTS = ['cluster.yaml', 'secrets-allowlist.txt', 'clusters', 'charts'] as const;
/** Bumped when an entry's layout or the key's recipe changes. */
const FORMAT = 'render-cache-1';
/** Larger inputs are left to the render, which refuses them with its own message. */
const MAX_INPUT_BYTES = 8 * 1024 * 1024;
/** Entries kept; older ones are removed when a new one is stored. */
const KEEP = 8;

/** The key of the inputs under `root` for this code, or undefined when an input is not plain files and directories. */
export function renderKey(root: string, cache: RenderCache): string | undefined {
  const hash = createHash('sha256').update(`${FORMAT}\0${cache.codeKey}\0${process.version}\0`);
  let total = 0;
  const visit = (relative: string): boolean => {
    let stats;
    try {
      stats = lstatSync(join(root, relative), { throwIfNoEntry: false });
    } catch {
      return false;
    }
    if (!stats) {
      hash.update(`absent\0${relative}\0`);
      return true;
    }
    if (stats.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(join(root, relative)).sort();
      } catch {
        return false;
      }
      hash.update(`dir\0${relative}\0${names.length}\0`);
      return names.every((name) => visit(`${relative}/${name}`));
    }
    if (!stats.isFile()) return false;
    total += stats.size;
    if (total > MAX_INPUT_BYTES) return false;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(root, relative));
    } catch {
      return false;
    }
    hash.update(`file\0${relative}\0${bytes.length}\0`).update(bytes).update('\0');
    return true;
  };
  return RENDER_INPUTS.every((input) => visit(input)) ? hash.digest('hex') : undefined;
}

const entryPath = (cache: RenderCache, key: string) => join(cache.dir, `${key}.json`);

/** The render stored under `key`, or undefined (none, or not a well-formed entry). */
export function readCachedRender(cache: RenderCache, key: string): CachedRender | undefined {
  let text: string;
  try {
    text = readFileSync(entryPath(cache, key), 'utf8');
  } catch {
    return undefined;
  }
  // The first line is the sha256 of the rest: a damaged entry is a miss, never a wrong tree.
  const newline = text.indexOf('\n');
  const body = text.slice(newline + 1);
  if (newline !== 64 || createHash('sha256').update(body).digest('hex') !== text.slice(0, 64)) return undefined;
  try {
    const entry = JSON.parse(body) as { key?: unknown; files?: unknown; facts?: RenderFacts };
    if (entry.key !== key || !Array.isArray(entry.files) || !entry.facts) return undefined;
    return { tree: new Map(entry.files as Array<[string, string]>), facts: entry.facts };
  } catch {
    return undefined;
  }
}

/** Stores a render under `key`, atomically; best effort (a cache that cannot be written is no error). */
export function storeRender(cache: RenderCache, key: string, render: CachedRender): void {
  try {
    mkdirSync(cache.dir, { recursive: true });
    const body = JSON.stringify({ key, files: [...render.tree], facts: render.facts });
    const temporary = join(cache.dir, `.${key}.${process.pid}.tmp`);
    writeFileSync(temporary, `${createHash('sha256').update(body).digest('hex')}\n${body}`);
    renameSync(temporary, entryPath(cache, key));
    prune(cache, key);
  } catch {
    // A read-only or full disk: the next run renders again.
  }
}

/** Keeps the newest entries (the one just stored among them). */
function prune(cache: RenderCache, kept: string): void {
  const entries = readdirSync(cache.dir)
    .filter((name) => name.endsWith('.json') && name !== `${kept}.json`)
    .map((name) => ({ name, mtime: statSync(join(cache.dir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const { name } of entries.slice(KEEP - 1)) rmSync(join(cache.dir, name), { force: true });
}
