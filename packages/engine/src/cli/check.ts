import { renderReport, type Finding, type OutputFormat } from '@platform/report';

import { compareTrees, describeDrift } from '../check/compare.js';
import { bundleRenames } from '../check/renames.js';
import { readTreeAtRef } from '../check/base-tree.js';
import { checkReport, SEVERITY, WARNING_SEVERITIES } from '../check/report.js';
import { readOutputTree } from '../dist/read.js';
import { pendingStage, WORK_DIR } from '../dist/writer.js';
import type { Platform } from '../model/platform.js';
import { DEFAULT_LAYOUT, type Tree } from '../output/layout.js';
import { cachedChartPath, chartCacheDir } from '@platform/charts';
import type { RenderFacts } from '../cache/render-cache.js';
import { isPlatformError, PlatformErrors, type PlatformError } from '../errors.js';
import type { Io } from './io.js';
import { inventoryClusterOf } from '../config/inventory-paths.js';

/** What check runs against: the checkout, and the render and the platforms, each produced on demand. */
export interface CheckContext {
  readonly root: string;
  readonly io: Io;
  /** Every cluster rendered (every rule run), from the render cache when it holds these inputs; the platforms if it loaded them. */
  render(): Promise<{ tree: Tree; facts: RenderFacts; platforms?: Platform[] }>;
  /** The platforms (config and phases loaded), for what needs the model: the rules on hand edits, the charts' render. */
  platforms(): Promise<Platform[]>;
}

/**
 * The CI gate: render in memory (nothing is written; the render runs every
 * rule), compare byte for byte with the committed dist/ and fleet/, and run
 * the same rules on the committed tree where it differs.
 * Exit 0 when all holds, 1 when stale or invalid, 2 on usage or render errors.
 */
export async function runCheck(options: { output: OutputFormat; base?: string | undefined }, context: CheckContext): Promise<number> {
  const { output } = options;
  const started = performance.now();
  // A killed synth's swap is decided but unfinished: dist/ or fleet/ may be gone. Say that, not "every file missing".
  if (pendingStage(context.root) !== undefined) {
    const message = 'an interrupted synth left dist/ and fleet/ half swapped; run npm run synth to finish it';
    const finding: Finding = { rule: 'interrupted-synth', file: `${WORK_DIR}/commit`, message, severity: SEVERITY.interruptedSynth };
    context.io.stdout(renderReport(checkReport([], [finding], `check: ${message}`), output));
    return 1;
  }
  let platforms: Platform[] | undefined;
  let rendered: Tree;
  let facts: RenderFacts;
  let committed: ReturnType<typeof readOutputTree>;
  // A render from the cache comes without the platforms; what needs them loads them then.
  const loaded = async () => (platforms ??= await context.platforms());
  try {
    ({ tree: rendered, facts, platforms } = await context.render());
    // dist/ as a link or a file, or an unreadable file in it, is one user error too.
    committed = readOutputTree(context.root);
  } catch (error) {
    // CI keeps the report as an artifact: it must say what broke, in the format asked for, not be empty.
    // (In text the CLI prints the problems to stderr, as for every command.)
    if (isPlatformError(error) && output !== 'text') context.io.stdout(renderErrorReport(error instanceof PlatformErrors ? error.errors : [error], output));
    throw error;
  }

  const findings: Finding[] = [];
  const drift = compareTrees(committed, rendered, DEFAULT_LAYOUT);
  // The render already passed every rule. A hand-edited or added file gets the same rules on the committed
  // tree, so the edit is reported for what it breaks; a stale or missing file only needs a synth.
  // (An empty directory left over holds nothing a rule could read.)
  const broken = drift.some((item) => item.kind === 'edited-by-hand' || (item.kind === 'not-generated' && !item.path.endsWith('/'))) ? await checkCommitted(committed, await loaded()) : [];
  // A diff would print a credential into the CI log: files the secret scan flags get none.
  const withheld = new Set(broken.filter((finding) => finding.rule === 'secret').map((finding) => finding.file));
  for (const item of drift) {
    const diff = 'diff' in item && item.diff ? { detail: withheld.has(item.path) ? '(diff withheld: the committed file holds what looks like a credential)' : item.diff } : {};
    findings.push({ rule: item.kind, file: item.path, message: describeDrift(item), severity: SEVERITY.drift, ...diff });
  }
  for (const finding of broken) {
    findings.push({
      rule: `rule/${finding.rule}`,
      file: finding.file,
      ...(finding.line !== undefined ? { line: finding.line } : {}),
      ...(finding.field ? { field: finding.field } : {}),
      message: finding.message,
      ...(finding.hint ? { detail: finding.hint } : {}),
      severity: SEVERITY.rule(finding.severity),
    });
  }
  // What the change does on a cluster where it is more than an update: a Bundle deleted, a release reinstalled.
  // Against --base (a merge request's target) in CI; against the committed tree before a commit. A warning: it may be meant.
  let before: typeof committed;
  try {
    before = options.base ? readTreeAtRef(context.root, options.base, DEFAULT_LAYOUT) : committed;
  } catch (error) {
    if (isPlatformError(error) && output !== 'text') context.io.stdout(renderErrorReport(error instanceof PlatformErrors ? error.errors : [error], output));
    throw error;
  }
  for (const finding of bundleRenames(before, rendered)) {
    // In every report, the text one included, as a warning: it does not fail check.
    findings.push({ rule: `fleet/${finding.rule}`, file: finding.file, message: finding.message, severity: SEVERITY.rule('warning') });
  }
  // What the charts render, with exactly the values Fleet and helm-controller pass (skipped, and said so, without pulled charts).
  const { renderedStage } = await import('../rendered/stage.js');
  const stage = await renderedStage(rendered, (await chartsInCache(facts)) ? await loaded() : (platforms ?? pinsOnly(facts)));
  for (const finding of stage.findings) {
    findings.push({
      rule: finding.rule,
      file: finding.file,
      message: finding.message,
      ...(finding.hint ? { detail: `hint: ${finding.hint}` } : {}),
      severity: SEVERITY.rule(finding.severity),
    });
  }
  const checked = new Set([...rendered.keys(), ...committed.keys()]);
  const bad = new Set(findings.filter((finding) => !WARNING_SEVERITIES.has(finding.severity)).map((finding) => finding.file));
  const total = new Set([...checked, ...bad]).size;
  const ms = Math.round(performance.now() - started);
  const summary = bad.size === 0 ? `check: ${total} files up to date and valid, ${stage.note} (${ms} ms)` : `check: ${bad.size} of ${total} files stale or invalid, ${stage.note} (${ms} ms)`;
  context.io.stdout(renderReport(checkReport(checked, findings, summary, [...facts.clusters]), output));
  return bad.size === 0 ? 0 : 1;
}

