import { PlatformError, PlatformErrors } from '../errors.js';
import { fleetYaml, valuesFileName } from '../fleet/fleet-yaml.js';
import { fleetInstance, gitRepoObject, isManaged } from '../fleet/gitrepo.js';
import { isFleetBundle, type Bundle } from '../model/bundle.js';
import type { Platform } from '../model/platform.js';
import { checkTree, runInventoryRules, runRules } from '../rules/index.js';
import { viewOf } from '../rules/view.js';
import { secrets } from '../rules/secrets.js';
import { EMPTY_ALLOW_LIST, type AllowList } from '../secrets/allowlist.js';
import { inventoryDocs } from '../docs/inventory.js';
import { findingsError } from '../rules/finding.js';
import type { KubeObject } from '../rules/view.js';
import { objectFileName } from './files.js';
import { toYaml } from '../yaml/yaml.js';
import { platformDocs } from '../docs/readme.js';
import { DEFAULT_LAYOUT, type Tree } from '../output/layout.js';
import { sha256 } from '../output/manifest.js';

export { DOCS_FILE, GITREPO_FILE, MANIFEST_FILE, OUTPUT_DIRS, type Tree } from '../output/layout.js';



/**
 * Renders one platform (one cluster) into memory and checks the result with
 * every rule. Nothing is written.
 */
export function renderPlatform(platform: Platform): Tree {
  return renderPlatforms([platform]);
}

/**
 * Renders every cluster's platform into memory and checks the result with
 * every rule (rules/), the same ones check runs on the committed tree: each
 * cluster's rules on that cluster's files, then the rules across clusters.
 * Nothing is written: a problem anywhere means the caller writes nothing at all.
 * Each cluster is rendered and checked once, so the time grows linearly with the clusters.
 */
export function renderPlatforms(platforms: readonly Platform[]): Tree {
  const files = new Map<string, string>();
  const problems: PlatformError[] = [];
  const rendered: Array<{ platform: Platform; files: Map<string, string>; scanned: ScanInputs }> = [];
  for (const platform of platforms) {
    const own = renderClusterFiles(platform, problems);
    for (const [path, content] of own.files) files.set(path, content);
    rendered.push({ platform, ...own });
  }
  const inventory = inventoryFiles(platforms);
  for (const [path, content] of inventory) files.set(path, content);
  if (problems.length > 0) throw new PlatformErrors(problems);
  const tree = withManifest(files, DEFAULT_LAYOUT.manifestFile);
  // Every rule, the secret scan of exactly the bytes that would be written included.
  const views = rendered.map(({ platform, files: own, scanned }) => viewOf(sortedTree(own), { ...ruleContext(platform), scanHints: scanned }));
  const findings = [
    ...views.flatMap((view) => runRules(view)),
    // The shared files, with the allow-list entries no cluster owns (so an entry naming no file is still reported stale).
    ...(inventory.size > 0 ? checkTree(inventory, { phases: [], kubernetesVersion: '', secretAllowList: entriesWhere(platforms[0]?.inputs.secretAllowList ?? EMPTY_ALLOW_LIST, (file) => !platforms.some((platform) => platform.layout.owns(file))) }, [secrets]) : []),
    ...runInventoryRules(views),
  ].filter((finding) => finding.severity === 'error');
  if (findings.length > 0) throw new PlatformErrors(findingsError(findings));
  return tree;
}

/** One cluster's files: its bundles, its GitRepo and its documentation. Render problems are collected in `problems`. */
function renderClusterFiles(platform: Platform, problems: PlatformError[]): { files: Map<string, string>; scanned: ScanInputs } {
  problems.push(...foreignDependencies(platform));
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
  const gitRepo = gitRepoObject(platform.config, platform.gitRepoPaths);
  const { layout } = platform;
  const where = isManaged(platform.config) ? 'on the Fleet manager' : 'on the cluster once Fleet is running';
  files.set(layout.gitRepoFile, header(platform.inputs.source?.file ?? 'the cluster config', `Apply ${where} (kubectl apply -f ${layout.fleetDir}/); Fleet then pulls every listed bundle.`) + toYaml(gitRepo));
  scanned.documents.set(layout.gitRepoFile, [gitRepo]);
  files.set(layout.docsFile, platformDocs(platform));
  return { files, scanned };
}

/** The tree's top documentation, when the platforms are clusters of an inventory (each with its own directory). */
function inventoryFiles(platforms: readonly Platform[]): Map<string, string> {
  const clustered = platforms.filter((platform) => platform.layout.cluster !== undefined);
  return clustered.length === 0 ? new Map() : new Map([[DEFAULT_LAYOUT.inventoryDocsFile, inventoryDocs(clustered)]]);
}

/**
 * dependsOn takes bundle objects. One from another Platform instance renders
 * a name this tree may not hold, or worse, holds by coincidence: the rules see
 * only names, so this is checked on the model.
 */
function foreignDependencies(platform: Platform): PlatformError[] {
  const own = new Set(platform.fleetBundles);
  return platform.fleetBundles.flatMap((bundle) =>
    bundle.dependsOn
      .filter((dependency) => !own.has(dependency))
      .map((dependency) => new PlatformError(`depends on a bundle that is not part of this platform (${dependency.path})`, { file: `${bundle.path}/fleet.yaml`, field: 'dependsOn', hint: 'depend on a bundle a phase of this platform creates' })),
  );
}

/** What the rules need to know besides the files. */
export function ruleContext(platform: Platform) {
  return {
    phases: platform.phases.map((phase) => phase.name),
    kubernetesVersion: platform.config.cluster.kubernetesVersion,
    charts: platform.inputs.charts,
    model: platform,
    layout: platform.layout,
    fleetInstance: fleetInstance(platform.config),
    // Each cluster's scan answers for the allow-list entries of its own files, so none looks stale to another cluster.
    ...(platform.inputs.secretAllowList ? { secretAllowList: entriesWhere(platform.inputs.secretAllowList, (file) => platform.layout.owns(file)) } : {}),
  };
}

function entriesWhere(list: AllowList, keep: (file: string) => boolean): AllowList {
  return { ...list, entries: list.entries.filter((entry) => keep(entry.file)) };
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
  const problems: PlatformError[] = [];
  const source = bundle.phase.source;
  const add = (name: string, content: string) => {
    const path = `${bundle.path}/${name}`;
    if (files.has(path)) throw new PlatformError(`two objects would be written to ${name}`, { file: bundle.path, hint: 'give them distinct names' });
    files.set(path, content);
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
  return problems;
}

function header(source: string, note?: string): string {
  const lines = [`# Generated by \`npm run synth\` from ${source}. Edit the source, not this file.`];
  if (note) lines.push(`# ${note}`);
  return `${lines.join('\n')}\n`;
}

// The manifest's format lives apart (output/manifest.ts) so the writer and check's compare load without the renderer.
export { parseManifest, sha256 } from '../output/manifest.js';

/** Adds the ownership manifest (sha256sum format, so `sha256sum -c dist/SHA256SUMS` verifies the tree). */
function withManifest(files: Map<string, string>, manifestFile: string): Tree {
  const paths = [...files.keys()].sort(byCodeUnit);
  const manifest = paths.map((path) => `${sha256(files.get(path) ?? '')}  ${path}\n`).join('');
  const sorted = new Map<string, string>();
  for (const path of [...paths, manifestFile].sort(byCodeUnit)) sorted.set(path, path === manifestFile ? manifest : (files.get(path) ?? ''));
  return sorted;
}

function sortedTree(files: ReadonlyMap<string, string>): Tree {
  return new Map([...files].sort(([a], [b]) => byCodeUnit(a, b)));
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
