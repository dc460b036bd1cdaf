import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../repository.js';
import { BOT_EMAILS } from './bot-emails.js';
import { logLines, renovateEnvironment, runRenovate, runTool, scratchRepository, type Extraction, type ExtractedDependency } from './run-renovate.js';
import { renovateTool, type RenovateTool } from './renovate-tool.js';

/**
 * renovate.json, as the real Renovate (the version tool/package-lock.json
 * pins) reads it: extracted offline from a scratch copy of this checkout
 * (`--platform=local --dry-run=extract`: no lookups, and every HTTP request
 * is sent to a closed port), looked up against local Helm repositories
 * the test serves (`--dry-run=lookup`), and validated by
 * renovate-config-validator. The expectations come from charts/ itself,
 * read here with js-yaml.
 */

const CONFIG = JSON.parse(readFileSync(join(repositoryRoot, 'renovate.json'), 'utf8')) as Record<string, any>;

/**
 * Generated files as a cluster inventory (issue 11) will lay them out,
 * dist/<cluster>/<phase>/<bundle>/ and fleet/<cluster>/, each of a kind a
 * built-in manager reads: the control run below proves they are bait.
 */
const GENERATED_BAIT: Record<string, { manager: string; content: string }> = {
  'dist/prod/observability/loki/fleet.yaml': {
    manager: 'fleet',
    content: 'defaultNamespace: monitoring\nhelm:\n  chart: loki\n  repo: https://grafana-community.github.io/helm-charts\n  version: 18.11.0\n',
  },
  'fleet/prod/fleet.yaml': { manager: 'fleet', content: 'helm:\n  chart: planted\n  repo: https://charts.example.com\n  version: 1.0.0\n' },
  'dist/prod/gitops/fleet/helmchart.kube-system.fleet.yaml': {
    manager: 'kubernetes',
    content: [
      'apiVersion: helm.cattle.io/v1',
      'kind: HelmChart',
      'metadata:',
      '  name: fleet',
      '  namespace: kube-system',
      'spec:',
      '  chart: fleet',
      '  repo: https://rancher.github.io/fleet-helm-charts/',
      '  version: 0.13.15',
      '  valuesContent: |',
      '    agent:',
      '      image: registry.example.com/planted/agent:1.2.3',
      '',
    ].join('\n'),
  },
  'dist/prod/security/planted/values.yaml': { manager: 'helm-values', content: 'scanner:\n  image:\n    repository: registry.example.com/planted/scanner\n    tag: 2.0.0\n' },
  'fleet/prod/values.yaml': { manager: 'helm-values', content: 'image:\n  repository: registry.example.com/planted/fleet\n  tag: 3.0.0\n' },
  'dist/prod/storage/planted/Chart.yaml': {
    manager: 'helmv3',
    content: 'apiVersion: v2\nname: planted\nversion: 0.1.0\ndependencies:\n  - name: longhorn\n    version: 1.12.1\n    repository: https://charts.longhorn.io\n',
  },
};

/**
 * Shapes a chart.yaml may take beyond today's files, each with the
 * dependency Renovate must see: a digest line (the chart lock), reordered
 * and quoted fields with comments, an OCI registry, and an entry without a
 * repository, which is no dependency at all.
 */
const CHART_VARIANTS: Record<string, { content: string; expected: ExtractedDependency | null }> = {
  'charts/zz-digest/chart.yaml': {
    content:
      'repo: https://charts.example.com/stable\nchart: zz-digest\nversion: 2.3.4\ndigest: sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0\nreason: >-\n  Was version: 9.9.9 once.\n',
    expected: { depName: 'zz-digest', packageName: 'zz-digest', currentValue: '2.3.4', datasource: 'helm', registryUrls: ['https://charts.example.com/stable'] },
  },
  'charts/zz-order/chart.yaml': {
    content: '# hand-kept\nversion: "v0.5.0"   # quoted, with a leading v\nkubernetes:\n  min: "1.25"\nchart: "zz-order"\nrepo: \'https://charts.example.com/order/\'\n',
    expected: { depName: 'zz-order', packageName: 'zz-order', currentValue: 'v0.5.0', datasource: 'helm', registryUrls: ['https://charts.example.com/order/'] },
  },
  'charts/zz-oci/chart.yaml': {
    content: 'repo: oci://registry.example.com/charts\nchart: zz-oci\nversion: 1.0.0\n',
    expected: { depName: 'zz-oci', packageName: 'registry.example.com/charts/zz-oci', currentValue: '1.0.0', datasource: 'docker' },
  },
  'charts/zz-incomplete/chart.yaml': { content: 'chart: zz-incomplete\nversion: 1.0.0\n', expected: null },
};

