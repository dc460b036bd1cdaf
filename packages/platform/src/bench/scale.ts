import { checkTree, renderPlatform, ruleContext } from '@platform/engine';
import { syntheticPlatform } from './synthetic.js';

/**
 * One point of the scale series, as its own process: build and render `count`
 * synthetic bundles in memory (the render runs every rule, strict validation
 * included), then run the rules once more as check does on a committed tree;
 * print the times and the peak resident memory as JSON.
 */
const count = Number(process.argv[2] ?? '100');
const started = performance.now();
const platform = syntheticPlatform(count);
const tree = renderPlatform(platform);
const rendered = performance.now();
const problems = checkTree(tree, ruleContext(platform));
const checked = performance.now();
if (problems.length > 0) {
  process.stderr.write(`synthetic platform is not clean: ${JSON.stringify(problems.slice(0, 3))}\n`);
  process.exit(1);
}
process.stdout.write(
  `${JSON.stringify({ bundles: count, files: tree.size, renderMs: rendered - started, checkMs: checked - rendered, totalMs: checked - started, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
);
