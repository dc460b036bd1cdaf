/** Repository-relative path → file content: the whole generated tree, held in memory. */
export type Tree = ReadonlyMap<string, string>;

/**
 * Where synth writes what. One object decides every path of the generated
 * tree (cluster, phase and bundle directories, the GitRepos, the ownership
 * manifest, the documentation, synth's scratch space) and is handed to every
 * stage: model, render, rules, writer, reader and check. No other module
 * spells a path.
 *
 * A layout for a cluster puts that cluster's bundles under dist/<cluster>/ and
 * its GitRepo under fleet/<cluster>/, so clusters never share a file and
 * adding one changes no other cluster's bytes. A layout without a cluster
 * (DEFAULT_LAYOUT) is one platform rendered on its own, as unit tests do.
 */
export class OutputLayout {
  /** Where the bundles go. */
  readonly dist = 'dist';
  /** Where the GitRepos go. */
  readonly fleet = 'fleet';
  /** Synth's private scratch space beside dist/ (same file system, so renames are atomic). Git-ignored. */
  readonly workDir = '.synth';

  /** @param cluster the cluster whose files this layout places; none for a platform rendered alone. */
  constructor(readonly cluster?: string) {}

  /** The same tree's layout for one cluster. */
  forCluster(cluster: string): OutputLayout {
    return new OutputLayout(cluster);
  }

  /** The directories synth owns; nothing outside them is ever written. */
  get outputDirs(): readonly string[] {
    return [this.dist, this.fleet];
  }

  /** Ownership manifest: sha256 of every generated file, so hand edits are told apart from stale output. One for the whole tree. */
  get manifestFile(): string {
    return `${this.dist}/SHA256SUMS`;
  }

  /** The tree's top documentation (every cluster, the component-by-cluster matrix); git forges show a directory's README.md beside its listing. */
  get inventoryDocsFile(): string {
    return `${this.dist}/README.md`;
  }

  /** dist/<cluster>, or dist/ for a platform rendered alone. */
  get clusterDir(): string {
    return this.cluster === undefined ? this.dist : `${this.dist}/${this.cluster}`;
  }

  /** Directory of the cluster's GitRepo. */
  get fleetDir(): string {
    return this.cluster === undefined ? this.fleet : `${this.fleet}/${this.cluster}`;
  }

  /** This cluster's generated documentation. */
  get docsFile(): string {
    return `${this.clusterDir}/README.md`;
  }

  /** The Fleet GitRepo that lists the cluster's bundle directories. */
  get gitRepoFile(): string {
    return `${this.fleetDir}/gitrepo.yaml`;
  }

  /** Directory of a phase's bundles. */
  phaseDir(phase: string): string {
    return `${this.clusterDir}/${phase}`;
  }

  /** Directory of one bundle. */
  bundleDir(phase: string, bundle: string): string {
    return `${this.phaseDir(phase)}/${bundle}`;
  }

  /** True for a path this layout's cluster owns (its dist/ and fleet/ directories); every path without a cluster. */
  owns(path: string): boolean {
    return this.cluster === undefined || path.startsWith(`${this.clusterDir}/`) || path.startsWith(`${this.fleetDir}/`);
  }

  /** The phase a tree path belongs to, if it lies in one of this cluster's phase directories. */
  phaseOf(path: string): string | undefined {
    const prefix = `${this.clusterDir}/`;
    if (!path.startsWith(prefix)) return undefined;
    const [phase, rest] = path.slice(prefix.length).split('/', 2);
    return phase && rest !== undefined ? phase : undefined;
  }

  /** True for a path of a manifest or fleet.yaml that Fleet or RKE2 reads (inside a phase directory). */
  isBundleFile(path: string): boolean {
    return this.phaseOf(path) !== undefined;
  }

  /** The cluster a path of a multi-cluster tree belongs to (dist/<cluster>/..., fleet/<cluster>/...), if any. */
  static clusterOf(path: string): string | undefined {
    const [top, cluster, rest] = path.split('/', 3);
    return (top === 'dist' || top === 'fleet') && cluster && rest !== undefined ? cluster : undefined;
  }
}

/** The layout of one platform rendered on its own (unit tests); the CLI renders every cluster with `forCluster`. */
export const DEFAULT_LAYOUT = new OutputLayout();

// The paths every layout shares, for the writer, the reader and tests.
export const OUTPUT_DIRS = DEFAULT_LAYOUT.outputDirs;
export const MANIFEST_FILE = DEFAULT_LAYOUT.manifestFile;
export const GITREPO_FILE = DEFAULT_LAYOUT.gitRepoFile;
export const DOCS_FILE = DEFAULT_LAYOUT.docsFile;
