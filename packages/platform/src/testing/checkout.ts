import { execFileSync } from 'node:child_process';
import { runCli } from '@platform/engine';
import { phases } from '../phases.js';

/** One CLI command on a checkout, in process, with the platform's phases; what it printed and its exit code. */
export async function runCaptured(root: string, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { root, phases, io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) } });
  return { status, stdout, stderr };
}

/** A git runner for a scratch checkout, with a fixed author so commits need no user configuration. */
export function gitIn(root: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

/** Makes a scratch checkout a git repository with one commit of everything; returns a git runner for it. */
export function committedRepository(root: string): (...args: string[]) => string {
  const git = gitIn(root);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'base');
  return git;
}
