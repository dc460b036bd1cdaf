import { posix } from 'node:path';
import type { ChartCatalog } from '../charts/catalog.js';
import type { FleetBundle } from '../model/bundle.js';
import { DEFAULT_LAYOUT, type OutputLayout } from '../output/layout.js';
import type { AllowList } from '../secrets/allowlist.js';
import type { KnownDocuments } from '../secrets/scan-tree.js';
import { fleetBundleName } from '../fleet/names.js';
import type { Tree } from '../output/layout.js';
import { loadDocuments, YAMLException } from '../yaml/yaml.js';
import { error, type Finding } from './finding.js';

/** One YAML document of a manifest file, with where it came from. */
export interface ManifestDocument {
  readonly file: string;
  /** 0-based position of the document in its file. */
  readonly index: number;
  readonly object: KubeObject;
}

export interface KubeObject {
  readonly apiVersion?: unknown;
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown; readonly labels?: unknown };
  readonly spec?: unknown;
  readonly [key: string]: unknown;
}

/** fleet.yaml as the rules read it (the validator checks its full shape). */
export interface FleetYaml {
  readonly name?: unknown;
  readonly defaultNamespace?: unknown;
  readonly namespace?: unknown;
  readonly namespaceLabels?: unknown;
  readonly dependsOn?: ReadonlyArray<{ readonly name?: unknown; readonly selector?: unknown }>;
  readonly helm?: {
    readonly repo?: unknown;
    readonly chart?: unknown;
    readonly version?: unknown;
    readonly releaseName?: unknown;
    readonly valuesFiles?: unknown;
    readonly values?: unknown;
    readonly disablePreProcess?: unknown;
  };
  readonly [key: string]: unknown;
}

/** A directory with a fleet.yaml: what Fleet turns into a Bundle. */
export interface BundleView {
  readonly dir: string;
  readonly fleetYamlFile: string;
  readonly fleetYaml: FleetYaml;
  /** The Bundle name: fleet.yaml `name:` or what Fleet computes from the GitRepo name and the path. */
  readonly name: string;
  /** Listed in the GitRepo's paths (else Fleet never deploys it). */
  readonly listed: boolean;
  /** Every file under the directory, nested bundles' included (Fleet packs them too). */
  readonly files: ReadonlyArray<readonly [string, string]>;
  /** The values files its helm.valuesFiles names, resolved to tree paths. */
  readonly valuesFiles: readonly string[];
  /** The Kubernetes objects of its manifest files. */
  readonly documents: readonly ManifestDocument[];
}

export interface GitRepoView {
  readonly file: string;
  readonly name: string;
  readonly namespace: string;
  readonly paths: readonly string[];
}

/** What the rules know besides the files. */
export interface ViewContext {
  /** Phase directory names in rollout order (dist/<phase>/...). */
  readonly phases: readonly string[];
  /** The cluster's Kubernetes minor, e.g. "1.31". */
  readonly kubernetesVersion: string;
  /** The pinned charts: a rendered chart's supported Kubernetes range, CRD handling, injected fields; charts/fleet's version. */
  readonly charts?: ChartCatalog;
  /** What phase code declared that the files cannot say (a bundle's Pod Security level). */
  readonly model?: { readonly fleetBundles: readonly FleetBundle[] };
  /** Where the tree keeps what; the single-cluster layout when absent. */
  readonly layout?: OutputLayout;
  /** Which Fleet deploys the cluster (its own, or a manager shared with other clusters), for names that must be unique within one Fleet. */
  readonly fleetInstance?: string;
  /** Documented false positives of the secret scan. */
  readonly secretAllowList?: AllowList;
  /** What the renderer knows of its own files, so the secret scan need not parse them back. */
  readonly scanHints?: KnownDocuments;
}

/**
 * One parsed view of a generated tree that every rule reads: the GitRepo,
 * the bundles with their fleet.yaml, files and objects, and every manifest
 * document. Files that do not parse are findings of their own.
 */
export interface TreeView extends ViewContext {
  readonly tree: Tree;
  readonly layout: OutputLayout;
  readonly gitRepo: GitRepoView | undefined;
  readonly bundles: readonly BundleView[];
  readonly bundleByName: ReadonlyMap<string, BundleView>;
  /** Every manifest document of the tree (fleet.yaml and values files are not manifests). */
  readonly documents: readonly ManifestDocument[];
  /** The phase position of a tree path (dist/<phase>/...), -1 outside any phase. */
  phaseOf(path: string): number;
  /** Problems met while parsing (a file that is not YAML). */
  readonly parseFindings: readonly Finding[];
}

