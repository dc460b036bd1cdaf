/**
 * One synth writer as its own process, for concurrency.test.ts: writes tree
 * `a` or `b` into a root, logging each writer step to a shared file, sleeping
 * at the steps given (to widen race windows) and killing itself with SIGKILL
 * at one step if asked. Exit 0 written, 1 refused with a message, 70 raw error.
 *
 * Usage: race.fixture <root> <a|b> <log> <delays JSON: {step: ms}> [kill-at step]
 */
import { appendFileSync, existsSync } from 'node:fs';
import { isPlatformError } from '../errors.js';
import { sha256 } from '../output/manifest.js';
import { writeTree, type WriterStep } from './writer.js';

/** A generated tree with its ownership manifest; `variant` changes every file, so a mix of two trees shows. */
export function raceTree(variant: string): Map<string, string> {
  const files: Record<string, string> = { 'fleet/gitrepo.yaml': `repo ${variant}\n` };
  for (let index = 0; index < 24; index += 1) files[`dist/bundle-${index % 4}/object-${index}.yaml`] = `object ${index} of tree ${variant}\n`;
  if (variant === 'b') files['dist/only-b/extra.yaml'] = 'only in b\n';
  else files['dist/only-a/extra.yaml'] = 'only in a\n';
  const manifest = Object.keys(files).sort().map((path) => `${sha256(files[path] ?? '')}  ${path}\n`).join('');
  return new Map([...Object.entries(files), ['dist/SHA256SUMS', manifest]]);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const [root, variant, log, delaysJson, killAt] = process.argv.slice(2);
if (root && variant && log) {
  const delays = JSON.parse(delaysJson ?? '{}') as Record<string, number>;
  const step = (name: WriterStep) => {
    appendFileSync(log, `${process.pid} ${variant} ${name}\n`);
    if (name === killAt) process.kill(process.pid, 'SIGKILL');
    const ms = delays[name];
    if (ms) sleep(ms);
  };
  // A start barrier: both writers enter writeTree together, however unevenly the machine started them.
  const barrier = process.env.RACE_BARRIER;
  if (barrier) {
    appendFileSync(log, `${process.pid} ${variant} ready\n`);
    for (const deadline = Date.now() + 20_000; !existsSync(barrier) && Date.now() < deadline; ) sleep(2);
  }
  try {
    writeTree(root, raceTree(variant), { step, lockTimeoutMs: 20_000, onWait: () => appendFileSync(log, `${process.pid} ${variant} waiting\n`) });
    process.exitCode = 0;
  } catch (error) {
    if (isPlatformError(error)) {
      process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`raw error: ${(error as Error)?.stack ?? String(error)}\n`);
      process.exitCode = 70;
    }
  }
}