/** Values files beyond today's, each pin in a shape the helm-values manager reads. */
const VALUES_VARIANTS: Record<string, string> = {
  'charts/zz-digest/values-prod.yaml': 'controller:\n  image:\n    registry: quay.io\n    repository: example/controller\n    tag: v1.2.3\n',
  'charts/zz-order/values.yaml': 'sidecarImage: docker.io/library/busybox:1.36.1\n',
};

/** Renovate's URL normalisation for registryUrls (the WHATWG parser: a bare host gains a "/"). */
const normalUrl = (url: string) => new URL(url).href;

/** The chart entries of this checkout, read from charts/<id>/chart.yaml. */
function chartEntries(): Array<{ file: string; chart: string; version: string; repo: string }> {
  return readdirSync(join(repositoryRoot, 'charts'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const file = `charts/${entry.name}/chart.yaml`;
      const data = yaml.load(readFileSync(join(repositoryRoot, file), 'utf8')) as { chart: string; version: string; repo: string };
      return { file, chart: data.chart, version: String(data.version), repo: data.repo };
    });
}

/**
 * Every image pin a values file carries, read with js-yaml: a mapping with
 * `repository` and `tag` (or `version`), `registry` optional, under any
 * key, and a `name:tag` string under a key ending in "image". The
 * helm-values manager reads only mappings whose key ends in "image"
 * (lib/modules/manager/helm-values/util.ts, matchesHelmValuesDockerHeuristic),
 * so a pin under another key is expected here and missed by Renovate: the
 * test fails and names it.
 */
function imagePins(root: string, files: string[]): Array<{ file: string; depName: string; currentValue: string }> {
  const pins: Array<{ file: string; depName: string; currentValue: string }> = [];
  const walk = (file: string, node: unknown, key: string): void => {
    if (typeof node === 'string' && /image$/i.test(key) && /^[\w.-]+(\/[\w.-]+)*:[\w.-]+$/.test(node)) {
      const at = node.lastIndexOf(':');
      pins.push({ file, depName: node.slice(0, at), currentValue: node.slice(at + 1) });
    }
    if (node === null || typeof node !== 'object') return;
    const mapping = node as Record<string, unknown>;
    const tag = mapping.tag ?? mapping.version;
    if (typeof mapping.repository === 'string' && (typeof tag === 'string' || typeof tag === 'number')) {
      pins.push({ file, depName: `${mapping.registry ? `${String(mapping.registry)}/` : ''}${mapping.repository}`, currentValue: String(tag) });
      return;
    }
    for (const [child, value] of Object.entries(mapping)) walk(file, value, child);
  };
  for (const file of files) walk(file, yaml.load(readFileSync(join(root, file), 'utf8')), '');
  return pins;
}

