import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { PlatformError, PlatformErrors } from '../errors.js';
import { fleetYaml, valuesFileName } from '../fleet/fleet-yaml.js';
import { gitRepoObject } from '../fleet/gitrepo.js';
import { isFleetBundle, type Bundle } from '../model/bundle.js';
import type { Platform } from '../model/platform.js';
import { checkCrdSplit, checkPlatform, type KubeObject } from './checks.js';
import { objectFileName } from './files.js';
import { toYaml } from './yaml.js';
import { EMPTY_ALLOW_LIST, scanTree } from '../secrets/scan.js';

/** Repository-relative path → file content: the whole generated tree, held in memory. */
export type Tree = ReadonlyMap<string, string>;

/** The directories synth owns; nothing outside them is ever written. */
export const OUTPUT_DIRS = ['dist', 'fleet'] as const;
/** Ownership manifest: sha256 of every generated file, so hand edits are told apart from stale output. */
export const MANIFEST_FILE = 'dist/SHA256SUMS';
export const GITREPO_FILE = 'fleet/gitrepo.yaml';
/** Fleet refuses bundles whose resources exceed 1 MB gzipped; stay well under it. */
export const MAX_BUNDLE_GZIP_BYTES = 512 * 1024;

/**
 * Renders every phase into memory and checks the result. Nothing is written:
 * a problem anywhere means the caller writes nothing at all.
 */
export function renderPlatform(platform: Platform): Tree {
  const problems = checkPlatform(platform);
  const files = new Map<string, string>();
  const scanned: ScanInputs = { documents: new Map(), sources: new Map(), parses: new Map(platform.inputs.charts.all().map((chart) => [chart.valuesText, [chart.values]])) };
  for (const bundle of platform.bundles) {
    try {
      problems.push(...renderBundle(bundle, files, scanned));
    } catch (error) {
      if (error instanceof PlatformError) problems.push(error);
      else throw error;
    }
  }
  const paths = platform.gitRepoPaths;
  const pathProblems = checkGitRepoPaths(paths, files);
  problems.push(...pathProblems);
  if (pathProblems.length === 0) {
    const gitRepo = gitRepoObject(platform.config, paths);
    files.set(GITREPO_FILE, header('cluster.yaml', 'Apply once Fleet is running (kubectl apply -f fleet/); Fleet then pulls every listed bundle.') + toYaml(gitRepo));
    scanned.documents.set(GITREPO_FILE, [gitRepo]);
  }
  // The secret scan reads exactly the bytes that would be written, every file included.
  problems.push(...scanTree(files, platform.inputs.secretAllowList ?? EMPTY_ALLOW_LIST, scanned));
  if (problems.length > 0) throw new PlatformErrors(problems);
  return withManifest(files);
}

/**
 * What the secret scan is given besides the bytes: the documents a generated
 * file serializes (so it need not parse them back; files the user wrote, the
 * values copies, were parsed by the chart catalog), and the file the user
 * edits for each copy.
 */
interface ScanInputs {
  readonly documents: Map<string, unknown[]>;
  readonly sources: Map<string, string>;
  readonly parses: Map<string, unknown[]>;
}

/** Renders one bundle into `files`; `scanned` learns each generated file's document and each copy's source. */
function renderBundle(bundle: Bundle, files: Map<string, string>, scanned: ScanInputs): PlatformError[] {
  const objects = bundle.objects().map((object) => object.toJson() as KubeObject);
  const problems = checkCrdSplit(bundle.path, objects);
  const source = bundle.phase.source;
  const written: string[] = [];
  const add = (name: string, content: string) => {
    const path = `${bundle.path}/${name}`;
    if (files.has(path)) throw new PlatformError(`two objects would be written to ${name}`, { file: bundle.path, hint: 'give them distinct names' });
    files.set(path, content);
    written.push(content);
  };
  const scan = (name: string, document: unknown) => scanned.documents.set(`${bundle.path}/${name}`, [document]);
  for (const object of objects) {
    const name = objectFileName(object, bundle.path);
    scan(name, object);
    add(name, header(source) + toYaml(object));
  }
  if (isFleetBundle(bundle)) {
    const fleetBundle = bundle;
    const valuesName = valuesFileName(fleetBundle);
    const reason = fleetBundle.props.disabled?.reason;
    const note = reason ? `NOT DEPLOYED: left out of the GitRepo paths (fleet/gitrepo.yaml). ${reason}` : `Fleet bundle ${fleetBundle.fleetName}.`;
    const document = fleetYaml(fleetBundle, valuesName);
    scan('fleet.yaml', document);
    add('fleet.yaml', header(source, note) + toYaml(document));
    // Byte-identical copy of the chart's values file, inside the bundle (Fleet reads values files relative to it).
    if (valuesName && fleetBundle.props.helm) {
      add(valuesName, fleetBundle.props.helm.chart.valuesText);
      scanned.sources.set(`${bundle.path}/${valuesName}`, fleetBundle.props.helm.chart.valuesFile);
    }
  }
  const size = gzipSync(written.join('\n')).length;
  if (size > MAX_BUNDLE_GZIP_BYTES) {
    problems.push(new PlatformError(`bundle is ${size} bytes gzipped; Fleet's limit is 1 MB and this project keeps bundles under ${MAX_BUNDLE_GZIP_BYTES}`, { file: bundle.path, hint: 'split it' }));
  }
  return problems;
}

function checkGitRepoPaths(paths: readonly string[], files: ReadonlyMap<string, string>): PlatformError[] {
  if (paths.length === 0) {
    return [new PlatformError('refusing to render a GitRepo without paths: Fleet would deploy the whole repository', { file: GITREPO_FILE, field: 'spec.paths', hint: 'enable at least one Fleet bundle (the canary is the natural first)' })];
  }
  return paths.flatMap((path) => {
    if (path === '' || path === '/' || path === '.' || path.startsWith('/')) {
      return [new PlatformError(`"${path}" is not a bundle directory; Fleet would scan the repository root`, { file: GITREPO_FILE, field: 'spec.paths' })];
    }
    return files.has(`${path}/fleet.yaml`) ? [] : [new PlatformError(`${path} has no fleet.yaml`, { file: GITREPO_FILE, field: 'spec.paths' })];
  });
}

function header(source: string, note?: string): string {
  const lines = [`# Generated by \`npm run synth\` from ${source}. Edit the source, not this file.`];
  if (note) lines.push(`# ${note}`);
  return `${lines.join('\n')}\n`;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

/** Adds the ownership manifest (sha256sum format, so `sha256sum -c dist/SHA256SUMS` verifies the tree). */
function withManifest(files: Map<string, string>): Tree {
  const paths = [...files.keys()].sort(byCodeUnit);
  const manifest = paths.map((path) => `${sha256(files.get(path) ?? '')}  ${path}\n`).join('');
  const sorted = new Map<string, string>();
  for (const path of [...paths, MANIFEST_FILE].sort(byCodeUnit)) sorted.set(path, path === MANIFEST_FILE ? manifest : (files.get(path) ?? ''));
  return sorted;
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parses an ownership manifest back into path → sha256. */
export function parseManifest(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (match?.[1] && match[2]) entries.set(match[2], match[1]);
  }
  return entries;
}
