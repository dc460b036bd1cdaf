import * as fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sha256 } from '../render/render.js';
import { recover, writeTree, type FileSystem } from '../dist/writer.js';
import { runCli } from './main.js';

let root = '';
afterEach(() => rmSync(root, { recursive: true, force: true }));

const tree = (variant: string) => {
  const files: Record<string, string> = { 'dist/a/x.yaml': `x ${variant}\n`, 'fleet/gitrepo.yaml': `repo ${variant}\n` };
  const manifest = Object.keys(files).sort().map((path) => `${sha256(files[path] ?? '')}  ${path}\n`).join('');
  return new Map([...Object.entries(files), ['dist/SHA256SUMS', manifest]]);
};

/** A checkout whose synth was killed after moving dist/ aside and before moving the new one in. */
function halfSwapped(): string {
  root = mkdtempSync(join(tmpdir(), 'check-interrupted-'));
  writeTree(root, tree('old'));
  let killed = false;
  const dying = new Proxy(fs, {
    get: (target, name: string) => (...args: unknown[]) => {
      if (killed && !['existsSync', 'readFileSync', 'lstatSync', 'readdirSync'].includes(name)) throw Object.assign(new Error('killed'), { code: 'EKILLED' });
      return (target as unknown as Record<string, (...a: unknown[]) => unknown>)[name]?.(...args);
    },
  }) as unknown as FileSystem;
  expect(() => writeTree(root, tree('new'), { fs: dying, step: (step) => void (step === 'swap:dist-aside' && (killed = true)) })).toThrow();
  expect(fs.existsSync(join(root, 'dist'))).toBe(false);
  return root;
}

async function check(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await runCli(['check', ...args], { root, phases: [], io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) } });
  return { status, stdout, stderr };
}

const MESSAGE = 'an interrupted synth left dist/ and fleet/ half swapped; run npm run synth to finish it';

describe('check after a synth killed mid-swap', () => {
  it('says plainly that synth must finish, exit 1, in text', async () => {
    halfSwapped();
    const result = await check();
    expect(result).toEqual({ status: 1, stdout: `.synth/commit: ${MESSAGE}\ncheck: ${MESSAGE}\n`, stderr: '' });
  });

  it('as one failing result in JSON, TAP, JUnit and code quality, each well-formed', async () => {
    halfSwapped();
    const json = await check('--output', 'json');
    expect(json.status).toBe(1);
    const finding = { rule: 'interrupted-synth', file: '.synth/commit', message: MESSAGE, severity: 'blocker' };
    expect(JSON.parse(json.stdout)).toEqual({
      name: 'platform-check',
      ok: false,
      counts: { tests: 1, passed: 0, failed: 1, error: 0, skipped: 0 },
      summary: `check: ${MESSAGE}`,
      suites: [{ name: 'shared', cases: [{ name: '.synth/commit', classname: 'platform-check.shared', label: '.synth/commit', file: '.synth/commit', status: 'failed', findings: [finding] }] }],
    });
    const tap = await check('--output', 'tap');
    expect(tap.status).toBe(1);
    expect(tap.stdout).toBe(['TAP version 13', `not ok 1 - .synth/commit: ${MESSAGE}`, '1..1', `# check: ${MESSAGE}`, ''].join('\n'));
    const junit = await check('--output', 'junit');
    expect(junit.status).toBe(1);
    expect(junit.stdout.match(/<testcase /g)).toHaveLength(1);
    expect(junit.stdout).toContain(`<testcase name=".synth/commit" classname="platform-check.shared" time="0">\n      <failure message="${MESSAGE}" type="interrupted-synth">.synth/commit: ${MESSAGE}</failure>`);
    const quality = await check('--output', 'codequality');
    expect(quality.status).toBe(1);
    expect(JSON.parse(quality.stdout)).toEqual([{ description: MESSAGE, check_name: 'interrupted-synth', fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), severity: 'blocker', location: { path: '.synth/commit', lines: { begin: 1 } } }]);
  });

  it('no longer says so once the next synth (or recovery) finished the swap', async () => {
    halfSwapped();
    expect(recover(root)).toBe('rolled-forward');
    expect(fs.readFileSync(join(root, 'dist/a/x.yaml'), 'utf8')).toBe('x new\n');
    const after = await check();
    expect(after.stdout + after.stderr).not.toContain('interrupted');
  });
});
