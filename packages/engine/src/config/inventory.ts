import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PlatformError, PlatformErrors } from '../errors.js';
import { INPUT_LIMITS, readInputFile } from '../input/read-file.js';
import { quoteValue } from '../secrets/quote.js';
import { parseYamlFile } from '../yaml/yaml.js';
import { validateConfig } from './load.js';
import type { ClusterConfig } from './schema.js';
import { BASE_FILE, CLUSTER_FILE, INVENTORY_DIR } from './inventory-paths.js';

export { INVENTORY_DIR } from './inventory-paths.js';


/** More clusters than this is a mistake (a generated directory, say), not an inventory. */
export const MAX_INVENTORY_FILES = 1000;

/** How many files one `extends:` chain may stack. */
const MAX_CHAIN = 10;


/** One cluster of the inventory: its name (the file's), its merged and validated config, and where each value came from. */
export interface ClusterSource {
  readonly name: string;
  /** Repository-relative path of the cluster's own file. */
  readonly file: string;
  /** The files merged for it, the cluster's own first, then what it extends, in order. */
  readonly chain: readonly string[];
  readonly config: ClusterConfig;
  /** The file that set a dotted field (or its nearest parent that some file set): where to fix it. */
  setBy(field: string): string;
}

/**
 * Reads every cluster of the inventory. A cluster file may `extends: _name`
 * to take every value of `clusters/_name.yaml` (which may extend another),
 * and set or override any of them: mappings merge key by key, every other
 * value (lists included) replaces what the base set. Problems in every
 * cluster are reported together, each naming the file that set the value.
 */
export function loadInventory(root: string): ClusterSource[] {
  refuseLegacyConfig(root);
  const names = clusterNames(root);
  const bases = new Map<string, Layer>();
  const clusters: ClusterSource[] = [];
  const problems: PlatformError[] = [];
  for (const name of names) {
    try {
      clusters.push(loadCluster(root, name, bases));
    } catch (error) {
      if (error instanceof PlatformErrors) problems.push(...error.errors);
      else if (error instanceof PlatformError) problems.push(error);
      else throw error;
    }
  }
  if (problems.length > 0) throw new PlatformErrors(dedupe(problems));
  return clusters;
}

/** A parsed inventory file. */
interface Layer {
  readonly file: string;
  readonly data: Record<string, unknown>;
  readonly extends?: string;
}

function loadCluster(root: string, name: string, bases: Map<string, Layer>): ClusterSource {
  const own = readLayer(root, `${INVENTORY_DIR}/${name}.yaml`);
  const layers = [own];
  for (let layer = own; layer.extends !== undefined; ) {
    const file = `${INVENTORY_DIR}/${layer.extends}.yaml`;
    if (layers.some((seen) => seen.file === file)) {
      throw new PlatformError(`extends ${layer.extends}, which is already in its chain (${[...layers.map((seen) => seen.file), file].join(' -> ')})`, { file: layer.file, field: 'extends', hint: 'an extends chain must end in a file without extends' });
    }
    if (layers.length >= MAX_CHAIN) throw new PlatformError(`the extends chain is longer than ${MAX_CHAIN} files`, { file: own.file, field: 'extends' });
    let base = bases.get(file);
    if (!base) {
      if (!statSync(join(root, file), { throwIfNoEntry: false })) {
        throw new PlatformError(`extends ${layer.extends}, but ${file} does not exist`, { file: layer.file, field: 'extends', hint: `create ${file}, or fix the name (shared files are clusters/_<name>.yaml)` });
      }
      base = readLayer(root, file);
      bases.set(file, base);
    }
    layers.push(base);
    layer = base;
  }

  // Merge from the most general file to the cluster's own, remembering who set each field.
  const setters = new Map<string, string>();
  let merged: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) merged = mergeInto(merged, layer.data, layer.file, '', setters);
  const setBy = (field: string): string => {
    for (let path = field; path !== ''; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
      const file = setters.get(path);
      if (file) return file;
    }
    return own.file;
  };

  const cluster = merged.cluster;
  if (cluster && typeof cluster === 'object' && !Array.isArray(cluster) && 'name' in cluster) {
    throw new PlatformError(`a cluster's name is its file name (${own.file} is "${name}"); cluster.name is not set in a file`, { file: setBy('cluster.name'), field: 'cluster.name', hint: 'remove it; rename the file to rename the cluster' });
  }
  const withName = cluster && typeof cluster === 'object' && !Array.isArray(cluster) ? { ...merged, cluster: { name, ...cluster } } : merged;
  const config = validateConfig(withName, setBy);
  return { name, file: own.file, chain: layers.map((layer) => layer.file), config, setBy };
}

