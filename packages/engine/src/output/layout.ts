/** Repository-relative path → file content: the whole generated tree, held in memory. */
export type Tree = ReadonlyMap<string, string>;

/**
 * Where synth writes what. One object decides every path of the generated
 * tree (phase and bundle directories, the GitRepo, the ownership manifest,
 * the documentation, synth's scratch space) and is handed to every stage:
 * model, render, rules, writer, reader and check. No other module spells a
 * path, so a second layout (one directory per cluster, say) is one change here.
 */
export class OutputLayout {
  /** Where the bundles go: dist/<phase>/<bundle>/. */
  readonly dist = 'dist';
  /** Where the GitRepo goes. */
  readonly fleet = 'fleet';
  /** Synth's private scratch space beside dist/ (same file system, so renames are atomic). Git-ignored. */
  readonly workDir = '.synth';

  /** The directories synth owns; nothing outside them is ever written. */
  get outputDirs(): readonly string[] {
    return [this.dist, this.fleet];
  }

  /** Ownership manifest: sha256 of every generated file, so hand edits are told apart from stale output. */
  get manifestFile(): string {
    return `${this.dist}/SHA256SUMS`;
  }

  /** The platform's generated documentation; git forges show a directory's README.md beside its listing. */
  get docsFile(): string {
    return `${this.dist}/README.md`;
  }

  /** The Fleet GitRepo that lists the bundle directories. */
  get gitRepoFile(): string {
    return `${this.fleet}/gitrepo.yaml`;
  }

  /** Directory of a phase's bundles. */
  phaseDir(phase: string): string {
    return `${this.dist}/${phase}`;
  }

  /** Directory of one bundle. */
  bundleDir(phase: string, bundle: string): string {
    return `${this.phaseDir(phase)}/${bundle}`;
  }

  /** The phase a tree path belongs to, if it lies in a phase directory. */
  phaseOf(path: string): string | undefined {
    const [top, phase, rest] = path.split('/', 3);
    return top === this.dist && phase && rest !== undefined ? phase : undefined;
  }

  /** True for a path of a manifest or fleet.yaml that Fleet or RKE2 reads (inside a phase directory). */
  isBundleFile(path: string): boolean {
    return this.phaseOf(path) !== undefined;
  }
}

/** The layout of a single-cluster checkout. */
export const DEFAULT_LAYOUT = new OutputLayout();

// The default layout's paths by name, for tests and tools that read a tree of this layout.
export const OUTPUT_DIRS = DEFAULT_LAYOUT.outputDirs;
export const MANIFEST_FILE = DEFAULT_LAYOUT.manifestFile;
export const GITREPO_FILE = DEFAULT_LAYOUT.gitRepoFile;
export const DOCS_FILE = DEFAULT_LAYOUT.docsFile;
