import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvModule from 'ajv';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { jobSchema, topLevelSchema, TOP_LEVEL_KEYWORDS, type GitLabCi, type Job } from './gitlab-ci.schema.js';
import { repositoryRoot } from './repository.js';

const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({ allErrors: true, strict: false });
const pipeline = yaml.load(readFileSync(join(repositoryRoot, '.gitlab-ci.yml'), 'utf8')) as GitLabCi;
const jobs = Object.entries(pipeline).filter(([key]) => !TOP_LEVEL_KEYWORDS.includes(key)) as Array<[string, Job]>;
const scripts = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('.gitlab-ci.yml', () => {
  it('uses only GitLab keywords, in the shapes GitLab accepts', () => {
    const top = ajv.compile(topLevelSchema);
    expect(top(pipeline), JSON.stringify(top.errors)).toBe(true);
    const job = ajv.compile(jobSchema);
    for (const [name, definition] of jobs) expect(job(definition), `${name}: ${JSON.stringify(job.errors)}`).toBe(true);
  });

  it('rejects a misspelt keyword (the schema is closed)', () => {
    expect(ajv.compile(jobSchema)({ script: ['true'], artifact: {} })).toBe(false);
  });

  it('runs on merge requests and on the default branch', () => {
    const conditions = (pipeline.workflow?.rules ?? []).map((rule) => (rule as { if?: string }).if);
    expect(conditions).toContain('$CI_PIPELINE_SOURCE == "merge_request_event"');
    expect(conditions).toContain('$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH');
  });

  it('calls only npm scripts that exist in package.json', () => {
    const called = jobs.flatMap(([, job]) => job.script.join('\n').match(/npm (?:run(?: -s)? ([\w:-]+)|(test))/g) ?? []);
    expect(called.length).toBeGreaterThanOrEqual(3);
    for (const call of called) {
      const name = call.replace(/^npm (run( -s)? )?/, '');
      expect(scripts, call).toHaveProperty(name);
    }
  });

  it('re-renders and fails on any change under dist/ or fleet/, new and deleted files included', () => {
    const script = jobs.map(([, job]) => job.script.join('\n')).find((text) => text.includes('npm run synth')) ?? '';
    expect(script).toContain('git status --porcelain -- dist fleet');
    expect(script).toMatch(/test -z "\$\(git status --porcelain -- dist fleet\)"/);
  });

  it('uploads the check report and the test report as JUnit, even when the job fails', () => {
    const reports = jobs.filter(([, job]) => job.artifacts?.reports?.junit);
    expect(reports.map(([name]) => name).sort()).toEqual(['check', 'test']);
    for (const [, job] of reports) expect(job.artifacts?.when).toBe('always');
    expect(jobs.find(([name]) => name === 'check')?.[1].script.join('\n')).toContain('--output junit');
  });

  it("uploads check's code-quality report, written by check --output codequality, even when the job fails", () => {
    const check = jobs.find(([name]) => name === 'check')?.[1];
    const report = check?.artifacts?.reports?.codequality;
    expect(typeof report).toBe('string');
    expect(check?.artifacts?.when).toBe('always');
    expect(check?.script.join('\n')).toContain(`npm run -s check -- --output codequality > ${String(report)}`);
  });

  it('rejects a report type GitLab does not know', () => {
    expect(ajv.compile(jobSchema)({ script: ['true'], artifacts: { reports: { codequalty: 'x.json' } } })).toBe(false);
    expect(ajv.compile(jobSchema)({ script: ['true'], artifacts: { reports: { codequality: ['x.json'] } } })).toBe(true);
  });

  it('installs with the pinned pnpm on Node 20', () => {
    const pnpm = (JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { packageManager: string }).packageManager;
    expect(pipeline.default?.image).toMatch(/^node:20\b/);
    expect(pipeline.default?.before_script?.join('\n')).toContain(`npx --yes ${pnpm} install --frozen-lockfile`);
  });
});

describe('.ci/run', () => {
  it('installs, runs the README test command, then npm run check', () => {
    const run = readFileSync(join(repositoryRoot, '.ci/run'), 'utf8');
    const install = run.indexOf('install --frozen-lockfile');
    const test = run.indexOf('npm test');
    const check = run.indexOf('npm run check');
    expect(install).toBeGreaterThan(0);
    expect(test).toBeGreaterThan(install);
    expect(check).toBeGreaterThan(test);
  });
});