function valuesFiles(root: string): string[] {
  return readdirSync(join(root, 'charts'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(join(root, 'charts', entry.name))
        .filter((name) => /^values[^/]*\.ya?ml$/.test(name))
        .map((name) => `charts/${entry.name}/${name}`),
    );
}

/** (manager, package file) pairs of an extraction. */
const packageFiles = (extraction: Extraction) =>
  Object.entries(extraction.packageFiles).flatMap(([manager, files]) => files.map((file) => ({ manager, file: file.packageFile, deps: file.deps })));

/**
 * Releases a local Helm repository offers for a chart pinned at `version`:
 * it, the next patch, the next minor and the next major, leading "v" kept.
 */
function releasesAfter(version: string): string[] {
  const prefix = version.startsWith('v') ? 'v' : '';
  const [major = 0, minor = 0, patch = 0] = version.replace(/^v/, '').split('.').map(Number);
  return [version, `${major}.${minor}.${patch + 1}`, `${major}.${minor + 1}.0`, `${major + 1}.0.0`].map((release, index) => (index === 0 ? release : prefix + release));
}

/** Serves `/<id>/index.yaml` for every chart entry, as a Helm repository does (helm repo index's format). */
async function helmRepositories(entries: ReturnType<typeof chartEntries>): Promise<{ server: Server; url: (id: string) => string }> {
  const byId = new Map(entries.map((entry) => [entry.file.split('/')[1]!, entry]));
  const server = createServer((request, response) => {
    const entry = byId.get(/^\/([^/]+)\/index\.yaml$/.exec(request.url ?? '')?.[1] ?? '');
    if (!entry) return void response.writeHead(404).end();
    const releases = releasesAfter(entry.version).map((version) => ({ name: entry.chart, version, created: '2026-01-01T00:00:00Z', urls: [`${entry.chart}-${version}.tgz`] }));
    response.writeHead(200, { 'content-type': 'application/x-yaml' }).end(yaml.dump({ apiVersion: 'v1', entries: { [entry.chart]: releases } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: (id) => `http://127.0.0.1:${port}/${id}/` };
}

let tool: RenovateTool;
let real: Extraction;
let control: Extraction;
let lookup: Extraction;
let helm: Server | undefined;
let scratchRoot: string;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  tool = await renovateTool();
  const bait = Object.fromEntries(Object.entries(GENERATED_BAIT).map(([path, { content }]) => [path, content]));
  const variants = Object.fromEntries(Object.entries(CHART_VARIANTS).map(([path, { content }]) => [path, content]));
  const withConfig = scratchRepository(repositoryRoot, { ...bait, ...variants, ...VALUES_VARIANTS });
  scratchRoot = withConfig.dir;
  // The control: the same repository and custom manager with Renovate's defaults for what reaches the
  // managers (no ignorePaths, every manager enabled) and the kubernetes manager given YAML files, as
  // someone enabling it for image pins would.
  const { ignorePaths: _paths, enabledManagers: _managers, fleet: _fleet, helmv3: _helmv3, kubernetes: _kubernetes, ...rest } = CONFIG;
  const controlConfig = { ...rest, kubernetes: { managerFilePatterns: ['/\\.ya?ml$/'] } };
  const withoutGuards = scratchRepository(repositoryRoot, { ...bait, 'renovate.json': `${JSON.stringify(controlConfig, null, 2)}\n` });
  // The lookup: this checkout with each chart's repo pointed at a local Helm repository offering newer releases.
  const repositories = await helmRepositories(chartEntries());
  helm = repositories.server;
  const pointed = Object.fromEntries(
    chartEntries().map(({ file }) => [file, readFileSync(join(repositoryRoot, file), 'utf8').replace(/^repo: .*$/m, `repo: ${repositories.url(file.split('/')[1]!)}`)]),
  );
  const withRepositories = scratchRepository(repositoryRoot, pointed);
  cleanups.push(withConfig.cleanup, withoutGuards.cleanup, withRepositories.cleanup);
  // The admin side of the lookup: the loopback repositories may be reached; the image registry may not (its pin is not under test here).
  const admin = { hostRules: [{ matchHost: '127.0.0.1', allowInternal: true }, { matchHost: 'mirror.gcr.io', enabled: false }] };
  [real, control, lookup] = await Promise.all([
    runRenovate(tool, withConfig.dir, 'extract'),
    runRenovate(tool, withoutGuards.dir, 'extract'),
    runRenovate(tool, withRepositories.dir, 'lookup', admin),
  ]);
}, 20 * 60_000);

afterAll(() => {
  helm?.close();
  for (const cleanup of cleanups) cleanup();
});

describe(`renovate.json, extracted by the real Renovate`, () => {
  it('extracts without problems or warnings (beyond the missing optional RE2 module)', () => {
    // RE2 is an optional native module that the install leaves out (renovate-tool.ts); Renovate then uses RegExp.
    const unexpected = (lines: Array<{ msg?: string }>) => lines.filter((line) => !/^RE2 not usable/.test(line.msg ?? '')).map((line) => line.msg);
    expect(unexpected(real.problems as Array<{ msg?: string }>)).toEqual([]);
    expect(unexpected(real.warnings)).toEqual([]);
  });

  it('finds every chart in charts/ with its version and repository, one dependency per chart.yaml', () => {
    const found = packageFiles(real).filter(({ manager }) => manager === 'jsonata');
    const entries = chartEntries();
    expect(entries.length).toBeGreaterThanOrEqual(14);
    for (const entry of entries) {
      const file = found.find(({ file }) => file === entry.file);
      expect(file?.deps, entry.file).toEqual([
        { depName: entry.chart, packageName: entry.chart, currentValue: entry.version, datasource: 'helm', registryUrls: [normalUrl(entry.repo)] },
      ]);
    }
  });

  it('reads every shape of chart.yaml: a digest line, reordered and quoted fields, an OCI registry; skips an entry without a repository', () => {
    const found = packageFiles(real).filter(({ manager }) => manager === 'jsonata');
    for (const [path, { expected }] of Object.entries(CHART_VARIANTS)) {
      const file = found.find(({ file }) => file === path);
      if (expected === null) expect(file, path).toBeUndefined();
      else expect(file?.deps, path).toEqual([expected]);
    }
    expect(found.map(({ file }) => file).sort()).toEqual([...chartEntries().map(({ file }) => file), ...Object.keys(CHART_VARIANTS).filter((path) => CHART_VARIANTS[path]!.expected)].sort());
  });

  it('finds every image pin the values files carry, with its registry and tag', () => {
    const expected = imagePins(scratchRoot, valuesFiles(scratchRoot));
    // Today's pins are trivy-operator's scanner image; the variants add a registry-split and an inline pin.
    expect(expected).toContainEqual({ file: 'charts/trivy-operator/values.yaml', depName: 'mirror.gcr.io/aquasec/trivy', currentValue: '0.72.0' });
    const found = packageFiles(real)
      .filter(({ manager }) => manager === 'helm-values')
      .flatMap(({ file, deps }) => deps.map((dep) => ({ file, depName: dep.depName, currentValue: dep.currentValue, datasource: dep.datasource })));
    expect(found.sort(byFileAndName)).toEqual(expected.map((pin) => ({ ...pin, datasource: 'docker' })).sort(byFileAndName));
  });

  it('finds nothing under dist/ or fleet/, and runs no manager but the two it configures', () => {
    const files = packageFiles(real);
    expect(files.filter(({ file }) => /^(dist|fleet)\//.test(file))).toEqual([]);
    expect([...new Set(files.map(({ manager }) => manager))].sort()).toEqual(['helm-values', 'jsonata']);
  });

  it('control: without ignorePaths and enabledManagers, the built-in managers take every planted generated file, and the real dist/ fleet.yaml files', () => {
    const files = packageFiles(control);
    for (const [path, { manager }] of Object.entries(GENERATED_BAIT)) {
      expect(files.some((entry) => entry.file === path && entry.manager === manager), `${manager} ${path}`).toBe(true);
    }
    const committedFleetYaml = files.filter(({ manager, file }) => manager === 'fleet' && file.startsWith('dist/') && !(file in GENERATED_BAIT));
    expect(committedFleetYaml.length).toBeGreaterThan(5);
  });
});

const byFileAndName = (a: { file: string; depName?: string }, b: { file: string; depName?: string }) =>
  `${a.file} ${a.depName}`.localeCompare(`${b.file} ${b.depName}`);

describe('one merge request per chart bump (a lookup against local Helm repositories)', () => {
  /** branch -> the charts whose updates it carries. */
  const branches = () => {
    const result = new Map<string, Set<string>>();
    for (const { manager, file, deps } of packageFiles(lookup)) {
      for (const dep of deps) {
        for (const update of dep.updates ?? []) {
          expect(manager, `${file}: only chart bumps are looked up here`).toBe('jsonata');
          const charts = result.get(update.branchName!) ?? new Set<string>();
          result.set(update.branchName!, charts.add(dep.depName!));
        }
      }
    }
    return result;
  };

  it('proposes, for every chart, the newest release of its major and the next major, on two branches', () => {
    const found = packageFiles(lookup).filter(({ manager }) => manager === 'jsonata');
    for (const entry of chartEntries()) {
      const dep = found.find(({ file }) => file === entry.file)?.deps[0];
      const [, , newestOfMajor, nextMajor] = releasesAfter(entry.version);
      expect(
        dep?.updates?.map(({ newValue, updateType }) => [newValue, updateType === 'major' ? 'major' : 'within major']),
        entry.file,
      ).toEqual([
        [newestOfMajor, 'within major'],
        [nextMajor, 'major'],
      ]);
      expect(new Set(dep?.updates?.map(({ branchName }) => branchName)).size, entry.file).toBe(2);
    }
  });

  it('puts each bump on a branch of its own chart, except fleet and fleet-crd, which always share theirs', () => {
    const all = branches();
    expect(all.size).toBeGreaterThanOrEqual(2 * (chartEntries().length - 1));
    for (const [branch, charts] of all) {
      expect(branch.startsWith(CONFIG.branchPrefix), branch).toBe(true);
      if (charts.has('fleet') || charts.has('fleet-crd')) expect([...charts].sort(), branch).toEqual(['fleet', 'fleet-crd']);
      else expect(charts.size, `${branch}: ${[...charts].join(', ')}`).toBe(1);
    }
  });

  it('looks nothing up but the local repositories: no problem beyond the optional RE2 module and the disabled image registry', () => {
    const unexpected = [...(lookup.problems as Array<{ msg?: string }>), ...lookup.warnings].filter((line) => !/^RE2 not usable/.test(line.msg ?? ''));
    expect(unexpected.map((line) => line.msg)).toEqual([]);
  });
});

describe("renovate.json, judged by Renovate's own validator", () => {
  /** Runs renovate-config-validator with the given arguments in `cwd`; returns its exit status and parsed log. */
  async function validate(args: string[], cwd: string) {
    const home = mkdtempSync(join(tmpdir(), 'renovate-home-'));
    try {
      const run = await runTool(tool, tool.validator, args, cwd, renovateEnvironment(home));
      return { status: run.status, log: logLines(run.stdout), output: run.stdout + run.stderr };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }

  it('accepts it, found where Renovate looks for it, with --strict (no warning, no migration pending)', async () => {
    const result = await validate(['--strict'], scratchRoot);
    expect(result.status, result.output).toBe(0);
    expect(result.log.map((line) => line.msg)).toContain('Validating renovate.json');
    expect(result.log.map((line) => line.msg)).toContain('Config validated successfully against 1 file(s)');
  });

  it('writes every pattern in syntax RE2 accepts: hosted Renovate compiles patterns with RE2, the test install with RegExp', () => {
    const patterns: string[] = [];
    const collect = (node: unknown): void => {
      if (typeof node === 'string' && /^\/.+\/[a-z]*$/.test(node)) patterns.push(node);
      else if (node && typeof node === 'object') Object.values(node).forEach(collect);
    };
    collect(CONFIG);
    expect(patterns.length).toBeGreaterThanOrEqual(3);
    // RE2 has no lookaround and no backreferences (github.com/google/re2/wiki/Syntax).
    for (const pattern of patterns) expect(pattern, pattern).not.toMatch(/\(\?<?[=!]|\\[1-9]|\\k</);
  });

  it('refuses every kind of broken configuration, naming each file', async () => {
    const text = readFileSync(join(repositoryRoot, 'renovate.json'), 'utf8');
    const copy = () => JSON.parse(text) as Record<string, any>;
    const broken: Record<string, string | Record<string, any>> = {
      'truncated.json': text.slice(0, Math.floor(text.length / 2)),
      'unknown-option.json': (() => {
        const { ignorePaths, ...config } = copy();
        return { ...config, ignorePath: ignorePaths };
      })(),
      'paths-not-a-list.json': { ...copy(), ignorePaths: 'dist/**' },
      'unknown-manager.json': { ...copy(), enabledManagers: ['custom.jsonatta', 'helm-values'] },
      'bad-jsonata.json': (() => {
        const config = copy();
        config.customManagers[0].matchStrings = ['{ "depName": '];
        return config;
      })(),
      'no-file-format.json': (() => {
        const config = copy();
        delete config.customManagers[0].fileFormat;
        return config;
      })(),
      'bad-file-pattern.json': (() => {
        const config = copy();
        config.customManagers[0].managerFilePatterns = ['/^charts/(/'];
        return config;
      })(),
      'bad-author-pattern.json': { ...copy(), gitIgnoredAuthors: ['/[/'] },
      'commands-not-a-list.json': { ...copy(), postUpgradeTasks: { ...copy().postUpgradeTasks, commands: 'npm run synth' } },
    };
    const dir = mkdtempSync(join(tmpdir(), 'renovate-broken-'));
    try {
      for (const [name, content] of Object.entries(broken)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      const result = await validate(['--strict', '--no-global', ...Object.keys(broken)], dir);
      expect(result.status).toBe(1);
      const refused = new Set(result.log.filter((line) => line.level >= 40 && typeof line.file === 'string').map((line) => line.file));
      expect([...refused].sort()).toEqual(Object.keys(broken).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('what self-hosted and hosted Renovate need', () => {
  /** Evaluates `expression` inside Renovate's own modules, under the Node it runs on. */
  async function inRenovate<T>(expression: string, input: unknown): Promise<T> {
    const script = `const dist = ${JSON.stringify(tool.distUrl)}; const input = ${JSON.stringify(input)};\n` +
      `const { regEx } = await import(dist + 'util/regex.js');\nconst { matchRegexOrGlobList } = await import(dist + 'util/string-match.js');\n` +
      `const { compile } = await import(dist + 'util/template/index.js');\nconst { setCustomEnv } = await import(dist + 'util/env.js');\n` +
      `process.stdout.write(JSON.stringify(${expression}));`;
    const home = mkdtempSync(join(tmpdir(), 'renovate-home-'));
    try {
      const run = await runTool(tool, '--input-type=module', ['-e', script], home, { ...renovateEnvironment(home), LOG_LEVEL: 'fatal' });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout.slice(run.stdout.lastIndexOf('\n') + 1)) as T;
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }

  /** The self-hosted admin settings docs/renovate.md gives (its json block with allowedCommands). */
  function adminSettings(): { allowedCommands: string[] } & Record<string, unknown> {
    const docs = readFileSync(join(repositoryRoot, 'docs/renovate.md'), 'utf8');
    const blocks = [...docs.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1]!) as Record<string, unknown>);
    const settings = blocks.find((block) => 'allowedCommands' in block);
    expect(settings, 'docs/renovate.md gives the admin settings as a json block').toBeDefined();
    return settings as { allowedCommands: string[] };
  }

  it('the admin settings in docs/renovate.md are a valid global configuration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'renovate-admin-'));
    try {
      writeFileSync(join(dir, 'config.json'), JSON.stringify(adminSettings()));
      const home = mkdtempSync(join(tmpdir(), 'renovate-home-'));
      const run = await runTool(tool, tool.validator, ['--strict', 'config.json'], dir, renovateEnvironment(home));
      rmSync(home, { recursive: true, force: true });
      expect(run.status, run.stdout).toBe(0);
      expect(logLines(run.stdout).map((line) => line.msg)).toContain('Validating config.json as global config');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** renovate.json's post-upgrade commands as Renovate compiles them with the given customEnvVariables. */
  const compiled = (customEnvVariables: Record<string, string>) =>
    inRenovate<string[]>('(setCustomEnv(input.env), input.commands.map((command) => compile(command, {})))', {
      env: customEnvVariables,
      commands: CONFIG.postUpgradeTasks.commands,
    });

  it('hosted Renovate (no admin settings) compiles every post-upgrade command to nothing, which it skips: no artifact error', async () => {
    expect(await compiled({})).toEqual(['', '', '']);
  });

  it("self-hosted with the documented admin settings: lock, then synth, each allowed by Renovate's own matching, nothing appended to one", async () => {
    const settings = adminSettings();
    const commands = await compiled(settings.customEnvVariables as Record<string, string>);
    const pnpm = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { packageManager: string }).packageManager;
    expect(commands).toEqual([`npx --yes ${pnpm} install --frozen-lockfile`, 'npm run -s platform -- charts lock', 'npm run synth']);
    const probes = [...commands, ...commands.map((command) => `${command}; rm -rf ~`), 'npm run check', `npx --yes ${pnpm} add left-pad`];
    // Renovate runs a command only if one allowedCommands pattern matches it
    // (lib/workers/repository/update/branch/execute-post-upgrade-commands.ts, postUpgradeCommandsExecutor).
    const allowed = await inRenovate<boolean[]>('input.probes.map((command) => input.patterns.some((pattern) => regEx(pattern).test(command)))', {
      probes,
      patterns: settings.allowedCommands,
    });
    expect(allowed).toEqual(probes.map((probe) => commands.includes(probe)));
  });

  it("the re-render job's commits do not count as hand edits, anyone else's do (Renovate's own author matching)", async () => {
    const emails = BOT_EMAILS;
    const ignored = await inRenovate<boolean[]>('input.emails.map((email) => matchRegexOrGlobList(email, input.patterns))', {
      emails: Object.keys(emails),
      patterns: CONFIG.gitIgnoredAuthors,
    });
    expect(Object.fromEntries(Object.keys(emails).map((email, index) => [email, ignored[index]]))).toEqual(emails);
  });

  it('opens Renovate branches under the prefix the re-render CI job runs on', () => {
    const pipeline = yaml.load(readFileSync(join(repositoryRoot, '.gitlab-ci.yml'), 'utf8')) as Record<string, { rules?: Array<{ if?: string }> }>;
    const condition = pipeline['renovate-rerender']?.rules?.[0]?.if ?? '';
    expect(CONFIG.branchPrefix).toBe('renovate/');
    expect(condition).toContain(`$CI_MERGE_REQUEST_SOURCE_BRANCH_NAME =~ /^${CONFIG.branchPrefix.replace('/', '\\/')}/`);
  });
});
