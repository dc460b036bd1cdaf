import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hermeticEnv } from './hermetic-env.js';

/** What one helm process printed and how it ended. */
export interface HelmRun {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code; null when killed. */
  readonly code: number | null;
  readonly durationMs: number;
}

/** Rendered output of the biggest charts is a few MB; leave ample room. */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/**
 * Makes a fresh temporary folder, lets `use` fill it (values files) and run
 * helm with it as its hermetic home, then removes it whatever happened.
 */
export async function withHelmHome<T>(use: (home: string) => Promise<T>): Promise<T> {
  const home = await mkdtemp(join(tmpdir(), 'platform-helm-'));
  try {
    return await use(home);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * Runs helm with arguments as separate argv entries (no shell, so nothing in
 * a value or a path is interpreted) in the hermetic environment of `home`.
 */
export function runHelm(helmPath: string, args: readonly string[], home: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<HelmRun> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      helmPath,
      [...args],
      { cwd: home, env: hermeticEnv(home), encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES, timeout: options.timeoutMs ?? 120_000, signal: options.signal, windowsHide: true },
      (error, stdout, stderr) => {
        const durationMs = performance.now() - started;
        if (error && typeof (error as NodeJS.ErrnoException).code === 'string' && (error as NodeJS.ErrnoException).code !== 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          // Could not start it at all (ENOENT, EACCES) or aborted: not a helm answer.
          reject(error);
          return;
        }
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ stdout, stderr, code, durationMs });
      },
    );
  });
}
