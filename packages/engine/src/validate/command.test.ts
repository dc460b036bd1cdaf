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
    const { code, stdout } = run('good', '--output', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { files: Array<{ path: string }> };
    expect(report.files.map((file) => file.path)).toEqual(['good/a/config.json', 'good/a/namespace.yml', 'good/b/namespace.yaml']);
  });

  it('reads a file named explicitly whatever its extension', () => {
    expect(run('notes.txt').stdout).toContain('Summary: 1 resource found in 1 file - Valid: 1');
  });

  it('exits 1 when anything is invalid or unknown, printing every problem', () => {
    const { code, stdout } = run('bad');
    expect(code).toBe(1);
    expect(stdout).toContain('bad/deploy.yaml:4: Deployment/d (document 0): spec.replicas: must be integer, got string');
    expect(stdout).toContain('bad/widget.yaml:1: Widget/w (document 0): no schema for example.com/v1 Widget; pass --skip Widget to ignore it');
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
    expect(run('bad', '--output', 'junit').stdout).toContain('<testcase classname="validate" name="bad/deploy.yaml">');
    expect(run('bad', '-o', 'tap').stdout.startsWith('TAP version 13\n1..2\n')).toBe(true);
  });

  it('prints help and exits 0', () => {
    const { code, stdout } = run('--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: validate <file or directory>...');
    expect(stdout).toContain('--kubernetes-version');
  });

  it.each([
    [[], 'name at least one file or directory'],
    [['good', '--output', 'xml'], 'unknown output format `xml`'],
    [['good', '--frobnicate'], 'unknown option --frobnicate'],
    [['good', '--skip'], '--skip needs a value'],
    [['missing-dir'], 'no such file or directory: missing-dir'],
    [['good', '--kubernetes-version', '1.30'], 'no schemas for Kubernetes 1.30'],
  ])('exits 2 on usage errors: %j', (args, message) => {
    const { code, stderr, stdout } = run(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
  });

  it('accepts the Kubernetes version it carries', () => {
    expect(run('good', '--kubernetes-version', 'v1.31').code).toBe(0);
  });
});