function readLayer(root: string, file: string): Layer {
  const data = parseYamlFile(readInputFile(join(root, file), file, INPUT_LIMITS.config), file);
  if (data === null || data === undefined) return { file, data: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new PlatformError(`is ${Array.isArray(data) ? 'a list' : `a single ${typeof data}`}, expected a mapping of settings (cluster, git, fleet, ...)`, { file, hint: 'see the README for the shape of a cluster file' });
  }
  const { extends: parent, ...rest } = data as Record<string, unknown>;
  if (parent === undefined) return { file, data: rest };
  if (typeof parent !== 'string' || !BASE_FILE.test(`${parent}.yaml`)) {
    throw new PlatformError(`got ${typeof parent === 'string' ? quoteValue(parent) : Array.isArray(parent) ? 'a list' : String(parent)}, expected the name of a shared file such as _defaults (for clusters/_defaults.yaml)`, { file, field: 'extends', hint: 'one name; a shared file may extend another' });
  }
  return { file, data: rest, extends: parent };
}

/** `base` with `over` merged in: mappings key by key, anything else replaced. Records the file of every field it sets. */
function mergeInto(base: Record<string, unknown>, over: Record<string, unknown>, file: string, prefix: string, setters: Map<string, string>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const field = prefix ? `${prefix}.${key}` : key;
    const current = result[key];
    setters.set(field, file);
    result[key] = isMapping(value) ? mergeInto(isMapping(current) ? current : {}, value, file, field, setters) : value;
  }
  return result;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The clusters of clusters/ (shared files are read when a cluster extends them), refusing any other file a typo could hide in. */
function clusterNames(root: string): string[] {
  const dir = join(root, INVENTORY_DIR);
  const stats = statSync(dir, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) {
    throw new PlatformError(`${stats ? 'is not a directory' : 'is missing'}: the inventory holds one file per cluster`, { file: `${INVENTORY_DIR}/`, hint: `create ${INVENTORY_DIR}/<cluster>.yaml (see the README: Clusters)` });
  }
  const entries = readdirSync(dir).filter((entry) => !entry.startsWith('.') && entry !== 'README.md').sort();
  if (entries.length > MAX_INVENTORY_FILES) throw new PlatformError(`holds ${entries.length} entries, more than the ${MAX_INVENTORY_FILES} an inventory may have`, { file: `${INVENTORY_DIR}/` });
  const clusters: string[] = [];
  const problems: PlatformError[] = [];
  for (const entry of entries) {
    const cluster = CLUSTER_FILE.exec(entry)?.[1];
    if (cluster) clusters.push(cluster);
    else if (!BASE_FILE.test(entry)) {
      const shown = JSON.stringify(entry).slice(1, -1);
      problems.push(new PlatformError('is neither a cluster file (<name>.yaml, the name a DNS label) nor a shared one (_<name>.yaml)', { file: `${INVENTORY_DIR}/${shown.length > 80 ? `${shown.slice(0, 77)}...` : shown}`, hint: 'rename it (lowercase letters, digits and -, ending in .yaml) or move it out of clusters/' }));
    }
  }
  if (problems.length > 0) throw new PlatformErrors(problems);
  if (clusters.length === 0) throw new PlatformError('holds no cluster file', { file: `${INVENTORY_DIR}/`, hint: `add ${INVENTORY_DIR}/<cluster>.yaml` });
  return clusters;
}

/** cluster.yaml is the single-cluster config of earlier versions: name the move instead of ignoring it. */
function refuseLegacyConfig(root: string): void {
  if (!statSync(join(root, 'cluster.yaml'), { throwIfNoEntry: false })) return;
  throw new PlatformError('is the single-cluster config of earlier versions; the platform now reads one file per cluster from clusters/', {
    file: 'cluster.yaml',
    hint: 'git mv cluster.yaml clusters/<name>.yaml, delete its cluster.name line (the file name is the name), run npm run synth, and read "Migrating from cluster.yaml" in the README before merging',
  });
}

function dedupe(problems: PlatformError[]): PlatformError[] {
  return problems.filter((problem, index) => problems.findIndex((other) => other.describe() === problem.describe()) === index);
}
