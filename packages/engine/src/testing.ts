import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { kubeConfigMap } from './kube/object.js';
import { FleetBundle } from './model/bundle.js';
import { fleetPhase } from './model/phase.js';
import { ChartCatalog, type ChartEntry } from './charts/catalog.js';
import { Platform, type AnyPhaseDefinition } from './model/platform.js';
import { renderPlatform } from './render/render.js';
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
    crds: { install: 'none', upgrade: 'none', note: 'test fixture' },
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

/** The checkout this engine lives in. */
export const checkoutRoot = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');

/** Renders the given phases with the real charts/ and a test config; returns the tree and parsed objects. */
export function renderWithRealCharts(definitions: readonly AnyPhaseDefinition[], config: ClusterConfig = testConfig()) {
  // A GitRepo needs one Fleet bundle; bootstrap-only renders get a canary.
  const withFleet = definitions.some((definition) => definition.delivery === 'fleet') ? definitions : [...definitions, canaryPhase];
  const platform = new Platform({ config, charts: ChartCatalog.load(checkoutRoot) }, withFleet);
  const tree = renderPlatform(platform);
  const documents = (suffix: string) =>
    [...tree].filter(([path]) => path.endsWith(suffix)).map(([path, content]) => ({ path, object: yaml.load(content) as Record<string, any> }));
  return { platform, tree, documents, file: (path: string) => yaml.load(tree.get(path) ?? '') as Record<string, any> };
}

const canaryPhase = fleetPhase({
  name: 'canary',
  summary: 'test canary',
  source: 'packages/engine (test)',
  build(phase) {
    kubeConfigMap(new FleetBundle(phase, 'canary', { namespace: 'default' }), 'configmap', { metadata: { name: 'canary', namespace: 'default' } });
  },
});
