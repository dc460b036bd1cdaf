import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runValidateCommand } from './index.js';

let root: string;
let server: Server | undefined;

function run(args: string[], stdinFd?: number): { code: number; stdout: string; stderr: string; ms: number } {
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const code = runValidateCommand(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: root,
    ...(stdinFd === undefined ? {} : { stdinFd }),
  });
  return { code, stdout, stderr, ms: performance.now() - started };
}

const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name} }\n`;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'validate-input-'));
  writeFileSync(join(root, 'ok.yaml'), namespace('ok'));
  writeFileSync(join(root, 'two.yaml'), `${namespace('one')}---\n${namespace('two')}`);
  spawnSync('mkfifo', [join(root, 'fifo.yaml')]);
  symlinkSync(join(root, 'ok.yaml'), join(root, 'link.yaml'));
  mkdirSync(join(root, 'dir'));
  writeFileSync(join(root, 'dir', 'real.yaml'), namespace('real'));
  symlinkSync(join(root, 'two.yaml'), join(root, 'dir', 'linked.yaml'));
});

afterAll(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('input channels: only regular files and stdin, one clear message for anything else, never a hang', () => {
  it.each([
    ['/dev/zero (endless device)', '/dev/zero', 'a character device, not a regular file'],
    ['/dev/null (device)', '/dev/null', 'a character device, not a regular file'],
    ['a FIFO with no writer (would block forever)', 'fifo.yaml', 'a FIFO, not a regular file'],
    ['a missing file', 'nope.yaml', 'no such file or directory'],
  ])('%s is refused within 2 s as an error for that path, and the rest is validated', (_, path, message) => {
    const result = run([path, 'ok.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${path}: ${message}`);
    expect(result.stdout).toContain('Valid: 1, Invalid: 0, Errors: 1');
    expect(result.ms).toBeLessThan(2000);
  });

  it('a socket is refused too', async () => {
    const socket = join(root, 'sock.yaml');
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(socket, resolve));
    const result = run(['sock.yaml']);
    expect(result.stdout).toMatch(/sock.yaml: (a socket, not a regular file|cannot read \(ENXIO\))/);
    expect(result.code).toBe(1);
  });

  it('reads a symbolic link named explicitly, but a walk does not follow links', () => {
    expect(run(['link.yaml']).stdout).toContain('Valid: 1');
    expect(run(['dir']).stdout).toContain('Summary: 1 resource found in 1 file');
  });

  it('reads stdin from a file descriptor for - and when no path is named', () => {
    const fd = openSync(join(root, 'two.yaml'), 'r');
    try {
      expect(run(['-'], fd).stdout).toBe('Summary: 2 resources found parsing stdin - Valid: 2, Invalid: 0, Errors: 0, Skipped: 0\n');
    } finally {
      closeSync(fd);
    }
    const again = openSync(join(root, 'two.yaml'), 'r');
    try {
      expect(run(['--output', 'json'], again).stdout).toContain('"valid": 2');
    } finally {
      closeSync(again);
    }
  });

  it('refuses a terminal or device on stdin instead of waiting', () => {
    const fd = openSync('/dev/zero', 'r');
    try {
      const result = run([], fd);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('stdin: stdin is a terminal or device');
      expect(result.ms).toBeLessThan(2000);
    } finally {
      closeSync(fd);
    }
  });

  it('reads a pipe on stdin in a real process (npm run -s platform -- validate -)', () => {
    const cli = fileURLToPath(new URL('../../platform/bin/platform.mjs', import.meta.url));
    const piped = spawnSync(process.execPath, [cli, 'validate', '--output', 'tap'], { input: `${namespace('piped')}---\n~\n---\napiVersion: v1\nkind: List\n`, encoding: 'utf8', timeout: 60_000 });
    expect(piped.stdout).toBe('TAP version 13\nok 1 - stdin (v1/Namespace//piped)\n1..1\n# Summary: 1 resource found parsing stdin - Valid: 1, Invalid: 0, Errors: 0, Skipped: 0\n');
    expect(piped.status).toBe(0);
  });

  it('a huge one-line document is refused with its size, within bounded memory, and the next document still counts', () => {
    const path = join(root, 'huge.yaml');
    const line = `data: ${'x'.repeat(1024 * 1024)}`;
    writeFileSync(path, `${Array.from({ length: 40 }, () => line).join('')}\n---\n${namespace('after')}`);
    const result = run(['huge.yaml']);
    expect(result.stdout).toMatch(/huge.yaml:1: \(unparsed\) \(document 0\): document is larger than 32 Mi characters \(40\.0 Mi characters\); not read/);
    expect(result.stdout).toContain('Valid: 1, Invalid: 0, Errors: 1');
  });

  it('names a file holding a newline without breaking a line of any format', () => {
    const name = 'evil\nok 2 - forged.yaml';
    writeFileSync(join(root, name), namespace('x'));
    const shown: Record<string, string> = { text: 'evil\\nok 2 - forged.yaml', tap: 'evil\\nok 2 - forged.yaml', json: 'evil\\nok 2 - forged.yaml', junit: 'evil&#10;ok 2 - forged.yaml' };
    for (const [format, escaped] of Object.entries(shown)) {
      const { stdout } = run(['--output', format, '--verbose', name]);
      expect(stdout.split('\n').some((line) => line.startsWith('ok 2 - forged'))).toBe(false);
      expect(stdout).toContain(escaped);
    }
  });
});
