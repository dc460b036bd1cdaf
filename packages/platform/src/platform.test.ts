import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, hostname, tmpdir, userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { DOCS_FILE, formatReport, validate, fleetBundleName, checkTree, ruleContext, readOutputTree, runCli, scanForSecrets, scanTree, EMPTY_ALLOW_LIST } from '@platform/engine';
import { phases } from './phases.js';
import { copyRepository } from '@platform/engine/testing';
import { loadRepositoryPlatform, renderRepository, repositoryRoot } from './repository.js';

// The shipped inventory's one cluster: where its GitRepo and its documentation are.
const GITREPO_FILE = loadRepositoryPlatform().layout.gitRepoFile;
const CLUSTER_DOCS_FILE = loadRepositoryPlatform().layout.docsFile;

const MAIN = join(repositoryRoot, 'packages/platform/src/main.ts');
/** tsx by absolute URL: `--import tsx` would resolve from the working directory, which these tests vary. */
const LAUNCHER = join(repositoryRoot, 'packages/platform/bin/platform.mjs');
const TSX = pathToFileURL(join(repositoryRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const INPUTS = ['clusters', 'charts'];

function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  return spawnSync(process.execPath, ['--import', TSX, MAIN, ...args], {
    cwd: options.cwd ?? repositoryRoot,
    env: options.env ?? process.env,
    encoding: 'utf8',
  });
}

describe('the committed tree', () => {
  it('equals a fresh render, file for file and byte for byte (run npm run synth and commit if this fails)', async () => {
    const fresh = renderRepository();
    const committed = readOutputTree(repositoryRoot);
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [path, content] of fresh) expect(committed.get(path), path).toBe(content);
  });

  it('lists in the GitRepo only directories that exist and hold a fleet.yaml', async () => {
    const gitRepo = yaml.load(readFileSync(join(repositoryRoot, GITREPO_FILE), 'utf8')) as { spec: { paths: string[] } };
    expect(gitRepo.spec.paths.length).toBeGreaterThan(0);
    for (const path of gitRepo.spec.paths) {
      expect(path).not.toMatch(/^\/|^\.?$/);
      expect(existsSync(join(repositoryRoot, path, 'fleet.yaml')), path).toBe(true);
    }
  });
});

describe('values-sync: RKE2 HelmCharts embed their chart values file byte for byte', () => {
  const helmCharts = [...renderRepository()]
    .filter(([path]) => /\/helmchart\.[^/]+\.yaml$/.test(path))
    .map(([path, content]) => ({ path, object: yaml.load(content) as { spec: { chart: string; version: string; valuesContent: string } } }));

  it('covers every bootstrap chart', async () => {
    expect(helmCharts.map(({ object }) => object.spec.chart).sort()).toEqual(['fleet', 'fleet-crd', 'ingress-nginx', 'longhorn']);
  });

  it.each(helmCharts.map(({ path, object }) => [path, object] as const))('%s', (_path, object) => {
    const entry = readdirSync(join(repositoryRoot, 'charts')).find((id) => {
      const chart = yaml.load(readFileSync(join(repositoryRoot, 'charts', id, 'chart.yaml'), 'utf8')) as { chart: string; version: string };
      return chart.chart === object.spec.chart && chart.version === object.spec.version;
    });
    expect(entry).toBeDefined();
    expect(object.spec.valuesContent).toBe(readFileSync(join(repositoryRoot, 'charts', entry ?? '', 'values.yaml'), 'utf8'));
  });
});

