import { compareTrees, describeDrift } from '../check/compare.js';
import { formatResults, type FileResult, type OutputFormat } from '../check/report.js';
import { readOutputTree } from '../dist/read.js';
import { lintTree } from '../lint/fleet-lint.js';
import { validate } from '../validate/index.js';
import { loadPlatform } from '../model/platform.js';
import { renderPlatform } from '../render/render.js';
import { rendering } from '../render/rendering.js';
import { isPlatformError, PlatformErrors, type PlatformError } from '../errors.js';
import type { CliContext } from './context.js';

/**
 * The CI gate: render in memory (nothing is written), compare byte for byte
 * with the committed dist/ and fleet/, and lint the rendered tree.
 * Exit 0 when all holds, 1 when stale or invalid, 2 on usage or render errors.
 */
export function runCheck(options: { output: OutputFormat; configFile?: string | undefined }, context: Required<CliContext>): number {
  const { output } = options;
  const started = performance.now();
  let platform: ReturnType<typeof loadPlatform>;
  let rendered: ReturnType<typeof renderPlatform>;
  try {
    platform = rendering(() => loadPlatform({ root: context.root, ...(options.configFile ? { configFile: options.configFile } : {}) }, context.phases));
    rendered = rendering(() => renderPlatform(platform));
  } catch (error) {
    // CI keeps the report as an artifact: it must say what broke, in the format asked for, not be empty.
    if (isPlatformError(error) && output !== 'text') context.io.stdout(renderErrorReport(error instanceof PlatformErrors ? error.errors : [error], output));
    throw error;
  }
  const committed = readOutputTree(context.root);

  const failures = new Map<string, Array<FileResult['failures'][number]>>();
  const fail = (path: string, kind: string, message: string, detail?: string) => {
    const list = failures.get(path) ?? [];
    list.push({ kind, message, ...(detail ? { detail } : {}) });
    failures.set(path, list);
  };
  for (const drift of compareTrees(committed, rendered)) fail(drift.path, drift.kind, describeDrift(drift), 'diff' in drift && drift.diff ? drift.diff : undefined);
  for (const problem of lintTree(rendered, platform.phases.map((phase) => phase.name))) fail(problem.file, `fleet-lint/${problem.rule}`, `${problem.file}: ${problem.message}`);
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

/** The report of a check that could not render: one failing entry per file a problem names. */
function renderErrorReport(problems: readonly PlatformError[], output: OutputFormat): string {
  const byFile = new Map<string, FileResult['failures'][number][]>();
  for (const problem of problems) {
    const file = problem.file ?? '(input)';
    byFile.set(file, [...(byFile.get(file) ?? []), { kind: 'render-error', message: problem.describe() }]);
  }
  const results = [...byFile].map(([path, failures]) => ({ path, failures }));
  return formatResults('platform-check', results, output, `check: the input does not render (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was compared`);
}
