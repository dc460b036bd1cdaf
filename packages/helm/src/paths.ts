import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This package's folder (src/ is one level down). */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the postinstall puts the pinned binary (gitignored). */
export const BUNDLED_HELM = join(PACKAGE_ROOT, 'bin', 'helm');

/** Where the postinstall says why there is no binary, when there is none. */
export const UNAVAILABLE_REASON = join(PACKAGE_ROOT, 'bin', 'unavailable.txt');
