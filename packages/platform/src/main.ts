import { runCli } from '@platform/engine';
import { phases } from './phases.js';
import { repositoryRoot } from './repository.js';

process.exitCode = await runCli(process.argv.slice(2), { root: repositoryRoot, phases });
