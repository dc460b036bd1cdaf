import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../repository.js';
import { BOT_EMAILS } from './bot-emails.js';

/**
 * The renovate-rerender job of .gitlab-ci.yml, run as GitLab runs it (its
 * script lines in one bash with `set -eo pipefail`) against a real git
 * remote: a bare repository standing in for the project, reached through
 * the very URL the job builds (git's url.<base>.insteadOf maps that URL,
 * token and port included, to the bare repository, so a wrong URL fails).
 * `npm` is a stand-in for the platform CLI: `charts lock` writes a digest
 * line derived from the version and `synth` renders the version into dist/,
 * both idempotent, as the real commands are. What is under test is the job:
 * what it checks out, when it commits, as whom, and what it pushes.
 */
const pipeline = yaml.load(readFileSync(join(repositoryRoot, '.gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; rules?: Array<{ if?: string }> }>;
const job = pipeline['renovate-rerender']!;

const BRANCH = 'renovate/demo-1.x';
const TOKEN = 'glpat-rerender-test-0123456789';
const BOT = 'project_4711_bot_0f9e8d7c6b5a49382716f5e4d3c2b1a0@noreply.gitlab.example.com';
const PUSH_URL = `https://renovate-rerender:${TOKEN}@gitlab.example.com:443/platform/rke2-platform.git`;

const FAKE_NPM = `#!/usr/bin/env bash
set -euo pipefail
echo "$*" >> "$FAKE_NPM_LOG"
version=$(sed -n 's/^version: //p' charts/demo/chart.yaml)
case "$*" in
  "run -s platform -- charts lock")
    digest=$(printf 'demo-%s' "$version" | sha256sum | cut -c1-64)
    { grep -v '^digest:' charts/demo/chart.yaml; echo "digest: sha256:$digest"; } > chart.tmp
    mv chart.tmp charts/demo/chart.yaml ;;
  "run synth")
    echo "chart demo $version" > dist/demo/rendered.yaml
    if [ -n "\${FAKE_SYNTH_HOOK:-}" ]; then bash -c "$FAKE_SYNTH_HOOK"; fi ;;
  *) echo "fake npm: unexpected arguments: $*" >&2; exit 2 ;;
esac
`;

const scratch: string[] = [];
afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...gitEnvironment(), ...env } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

let home = '';
function gitEnvironment(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, GIT_CONFIG_GLOBAL: join(home, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', LANG: 'C' };
}

const as = (name: string, email: string) => ({ GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email });
const RENOVATE = as('Renovate Bot', 'bot@renovateapp.com');

/** A project whose default branch is rendered and whose Renovate branch bumps the chart to 1.1.0. */
function project() {
  const root = mkdtempSync(join(tmpdir(), 'rerender-job-'));
  scratch.push(root);
  home = join(root, 'home');
  mkdirSync(home);
  const remote = join(root, 'remote.git');
  // No identity of its own (useConfigOnly): a commit the job makes carries the identity the job gives it.
  writeFileSync(join(home, 'gitconfig'), `[user]\n\tuseConfigOnly = true\n[url "${remote}"]\n\tinsteadOf = ${PUSH_URL}\n[init]\n\tdefaultBranch = main\n`);
  git(root, ['init', '--quiet', '--bare', remote]);
  const seed = join(root, 'seed');
  git(root, ['init', '--quiet', seed]);
  const write = (path: string, content: string) => {
    mkdirSync(join(seed, path, '..'), { recursive: true });
    writeFileSync(join(seed, path), content);
  };
  write('charts/demo/chart.yaml', 'repo: https://charts.example.com\nchart: demo\nversion: 1.0.0\n');
  write('dist/demo/rendered.yaml', 'chart demo 1.0.0\n');
  write('fleet/gitrepo.yaml', 'paths: [dist/demo]\n');
  git(seed, ['add', '--all']);
  git(seed, ['commit', '--quiet', '-m', 'seed'], as('Seed', 'seed@example.com'));
  git(seed, ['remote', 'add', 'origin', remote]);
  git(seed, ['push', '--quiet', 'origin', 'main']);
  const bump = (version: string, base = 'main') => {
    git(seed, ['checkout', '--quiet', '-B', BRANCH, base]);
    write('charts/demo/chart.yaml', `repo: https://charts.example.com\nchart: demo\nversion: ${version}\n`);
    git(seed, ['commit', '--quiet', '--all', '-m', `Update demo to ${version}`], RENOVATE);
    git(seed, ['push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${BRANCH}`]);
    return git(seed, ['rev-parse', 'HEAD']);
  };
  const first = bump('1.1.0');
  const bin = join(root, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'npm'), FAKE_NPM);
  chmodSync(join(bin, 'npm'), 0o755);
  const npmLog = join(root, 'npm.log');
  writeFileSync(npmLog, '');

  /** A merge-request pipeline's checkout: a clone detached at the commit the pipeline was created for, as the runner leaves it. */
  const checkout = (commit: string) => {
    const dir = mkdtempSync(join(root, 'ci-'));
    git(root, ['clone', '--quiet', remote, dir]);
    git(dir, ['checkout', '--quiet', '--detach', commit]);
    return dir;
  };

  /** Runs the job's script in `dir` as GitLab's bash runner does. */
  const runJob = (dir: string, variables: Record<string, string> = {}) => {
    const env = {
      ...gitEnvironment(),
      PATH: `${bin}:${process.env.PATH}`,
      FAKE_NPM_LOG: npmLog,
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      CI_PIPELINE_SOURCE: 'merge_request_event',
      CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: BRANCH,
      CI_SERVER_PROTOCOL: 'https',
      CI_SERVER_HOST: 'gitlab.example.com',
      CI_SERVER_PORT: '443',
      CI_PROJECT_PATH: 'platform/rke2-platform',
      RENOVATE_RERENDER_TOKEN: TOKEN,
      RENOVATE_RERENDER_EMAIL: BOT,
      ...variables,
    };
    for (const [name, value] of Object.entries(env)) if (value === '') delete env[name as keyof typeof env];
    const result = spawnSync('bash', ['-c', `set -eo pipefail\n${job.script.join('\n')}`], { cwd: dir, env, encoding: 'utf8' });
    return { status: result.status, output: result.stdout + result.stderr };
  };

  const tip = () => git(remote, ['rev-parse', `refs/heads/${BRANCH}`]);
  const show = (commit: string, path: string) => git(remote, ['show', `${commit}:${path}`]);
  const npmCalls = () => readFileSync(npmLog, 'utf8').trim().split('\n').filter(Boolean);
  return { remote, first, bump, checkout, runJob, tip, show, npmCalls };
}

describe('renovate-rerender (.gitlab-ci.yml)', () => {
  it("locks and re-renders Renovate's commit and pushes one commit on top, authored and committed by the bot", () => {
    const world = project();
    const result = world.runJob(world.checkout(world.first));
    expect(result.status, result.output).toBe(0);
    const pushed = world.tip();
    expect(pushed).not.toBe(world.first);
    expect(git(world.remote, ['rev-parse', `${pushed}^`])).toBe(world.first);
    expect(git(world.remote, ['log', '-1', '--format=%ae %ce %an', pushed])).toBe(`${BOT} ${BOT} Renovate re-render`);
    expect(git(world.remote, ['diff', '--name-only', world.first, pushed]).split('\n')).toEqual(['charts/demo/chart.yaml', 'dist/demo/rendered.yaml']);
    expect(world.show(pushed, 'dist/demo/rendered.yaml')).toBe('chart demo 1.1.0');
    expect(world.show(pushed, 'charts/demo/chart.yaml')).toMatch(/^digest: sha256:[0-9a-f]{64}$/m);
    expect(world.npmCalls()).toEqual(['run -s platform -- charts lock', 'run synth']);
  });

  it('does nothing in the pipeline of its own commit: the tree is current, so no commit and no push (no loop)', () => {
    const world = project();
    expect(world.runJob(world.checkout(world.first)).status).toBe(0);
    const pushed = world.tip();
    const again = world.runJob(world.checkout(pushed));
    expect(again.status, again.output).toBe(0);
    expect(again.output).toContain('nothing to push');
    expect(world.tip()).toBe(pushed);
  });

  it("renders the branch's newest commit when Renovate moved the branch after the pipeline started", () => {
    const world = project();
    const pipelineCommit = world.first;
    const rebased = world.bump('1.2.0');
    const result = world.runJob(world.checkout(pipelineCommit));
    expect(result.status, result.output).toBe(0);
    expect(git(world.remote, ['rev-parse', `${world.tip()}^`])).toBe(rebased);
    expect(world.show(world.tip(), 'dist/demo/rendered.yaml')).toBe('chart demo 1.2.0');
  });

  it('never overwrites a commit Renovate pushes while the job renders: the push is refused and the job fails', () => {
    const world = project();
    const checkout = world.checkout(world.first);
    // Renovate force-pushes a rebase while synth runs, between the job's fetch and its push.
    const hook = `cd ${JSON.stringify(join(world.remote, '..', 'seed'))} && git checkout --quiet -B ${BRANCH} main && sed -i 's/^version: .*/version: 1.3.0/' charts/demo/chart.yaml && GIT_AUTHOR_NAME=Renovate GIT_AUTHOR_EMAIL=bot@renovateapp.com GIT_COMMITTER_NAME=Renovate GIT_COMMITTER_EMAIL=bot@renovateapp.com git commit --quiet --all -m 'Update demo to 1.3.0' && git push --quiet --force origin HEAD:refs/heads/${BRANCH}`;
    const result = world.runJob(checkout, { FAKE_SYNTH_HOOK: hook });
    expect(result.status).not.toBe(0);
    expect(world.show(world.tip(), 'charts/demo/chart.yaml')).toContain('version: 1.3.0');
    expect(git(world.remote, ['log', '-1', '--format=%ae', world.tip()])).toBe('bot@renovateapp.com');
  });

  it.each([
    ['the token', { RENOVATE_RERENDER_TOKEN: '' }],
    ['the bot e-mail', { RENOVATE_RERENDER_EMAIL: '' }],
  ])('without %s and with a stale tree: fails naming both variables, commits and pushes nothing', (_what, variables) => {
    const world = project();
    const result = world.runJob(world.checkout(world.first), variables);
    expect(result.status).toBe(1);
    expect(result.output).toContain('set the CI/CD variables RENOVATE_RERENDER_TOKEN and RENOVATE_RERENDER_EMAIL');
    expect(world.tip()).toBe(world.first);
  });

  it('without any variable and with a current tree (self-hosted Renovate rendered it): succeeds, nothing to do', () => {
    const world = project();
    expect(world.runJob(world.checkout(world.first)).status).toBe(0);
    const rendered = world.tip();
    const result = world.runJob(world.checkout(rendered), { RENOVATE_RERENDER_TOKEN: '', RENOVATE_RERENDER_EMAIL: '' });
    expect(result.status, result.output).toBe(0);
    expect(result.output).toContain('nothing to push');
    expect(world.tip()).toBe(rendered);
  });

  it.each(Object.entries(BOT_EMAILS))('takes %s as the bot e-mail: %s (the addresses renovate.json ignores)', (email, accepted) => {
    // The job's checks of its variables, run alone.
    const checks = job.script.filter((line) => /^(test -n|\[\[) "\$RENOVATE_RERENDER_/.test(line));
    expect(checks).toHaveLength(2);
    const result = spawnSync('bash', ['-c', `set -eo pipefail\n${checks.join('\n')}`], {
      env: { PATH: process.env.PATH, RENOVATE_RERENDER_TOKEN: TOKEN, RENOVATE_RERENDER_EMAIL: email },
      encoding: 'utf8',
    });
    expect(result.status, result.stdout + result.stderr).toBe(accepted ? 0 : 1);
    if (!accepted) expect(result.stdout).toContain('RENOVATE_RERENDER_EMAIL is not a GitLab access token bot e-mail');
  });

  it('refuses a personal e-mail before committing: Renovate would stop rebasing its branch', () => {
    const world = project();
    const result = world.runJob(world.checkout(world.first), { RENOVATE_RERENDER_EMAIL: 'platform-team@example.com' });
    expect(result.status).toBe(1);
    expect(world.tip()).toBe(world.first);
  });

  it('pushes only through the project URL with the token (a URL without it reaches no remote)', () => {
    const world = project();
    const result = world.runJob(world.checkout(world.first), { CI_SERVER_PORT: '8443' });
    expect(result.status).not.toBe(0);
    expect(world.tip()).toBe(world.first);
    expect(result.output).not.toContain(TOKEN);
  });
});

/**
 * GitLab's `rules:if` for the few forms the job uses: `$VAR == "text"`,
 * `$VAR == $VAR` and `$VAR =~ /regex/`, joined by `&&`. An unset variable
 * is null: equal to nothing but another unset one, matching no pattern
 * (GitLab's CI/CD expressions reference). Anything else is refused, so the
 * job cannot grow a condition this model does not understand.
 */
function evaluate(condition: string, variables: Record<string, string>): boolean {
  return condition.split(/\s+&&\s+/).every((clause) => {
    const value = (name: string) => variables[name.slice(1)] ?? null;
    let match = /^(\$\w+) == "([^"]*)"$/.exec(clause);
    if (match) return value(match[1]!) === match[2];
    match = /^(\$\w+) == (\$\w+)$/.exec(clause);
    if (match) return value(match[1]!) === value(match[2]!);
    match = /^(\$\w+) =~ \/(.*)\/$/.exec(clause);
    if (match) {
      const subject = value(match[1]!);
      return subject !== null && new RegExp(match[2]!).test(subject);
    }
    throw new Error(`a rules:if clause this model does not read: ${clause}`);
  });
}

describe('when renovate-rerender runs', () => {
  const condition = job.rules?.[0]?.if ?? '';
  const mergeRequest = (branch: string, sourceProject = '42') => ({
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_MERGE_REQUEST_SOURCE_BRANCH_NAME: branch,
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: sourceProject,
    CI_PROJECT_ID: '42',
    CI_COMMIT_REF_NAME: branch,
  });

  it('has exactly one rule, and no other way to run', () => {
    expect(job.rules).toHaveLength(1);
  });

  it.each([
    ["a merge request from Renovate's branch", mergeRequest('renovate/demo-1.x'), true],
    ['a merge request from a grouped Renovate branch', mergeRequest('renovate/fleet-charts'), true],
    ['a merge request from a person', mergeRequest('feature/renovate-docs'), false],
    ['a branch named like it but not under renovate/', mergeRequest('xrenovate/demo'), false],
    ["a merge request from a fork's renovate/ branch", mergeRequest('renovate/demo-1.x', '99'), false],
    ["a branch pipeline on Renovate's branch", { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'renovate/demo-1.x', CI_PROJECT_ID: '42' }, false],
    ['the default branch', { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main', CI_DEFAULT_BRANCH: 'main', CI_PROJECT_ID: '42' }, false],
  ])('%s: %s', (_name, variables, runs) => {
    expect(evaluate(condition, variables as Record<string, string>)).toBe(runs);
  });

  it('runs in a stage before the checks, so they run on the re-rendered commit', () => {
    const stages = (pipeline as unknown as { stages: string[] }).stages;
    expect(stages.indexOf('rerender')).toBeGreaterThanOrEqual(0);
    expect(stages.indexOf('rerender')).toBeLessThan(stages.indexOf('verify'));
  });
});
