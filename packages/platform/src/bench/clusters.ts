import { runCli } from '@platform/engine';
import { phases } from '../phases.js';

/**
 * One sample of the cluster series, as its own process: run one CLI command
 * (synth or check) on a checkout whose inventory holds N clusters, and print
 * its exit code, wall time and the process's peak resident memory as JSON.
 */
const [root = '', command = 'synth'] = process.argv.slice(2);
const started = performance.now();
const status = await runCli([command], { root, phases, io: { stdout: () => undefined, stderr: (text) => process.stderr.write(text) } });
process.stdout.write(`${JSON.stringify({ status, ms: performance.now() - started, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