const FLEET_YAML = /\/fleet\.ya?ml$/;

/** Parses `tree` once into the view the rules share. */
export function viewOf(tree: Tree, context: ViewContext): TreeView {
  const parseFindings: Finding[] = [];
  const load = (file: string): unknown[] => {
    try {
      return loadDocuments(tree.get(file) ?? '');
    } catch (cause) {
      const reason = cause instanceof YAMLException ? cause.reason : String(cause);
      const line = cause instanceof YAMLException && cause.mark ? cause.mark.line + 1 : undefined;
      parseFindings.push(error('yaml', file, `not valid YAML: ${reason}`, line ? { line } : {}));
      return [];
    }
  };

  const layout = context.layout ?? DEFAULT_LAYOUT;
  // A cluster's rules see that cluster's files only (dist/<cluster>/, fleet/<cluster>/).
  if (layout.cluster !== undefined && [...tree.keys()].some((path) => !layout.owns(path))) tree = new Map([...tree].filter(([path]) => layout.owns(path)));
  const gitRepoFile = tree.has(layout.gitRepoFile) ? layout.gitRepoFile : undefined;
  const gitRepoObject = gitRepoFile ? (load(gitRepoFile)[0] as { metadata?: { name?: unknown; namespace?: unknown }; spec?: { paths?: unknown } } | undefined) : undefined;
  const gitRepo: GitRepoView | undefined =
    gitRepoFile && gitRepoObject
      ? {
          file: gitRepoFile,
          name: String(gitRepoObject.metadata?.name ?? ''),
          namespace: String(gitRepoObject.metadata?.namespace ?? ''),
          paths: Array.isArray(gitRepoObject.spec?.paths) ? gitRepoObject.spec.paths.map(String) : [],
        }
      : undefined;
  const listed = new Set(gitRepo?.paths ?? []);

  const dirs = [...tree.keys()].filter((path) => FLEET_YAML.test(path)).map((path) => posix.dirname(path)).sort();
  const filesOf = new Map<string, Array<readonly [string, string]>>(dirs.map((dir) => [dir, []]));
  for (const entry of tree) {
    for (let dir = posix.dirname(entry[0]); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) filesOf.get(dir)?.push(entry);
  }

  const valuesFileSet = new Set<string>();
  const bundles = dirs.map((dir) => {
    const fleetYamlFile = tree.has(`${dir}/fleet.yaml`) ? `${dir}/fleet.yaml` : `${dir}/fleet.yml`;
    const document = load(fleetYamlFile)[0];
    const fleetYaml = (document && typeof document === 'object' ? document : {}) as FleetYaml;
    const valuesFiles = (Array.isArray(fleetYaml.helm?.valuesFiles) ? fleetYaml.helm.valuesFiles : []).map((file) => posix.normalize(`${dir}/${String(file)}`));
    for (const file of valuesFiles) valuesFileSet.add(file);
    const name = typeof fleetYaml.name === 'string' ? fleetYaml.name : fleetBundleName(gitRepo?.name ?? '', dir);
    return { dir, fleetYamlFile, fleetYaml, name, listed: listed.has(dir), files: filesOf.get(dir) ?? [], valuesFiles, documents: [] as ManifestDocument[] };
  });

  const documents: ManifestDocument[] = [];
  for (const file of tree.keys()) {
    if (!/\.ya?ml$/.test(file) || FLEET_YAML.test(file) || valuesFileSet.has(file) || !layout.isBundleFile(file)) continue;
    load(file).forEach((object, index) => {
      if (object && typeof object === 'object' && !Array.isArray(object)) documents.push({ file, index, object: object as KubeObject });
    });
  }
  for (const bundle of bundles) bundle.documents.push(...documents.filter((document) => document.file.startsWith(`${bundle.dir}/`)));

  const bundleByName = new Map<string, BundleView>();
  for (const bundle of bundles) if (!bundleByName.has(bundle.name)) bundleByName.set(bundle.name, bundle);
  return {
    ...context,
    layout,
    tree,
    gitRepo,
    bundles,
    bundleByName,
    documents,
    parseFindings,
    phaseOf: (path) => context.phases.indexOf(layout.phaseOf(path) ?? ''),
  };
}