describe('determinism', () => {
  it('renders identical bytes in separate processes that differ in TZ, locale, working directory, umask and environment, with the clock and randomness forbidden', async () => {
    const first = copyRepository(repositoryRoot, INPUTS);
    const second = copyRepository(repositoryRoot, INPUTS);
    const elsewhere = mkdtempSync(join(tmpdir(), 'platform-cwd-'));
    const forbid = pathToFileURL(join(repositoryRoot, 'packages/platform/src/testing/forbid-nondeterminism.mjs')).href;
    const noise = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`UNRELATED_${index}`, `value-${index}`]));
    try {
      // One through the bundled launcher that npm run synth uses, one straight from the sources through tsx.
      const launchers = { bundled: `"${LAUNCHER}"`, sources: `--import "${TSX}" "${MAIN}"` };
      const run = (root: string, cwd: string, umask: string, env: NodeJS.ProcessEnv, launcher: keyof typeof launchers) =>
        spawnSync('/bin/sh', ['-c', `umask ${umask} && exec "${process.execPath}" --import "${forbid}" ${launchers[launcher]} synth --root "${root}"`], {
          cwd,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
        });
      const a = run(first.dir, repositoryRoot, '022', { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' }, 'bundled');
      const b = run(second.dir, elsewhere, '077', { TZ: 'Asia/Kathmandu', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8', USER: 'someone-else', HOSTNAME: 'elsewhere', ...noise }, 'sources');
      expect(a.status, a.stderr).toBe(0);
      expect(b.status, b.stderr).toBe(0);
      const treeA = readOutputTree(first.dir);
      const treeB = readOutputTree(second.dir);
      expect(treeA.size).toBeGreaterThan(10);
      expect([...treeB]).toEqual([...treeA]);
      expect(Object.fromEntries(treeA)).toEqual(Object.fromEntries(renderRepository()));
      const leaks = [first.dir, second.dir, repositoryRoot, tmpdir(), homedir(), userInfo().username, hostname()].filter((text) => text.length > 2);
      for (const [path, content] of treeA) for (const leak of leaks) expect(content.includes(leak), `${path} contains ${leak}`).toBe(false);
    } finally {
      first.cleanup();
      second.cleanup();
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('the guard really fires: reading the clock or drawing a random number while rendering throws', async () => {
    const forbid = pathToFileURL(join(repositoryRoot, 'packages/platform/src/testing/forbid-nondeterminism.mjs')).href;
    const rendering = pathToFileURL(join(repositoryRoot, 'packages/engine/src/render/rendering.ts')).href;
    for (const call of ['Date.now()', 'Math.random()']) {
      const script = `import { rendering } from '${rendering}'; ${call}; try { rendering(() => ${call}); console.log('not caught'); } catch (error) { console.log(error.message); }`;
      const result = spawnSync(process.execPath, ['--import', forbid, '--import', TSX, '--input-type=module', '--eval', script], { encoding: 'utf8' });
      expect(result.stdout).toContain('was called while rendering');
    }
  });
});

describe('bad input stops synth with one clear message and leaves dist/ untouched', () => {
  it.each([
    ['a config value of the wrong kind', 'clusters/dev.yaml', (text: string) => text.replace(/loadBalancerIP: \S+/, 'loadBalancerIP: 300.1.2.3'), /clusters\/dev.yaml: cluster.loadBalancerIP: got "300.1.2.3", expected a unicast IPv4 address/],
    ['a broken values file', 'charts/longhorn/values.yaml', (text: string) => `${text}\n  broken: [\n`, /charts\/longhorn\/values.yaml: line \d+: not valid YAML/],
    ['a chart pinned to a range', 'charts/loki/chart.yaml', (text: string) => text.replace(/^version: .*$/m, 'version: ^18.0.0'), /charts\/loki\/chart.yaml: version: got "\^18.0.0", expected an exact version/],
    ['a config file that is not YAML', 'clusters/dev.yaml', () => 'cluster: {name: dev\n', /clusters\/dev.yaml: line \d+: not valid YAML/],
    ['an unknown config key', 'clusters/dev.yaml', (text: string) => text.replace('storage:\n', 'storage:\n  replicas: 3\n'), /clusters\/dev.yaml: storage.replicas: unknown key "replicas"/],
    ['a missing required value', 'clusters/dev.yaml', (text: string) => text.replace(/^  branch: .*\n/m, ''), /clusters\/dev.yaml: git.branch: missing required value/],
    ['an invalid Kubernetes version', 'clusters/dev.yaml', (text: string) => text.replace(/kubernetesVersion: "1.31"/, 'kubernetesVersion: "v1.31.4"'), /clusters\/dev.yaml: cluster.kubernetesVersion: got "v1.31.4", expected a Kubernetes minor/],
    ['a replica count that is a string', 'clusters/dev.yaml', (text: string) => text.replace(/replicaCount: 2/, 'replicaCount: two'), /clusters\/dev.yaml: storage.replicaCount: got "two", expected a whole number/],
    ['an invalid GitRepo name', 'clusters/dev.yaml', (text: string) => text.replace(/gitRepo: platform/, 'gitRepo: Platform_Repo'), /clusters\/dev.yaml: fleet.gitRepo: got "Platform_Repo", expected a DNS label/],
    ['a values file with a duplicate key', 'charts/kyverno/values.yaml', (text: string) => `${text}zzz: 1\nzzz: 2\n`, /charts\/kyverno\/values.yaml: line \d+: not valid YAML: duplicated mapping key/],
    ['a missing values file', 'charts/trivy-operator/values.yaml', () => null, /charts\/trivy-operator\/values.yaml: the values file is missing/],
    ['a chart that does not support the cluster', 'charts/fleet/chart.yaml', (text: string) => text.replace(/max: "1.33"/, 'max: "1.30"'), /charts\/fleet\/chart.yaml: version: fleet 0.13.15 supports Kubernetes 1.28 to 1.30, but cluster dev runs 1.31/],
  ])('%s', (_what, file, edit: (text: string) => string | null, message) => {
    const copy = copyRepository(repositoryRoot, [...INPUTS, 'dist', 'fleet']);
    try {
      const before = readOutputTree(copy.dir);
      const path = join(copy.dir, file);
      const edited = edit(readFileSync(path, 'utf8'));
      if (edited === null) rmSync(path);
      else writeFileSync(path, edited);
      const result = cli(['synth', '--root', copy.dir]);
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain('dist/ and fleet/ were not changed');
      expect(readOutputTree(copy.dir)).toEqual(before);
    } finally {
      copy.cleanup();
    }
  });
});

/** A package.json of the repository, its dependency fields as maps. */
function manifest(path: string): Record<string, Record<string, string> | undefined> {
  return JSON.parse(readFileSync(join(repositoryRoot, path), 'utf8')) as Record<string, Record<string, string> | undefined>;
}

describe('the workspace', () => {
  it('holds exactly one copy of cdk8s and of constructs, shared by every package', async () => {
    const store = readdirSync(join(repositoryRoot, 'node_modules/.pnpm'));
    expect(store.filter((entry) => /^cdk8s@/.test(entry))).toHaveLength(1);
    expect(store.filter((entry) => /^constructs@/.test(entry))).toHaveLength(1);
    // Every package that names cdk8s or constructs (the engine, the validator for its cdk8s-plus-3x peers, the phases) resolves the same copy.
    const users = readdirSync(join(repositoryRoot, 'packages')).filter((name) => {
      const json = manifest(`packages/${name}/package.json`);
      return ['dependencies', 'devDependencies', 'peerDependencies'].some((field) => json[field]?.cdk8s !== undefined && json[field]?.constructs !== undefined);
    });
    expect(users).toEqual(expect.arrayContaining(['engine', 'validate', 'platform', 'storage']));
    const resolved = new Set(
      users.flatMap((name) => {
        const require = createRequire(join(repositoryRoot, 'packages', name, 'package.json'));
        return ['cdk8s', 'constructs'].map((dependency) => realpathSync(require.resolve(dependency)));
      }),
    );
    expect(resolved.size).toBe(2);
  });

  it('has no dependency cycle among its packages, the report formats and the validator below the engine', async () => {
    const names = readdirSync(join(repositoryRoot, 'packages'));
    const workspaceDependencies = (name: string) => {
      const json = manifest(`packages/${name}/package.json`);
      return Object.entries({ ...json.dependencies, ...json.devDependencies, ...json.peerDependencies })
        .filter(([, spec]) => spec.startsWith('workspace:'))
        .map(([dependency]) => dependency.replace('@platform/', ''));
    };
    // The report formats depend on nothing at all; the validator only on them; the chart and helm packages on nothing; the engine on all four.
    expect(Object.keys({ ...manifest('packages/report/package.json').dependencies, ...manifest('packages/report/package.json').devDependencies })).toEqual([]);
    expect(workspaceDependencies('validate')).toEqual(['report']);
    expect(workspaceDependencies('charts')).toEqual([]);
    expect(workspaceDependencies('helm')).toEqual([]);
    expect(workspaceDependencies('engine').sort()).toEqual(['charts', 'helm', 'report', 'validate']);
    const state = new Map<string, 'visiting' | 'done'>();
    const cycleFrom = (name: string, path: string[]): string[] | undefined => {
      if (state.get(name) === 'done') return undefined;
      if (state.get(name) === 'visiting') return [...path, name];
      state.set(name, 'visiting');
      for (const next of workspaceDependencies(name)) {
        const cycle = cycleFrom(next, [...path, name]);
        if (cycle) return cycle;
      }
      state.set(name, 'done');
      return undefined;
    };
    for (const name of names) expect(cycleFrom(name, [])?.join(' -> ')).toBeUndefined();
  });

  it('pins every dependency exactly', async () => {
    const manifests = ['package.json', ...readdirSync(join(repositoryRoot, 'packages')).map((name) => `packages/${name}/package.json`)];
    for (const manifest of manifests) {
      const json = JSON.parse(readFileSync(join(repositoryRoot, manifest), 'utf8')) as Record<string, Record<string, string> | undefined>;
      for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
        for (const [name, spec] of Object.entries(json[field] ?? {})) {
          expect(spec, `${manifest} ${field}.${name}`).toMatch(/^(catalog:|workspace:\*|\d+\.\d+\.\d+)$/);
        }
      }
    }
    const workspace = readFileSync(join(repositoryRoot, 'pnpm-workspace.yaml'), 'utf8');
    const catalog = (yaml.load(workspace) as { catalog: Record<string, string> }).catalog;
    for (const [name, version] of Object.entries(catalog)) expect(version, name).toMatch(/^\d+\.\d+\.\d+$/);
  });
});


describe('README', () => {
  it('links to the platform documentation that synth renders into the tree', async () => {
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
    expect(readme).toContain(`](${DOCS_FILE})`);
    expect(renderRepository().get(DOCS_FILE)).toMatch(/^# What this tree deploys$/m);
    expect(renderRepository().get(CLUSTER_DOCS_FILE)).toMatch(/^# What this tree deploys: cluster dev$/m);
  });

  it('a chart bump is edit, synth, commit: the documentation follows and check passes', async () => {
    const copy = copyRepository(repositoryRoot, [...INPUTS, 'dist', 'fleet']);
    try {
      const chart = join(copy.dir, 'charts/loki/chart.yaml');
      const bumped = readFileSync(chart, 'utf8').replace(/^version: (\d+)\.(\d+)\.(\d+)$/m, (_line, major, minor, patch) => `version: ${major}.${minor}.${Number(patch) + 1}`);
      const version = /^version: (.+)$/m.exec(bumped)?.[1] ?? '';
      writeFileSync(chart, bumped);
      const quiet = { stdout: () => {}, stderr: () => {} };
      expect(await runCli(['check', '--root', copy.dir], { root: copy.dir, phases, io: quiet })).toBe(1);
      expect(await runCli(['synth', '--root', copy.dir], { root: copy.dir, phases, io: quiet })).toBe(0);
      expect(readFileSync(join(copy.dir, CLUSTER_DOCS_FILE), 'utf8')).toContain(`| loki | \`${version}\` |`);
      expect(readFileSync(join(copy.dir, DOCS_FILE), 'utf8')).toContain(`| loki | ${version} |`);
      expect(await runCli(['check', '--root', copy.dir], { root: copy.dir, phases, io: quiet })).toBe(0);
    } finally {
      copy.cleanup();
    }
  });

  it('gives the two fresh-machine commands with the pinned pnpm', async () => {
    const readme = readFileSync(join(repositoryRoot, 'README.md'), 'utf8');
    const pnpm = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { packageManager: string }).packageManager;
    expect(readme).toContain(`npx --yes ${pnpm} install --frozen-lockfile && npm run synth`);
    expect(readme).toContain(`npx --yes ${pnpm} install --frozen-lockfile && npm test`);
  });
});

describe('every bundle follows Fleet\'s rules (read back from the rendered files)', () => {
  it('passes every rule: computed names, resolvable acyclic phase-ordered dependsOn, no nesting, values inside bundles, exact versions, CRDs apart from their resources, small bundles, strict validation', async () => {
    expect(checkTree(renderRepository(), ruleContext(loadRepositoryPlatform()))).toEqual([]);
  });

  it('names each dependsOn exactly as Fleet computes the target bundle name', async () => {
    const tree = renderRepository();
    const gitRepo = yaml.load(tree.get(GITREPO_FILE) ?? '') as { metadata: { name: string }; spec: { paths: string[] } };
    const dependencies = [...tree]
      .filter(([path]) => path.endsWith('/fleet.yaml'))
      .flatMap(([, content]) => ((yaml.load(content) as { dependsOn?: Array<{ name: string }> }).dependsOn ?? []).map((dependency) => dependency.name));
    expect(dependencies.length).toBeGreaterThanOrEqual(3);
    const listedNames = gitRepo.spec.paths.map((path) => fleetBundleName(gitRepo.metadata.name, path));
    for (const name of dependencies) expect(listedNames).toContain(name);
  });
});

describe('no secrets in git', () => {
  it('the real platform renders without anything that looks like a credential, with an empty allow-list', async () => {
    const tree = renderRepository();
    expect(scanTree(tree, EMPTY_ALLOW_LIST).map((problem) => problem.describe())).toEqual([]);
    for (const [path, content] of tree) {
      if (!path.endsWith('.yaml')) continue;
      for (const document of yaml.loadAll(content)) expect(scanForSecrets(path, document), path).toEqual([]);
    }
  });
});

describe('validation of the rendered tree', () => {
  it('is clean under strict validation for the configured Kubernetes version', async () => {
    const tree = renderRepository();
    const report = validate([...tree].filter(([path]) => path.endsWith('.yaml')).map(([path, content]) => ({ path, content })), { strict: true, kubernetesVersion: '1.31' });
    expect(report.summary.invalid + report.summary.errors, formatReport(report, 'text')).toBe(0);
    expect(report.summary.valid).toBeGreaterThanOrEqual(20);
  });
});
