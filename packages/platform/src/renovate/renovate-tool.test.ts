import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renovateTool, toolCacheRoot } from './renovate-tool.js';

const scratch: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('where the test tools are installed', () => {
  it('PLATFORM_TOOL_CACHE, else $XDG_CACHE_HOME/rke2-platform, else ~/.cache/rke2-platform', () => {
    expect(toolCacheRoot({ PLATFORM_TOOL_CACHE: '/srv/tools', XDG_CACHE_HOME: '/x' })).toBe('/srv/tools');
    expect(toolCacheRoot({ XDG_CACHE_HOME: '/x' })).toBe('/x/rke2-platform');
    expect(toolCacheRoot({ XDG_CACHE_HOME: '' })).toBe(join(homedir(), '.cache', 'rke2-platform'));
  });
});

describe('installing Renovate on first use', () => {
  it('without the npm registry: one message that says what to do, and no tree left behind, not even a partial one', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'tool-cache-'));
    scratch.push(cache);
    // An abandoned install from a killed run, a day old: removed by the next install.
    mkdirSync(join(cache, '.renovate-44.0.0-abandoned'));
    utimesSync(join(cache, '.renovate-44.0.0-abandoned'), new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
    vi.stubEnv('PLATFORM_TOOL_CACHE', cache);
    // A registry nobody answers, no retries, and an empty npm cache (npm ci would otherwise install from it).
    vi.stubEnv('npm_config_registry', 'http://127.0.0.1:9/');
    vi.stubEnv('npm_config_fetch_retries', '0');
    vi.stubEnv('npm_config_cache', join(cache, 'npm-cache'));
    const messages: string[] = [];
    await expect(renovateTool((line) => messages.push(line))).rejects.toThrow(/could not install renovate@\d+\.\d+\.\d+ with npm ci \(exit \d+\); the npm registry must be reachable on first use, or PLATFORM_TOOL_CACHE/);
    expect(messages[0]).toMatch(/^renovate tests: installing renovate@/);
    expect(readdirSync(cache).filter((name) => name !== 'npm-cache')).toEqual([]);
  });
});
