import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChartEntry } from './charts/catalog.js';
import type { ClusterConfig } from './config/schema.js';

/** A chart entry for tests, pinned and with the given values. */
export function testChart(id: string, values: Record<string, unknown> = {}, overrides: Partial<ChartEntry> = {}): ChartEntry {
  const valuesText = Object.keys(values).length === 0 ? '# no overrides\n' : `${JSON.stringify(values)}\n`;
  return {
    id,
    repo: `https://charts.example.com/${id}`,
    chart: id,
    version: '1.0.0',
    kubernetes: { min: '1.25' },
    reason: 'test fixture',
    valuesFile: `charts/${id}/values.yaml`,
    valuesText,
    values,
    ...overrides,
  };
}

/** A valid cluster config for tests. */
export function testConfig(overrides: Partial<{ [K in keyof ClusterConfig]: Partial<ClusterConfig[K]> }> = {}): ClusterConfig {
  const base: ClusterConfig = {
    cluster: { name: 'test', kubernetesVersion: '1.31', domain: 'example.com', loadBalancerIP: '192.0.2.10' },
    git: { repo: 'https://git.example.com/platform.git', branch: 'main' },
    fleet: { gitRepo: 'platform', namespace: 'fleet-local', pollingInterval: '60s' },
    storage: { replicaCount: 2 },
    certificates: { acmeEmail: 'ops@example.com', issuer: 'letsencrypt-prod' },
    observability: { logShipper: 'alloy' },
    security: { falco: false },
    secrets: { gitCredentials: 'git-auth', longhornBasicAuth: 'longhorn-auth', grafanaAdmin: 'grafana-admin', externalDnsAzure: 'external-dns-azure' },
  };
  const merged = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) merged[key] = { ...(base as unknown as Record<string, object>)[key], ...value };
  return merged as unknown as ClusterConfig;
}

/** Copies the given repository paths into a fresh temporary directory; returns it and a cleanup. */
export function copyRepository(root: string, paths: readonly string[]): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'platform-test-'));
  for (const path of paths) cpSync(join(root, path), join(dir, path), { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
