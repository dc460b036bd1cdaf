import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runValidateCommand } from './index.js';

let root: string;

function write(path: string, content: string): void {
  const full = join(root, path);
  mkdirSync(join(full, '..'), { recursive: true });
  writeFileSync(full, content);
}

function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = runValidateCommand(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: root,
  });
  return { code, stdout, stderr };
}

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name} }\n`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'validate-command-'));
  write('good/b/namespace.yaml', namespace('b'));
  write('good/a/namespace.yml', namespace('a'));
  write('good/a/config.json', '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"k": "v"}}');
  write('good/a/README.md', '# not a manifest\n');
  write('good/a/notes.txt', 'kind: nonsense\n');
  write('good/.hidden/broken.yaml', 'kind: [\n');
  write('bad/widget.yaml', 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w }\n');
  write('bad/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\nspec: { replicas: many }\n');
  write('notes.txt', namespace('explicit'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('runValidateCommand', () => {
  it('walks directories recursively in sorted order, reading manifests only', () => {
    const { code, stdout } = run('good', '--output', 'json', '--verbose');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { resources: Array<{ filename: string }> };
    expect(report.resources.map((resource) => resource.filename)).toEqual(['good/a/config.json', 'good/a/namespace.yml', 'good/b/namespace.yaml']);
  });

  it('reads a file named explicitly whatever its extension', () => {
    expect(run('notes.txt').stdout).toContain('Summary: 1 resource found in 1 file - Valid: 1');
  });

  it('exits 1 when anything is invalid or unknown, printing every problem', () => {
    const { code, stdout } = run('bad');
    expect(code).toBe(1);
    expect(stdout).toContain('bad/deploy.yaml:4: Deployment/d (document 0): spec.replicas: must be integer, got string');
    expect(stdout).toContain('bad/widget.yaml:1: Widget/w (document 0): no schema for example.com/v1 Widget');
    expect(stdout).toMatch(/Summary: 2 resources found in 2 files - Valid: 0, Invalid: 1, Errors: 1, Skipped: 0\n$/);
  });

  it('skips kinds given with --skip', () => {
    expect(run('bad/widget.yaml', '--skip', 'Gadget,Widget').code).toBe(0);
    expect(run('bad/widget.yaml', '--skip=Widget').stdout).toContain('Skipped: 1');
  });

  it('relaxes unknown fields with --no-strict', () => {
    write('extra.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\nextra: true\n');
    expect(run('extra.yaml').code).toBe(1);
    expect(run('extra.yaml', '--no-strict').code).toBe(0);
  });

  it('writes the requested format', () => {
    expect(run('bad', '--output', 'junit').stdout).toContain('<testcase name="d" classname="Deployment@apps/v1" time="0">');
    expect(run('bad', '-o', 'tap').stdout.startsWith('TAP version 13\nnot ok 1 - bad/deploy.yaml (apps/v1/Deployment//d): ')).toBe(true);
  });

  it('prints help and exits 0', () => {
    const { code, stdout } = run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: validate [options] [--] [file or directory | -]...');
    expect(stdout).toContain('--kubernetes-version');
  });

  it.each([
    [['good', '--output', 'xml'], 'unknown output format `xml`'],
    [['good', '--output', 'jsn'], 'unknown output format `jsn` (did you mean `json`?)'],
    [['good', '--frobnicate'], 'unknown option "--frobnicate";'],
    [['good', '--strcit'], 'unknown option "--strcit" (did you mean --strict?)'],
    [['good', '--ignore-missing-schema'], 'unknown option "--ignore-missing-schema" (did you mean --ignore-missing-schemas?)'],
    [['good', '--kubernetes-verison=1.31'], 'unknown option "--kubernetes-verison" (did you mean --kubernetes-version?)'],
    [['good', '-x'], 'unknown option "-x"'],
    [['good', '--skip'], '--skip needs a value'],
    [['good', '--output', '--verbose'], '--output needs a value'],
    [['good', '--verbose=yes'], '--verbose does not take a value'],
    [['good', '--strict', '--no-strict'], 'contradict'],
    [['good', '--ignore-filename-pattern', '('], 'is not a regular expression'],
    [['good', '--kubernetes-version', '1.30'], 'no schemas for Kubernetes 1.30'],
    [['good', '--crd', 'no-such-crd.yaml'], '--crd no-such-crd.yaml: no such file or directory'],
    [['good', '--schema-location', 'notes.txt'], '--schema-location notes.txt: not a directory'],
  ])('exits 2 on usage errors, with one message and a did-you-mean where one fits: %j', (args, message) => {
    const { code, stderr, stdout } = run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a missing path as an error for that path, validates the rest, and exits 1 (kubeconform: lstat error per path)', () => {
    const { code, stdout } = run('missing-dir', 'good');
    expect(code).toBe(1);
    expect(stdout).toContain('missing-dir: no such file or directory');
    expect(stdout).toContain('Summary: 4 resources found in 4 files - Valid: 3, Invalid: 0, Errors: 1, Skipped: 0');
  });

  it('accepts -- before paths, so a path may start with a dash', () => {
    write('-dash.yaml', namespace('dash'));
    expect(run('--', '-dash.yaml').stdout).toContain('Valid: 1');
    expect(run('--no-summary', '--', '--verbose').stdout).toBe('--verbose: no such file or directory\n');
  });

  it("accepts kubeconform's one-dash spellings of its flags", () => {
    const { code, stdout } = run('-summary', '-output', 'json', '-kubernetes-version', '1.31.0', '-skip', 'Widget', 'bad/widget.yaml');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ resources: [], summary: { valid: 0, invalid: 0, errors: 0, skipped: 1 } });
  });

  it('serves every Kubernetes version it names, in any spelling', () => {
    for (const version of ['1.31', 'v1.32', '1.33.2']) expect(run('good', '--kubernetes-version', version).code).toBe(0);
  });

  it('--ignore-filename-pattern leaves out matching files, walked or named', () => {
    const { code, stdout } = run('--ignore-filename-pattern', 'widget', '--ignore-filename-pattern', '^bad/dep', 'bad', 'good/b/namespace.yaml');
    expect(code).toBe(0);
    expect(stdout).toBe('Summary: 1 resource found in 1 file - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n');
  });

  it('--verbose lists valid and skipped resources; --no-summary drops the summary', () => {
    const { stdout } = run('--verbose', '--no-summary', '--skip', 'Widget', 'good/b', 'bad/widget.yaml');
    expect(stdout).toBe('bad/widget.yaml:1: Widget/w (document 0): skipped\ngood/b/namespace.yaml:1: Namespace/b (document 0): is valid\n');
  });

  it('--exit-on-error stops at the first failing resource', () => {
    write('stop/a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: 1}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\ndata: {k: 2}\n');
    write('stop/b.yaml', namespace('later'));
    expect(run('stop').stdout).toContain('Summary: 3 resources found in 2 files - Valid: 1, Invalid: 2');
    const { code, stdout } = run('--exit-on-error', 'stop');
    expect(code).toBe(1);
    expect(stdout).toContain('Summary: 1 resource found in 1 file - Valid: 0, Invalid: 1, Errors: 0, Skipped: 0');
  });

  it('--ignore-missing-schemas skips kinds it has no schema for; --reject turns a kind into an error', () => {
    expect(run('--ignore-missing-schemas', 'bad/widget.yaml')).toMatchObject({ code: 0 });
    const rejected = run('--reject', 'Namespace', 'good/b');
    expect(rejected.code).toBe(1);
    expect(rejected.stdout).toContain('good/b/namespace.yaml:1: Namespace/b (document 0): prohibited resource kind Namespace');
  });
});
