import { lintTree, renderPlatform, validate } from '@platform/engine';
import { syntheticPlatform } from './synthetic.js';

/**
 * One point of the scale series, as its own process: build, render and check
 * (lint + strict validation) `count` synthetic bundles in memory; print the
 * times and the peak resident memory as JSON.
 */
const count = Number(process.argv[2] ?? '100');
const started = performance.now();
const platform = syntheticPlatform(count);
const tree = renderPlatform(platform);
const rendered = performance.now();
const problems = lintTree(tree, platform.phases.map((phase) => phase.name));
const report = validate([...tree].filter(([path]) => path.endsWith('.yaml')).map(([path, content]) => ({ path, content })), { strict: true, kubernetesVersion: '1.31' });
const checked = performance.now();
if (problems.length > 0 || report.summary.invalid + report.summary.errors > 0) {
  process.stderr.write(`synthetic platform is not clean: ${JSON.stringify(problems.slice(0, 3))} ${report.summary.invalid + report.summary.errors} invalid\n`);
  process.exit(1);
}
process.stdout.write(
  `${JSON.stringify({ bundles: count, files: tree.size, renderMs: rendered - started, checkMs: checked - rendered, totalMs: checked - started, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