/** Whether any pinned chart is in the chart cache: only then does the rendered stage look past the pins. */
async function chartsInCache(facts: RenderFacts): Promise<boolean> {
  const cacheDir = chartCacheDir(process.env);
  return facts.pins.some((pin) => cachedChartPath(pin, cacheDir) !== undefined);
}

/**
 * The platforms as the rendered stage reads them when no pinned chart is in
 * the cache: their chart pins (rendered/stage.ts platformPins reads
 * inputs.charts.all(), and the stage stops there to say the charts were not
 * rendered). With a pulled chart the real platforms are loaded instead.
 */
function pinsOnly(facts: RenderFacts): Platform[] {
  const entries = facts.pins.map((pin) => ({ chart: pin.chart, version: pin.version, ...(pin.digest ? { digest: pin.digest } : {}), pinnedBy: pin.source }));
  return [{ inputs: { charts: { all: () => entries } } } as unknown as Platform];
}

/** Every cluster's rules on its committed files, then the rules across clusters: what a hand edit breaks. */
async function checkCommitted(committed: ReadonlyMap<string, string>, platforms: readonly Platform[]) {
  const [{ runInventoryRules, runRules }, { viewOf }, { ruleContext }] = await Promise.all([import('../rules/index.js'), import('../rules/view.js'), import('../render/render.js')]);
  const views = platforms.map((platform) => viewOf(committed, ruleContext(platform)));
  return [...views.flatMap((view) => runRules(view)), ...runInventoryRules(views)];
}

/** The report of a check that could not render: one failing case per file a problem names, each problem a blocker. */
function renderErrorReport(problems: readonly PlatformError[], output: OutputFormat): string {
  const findings: Finding[] = problems.map((problem) => ({
    rule: 'render-error',
    file: problem.file ?? '(input)',
    // A YAML error's place is a line: carried as one, so code quality marks that line, not the top of the file.
    ...(lineOf(problem.field) !== undefined ? { line: lineOf(problem.field) } : problem.field ? { field: problem.field } : {}),
    message: problem.message,
    ...(problem.hint ? { detail: `hint: ${problem.hint}` } : {}),
    severity: SEVERITY.renderError,
  }));
  const clusters = findings.flatMap((finding) => inventoryClusterOf(finding.file) ?? []);
  return renderReport(checkReport([], findings, `check: the input does not render (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was compared`, clusters), output);
}

/** `line 39` → 39: where a message names its place as a line rather than a field. */
export function lineOf(field: string | undefined): number | undefined {
  const match = /^line (\d+)$/.exec(field ?? '');
  return match ? Number(match[1]) : undefined;
}
