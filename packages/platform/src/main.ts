import { fileURLToPath } from 'node:url';
import { runCli } from '@platform/engine';
import { phases } from './phases.js';

/** The repository root, found from this file, so output never depends on the working directory. */
export const repositoryRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

process.exitCode = runCli(process.argv.slice(2), { root: repositoryRoot, phases });
