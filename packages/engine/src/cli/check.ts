import { compareTrees, describeDrift } from '../check/compare.js';
import { formatResults, OUTPUT_FORMATS, type FileResult, type OutputFormat } from '../check/report.js';
import { readOutputTree } from '../dist/read.js';
import { lintTree } from '../lint/fleet-lint.js';
import { bundleRenames } from '../lint/renames.js';
import { fleetVersion } from '../render/checks.js';
import { validate } from '../validate/index.js';
import { loadPlatform } from '../model/platform.js';
import { renderPlatform } from '../render/render.js';
import { rendering } from '../render/rendering.js';
import { parseArgs } from './io.js';
import type { CliContext } from './main.js';

/**
 * The CI gate: render in memory (nothing is written), compare byte for byte
 * with the committed dist/ and fleet/, and lint the rendered tree.
 * Exit 0 when all holds, 1 when stale or invalid, 2 on usage or render errors.
 */
export function runCheck(args: string[], context: Required<CliContext>): number {
  const { flags } = parseArgs(args, ['output', 'config']);
  const output = (flags.get('output') ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(output)) {
    context.io.stderr(`error: --output must be one of ${OUTPUT_FORMATS.join(', ')}\n`);
    return 2;
  }
  const started = performance.now();
  const config = flags.get('config');
  const platform = rendering(() => loadPlatform({ root: context.root, ...(typeof config === 'string' ? { configFile: config } : {}) }, context.phases));
  const rendered = rendering(() => renderPlatform(platform));
  const committed = readOutputTree(context.root);

  const failures = new Map<string, Array<FileResult['failures'][number]>>();
  const fail = (path: string, kind: string, message: string, detail?: string) => {
    const list = failures.get(path) ?? [];
    list.push({ kind, message, ...(detail ? { detail } : {}) });
    failures.set(path, list);
  };
  for (const drift of compareTrees(committed, rendered)) fail(drift.path, drift.kind, describeDrift(drift), 'diff' in drift && drift.diff ? drift.diff : undefined);
  const version = fleetVersion(platform);
  const lintOptions = { ...(version ? { fleetVersion: version } : {}), charts: platform.inputs.charts.all() };
  for (const problem of lintTree(rendered, platform.phases.map((phase) => phase.name), lintOptions)) fail(problem.file, `fleet-lint/${problem.rule}`, `${problem.file}: ${problem.message}`);
  // What the difference from the committed tree does on a cluster when it is more than an update.
  for (const problem of bundleRenames(committed, rendered)) fail(problem.file, `fleet/${problem.rule}`, `${problem.file}: ${problem.message}`);
  const report = validate(
    [...rendered].filter(([path]) => /\.ya?ml$/.test(path)).map(([path, content]) => ({ path, content })),
    { strict: true, kubernetesVersion: platform.config.cluster.kubernetesVersion },
  );
  for (const file of report.files) {
    for (const resource of file.resources) {
      for (const error of resource.errors) {
        const where = [`${error.file}`, error.line ? `line ${error.line}` : '', `document ${error.document}`, error.resource, error.path].filter(Boolean).join(': ');
        fail(file.path, `invalid/${resource.status}`, `${where}: ${error.message}`);
      }
    }
  }

  const paths = [...new Set([...rendered.keys(), ...committed.keys(), ...failures.keys()])].sort();
  const results: FileResult[] = paths.map((path) => ({ path, failures: failures.get(path) ?? [] }));
  const bad = results.filter((result) => result.failures.length > 0).length;
  const ms = Math.round(performance.now() - started);
  const summary = bad === 0 ? `check: ${results.length} files up to date and valid (${ms} ms)` : `check: ${bad} of ${results.length} files stale or invalid (${ms} ms)`;
  context.io.stdout(formatResults('platform-check', results, output, summary));
  return bad === 0 ? 0 : 1;
}
