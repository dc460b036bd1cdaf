/**
 * The secret scan: secrets are referenced by name (existingSecret and the
 * like), never rendered. `scanTree` runs over the whole rendered tree before
 * anything is written; `scanForSecrets` checks one parsed document.
 */
export { scanTree, fingerprint } from './scan-tree.js';
export { scanDocument as scanForSecrets } from './scan-document.js';
export { secretError, type SecretFinding } from './finding.js';
export { loadAllowList, parseAllowList, SECRET_ALLOW_LIST, EMPTY_ALLOW_LIST, type AllowList, type AllowEntry } from './allowlist.js';
