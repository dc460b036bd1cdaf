/**
 * Where synth writes what. One module decides every path of the generated
 * tree, so no other file spells one.
 */

/** Repository-relative path → file content: the whole generated tree, held in memory. */
export type Tree = ReadonlyMap<string, string>;

/** The directories synth owns; nothing outside them is ever written. */
export const OUTPUT_DIRS = ['dist', 'fleet'] as const;

/** Ownership manifest: sha256 of every generated file, so hand edits are told apart from stale output. */
export const MANIFEST_FILE = 'dist/SHA256SUMS';

export const GITREPO_FILE = 'fleet/gitrepo.yaml';

/** The platform's generated documentation; git forges show a directory's README.md beside its listing. */
export const DOCS_FILE = 'dist/README.md';
