import { mkdirSync } from 'node:fs';
import { loadPlatforms } from '@platform/engine';
import { phases } from '../phases.js';
import { repositoryRoot } from '../repository.js';

/**
 * The same platform synthesized the common cdk8s way, for the benchmark:
 * the cdk8s CLI runs this app, and each phase (a cdk8s App) writes its charts
 * with App.synth() into the directory the CLI gives (CDK8S_OUTDIR).
 */
const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
mkdirSync(outdir, { recursive: true });
process.chdir(outdir);
for (const phase of loadPlatforms({ root: repositoryRoot }, phases).flatMap((platform) => platform.phases)) phase.synth();
