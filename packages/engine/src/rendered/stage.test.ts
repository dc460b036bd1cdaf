import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildChartArchive } from '@platform/charts/testing';
import { ChartCatalog, type ChartEntry } from '../charts/catalog.js';
import { FleetBundle } from '../model/bundle.js';
import { fleetPhase } from '../model/phase.js';
import { Platform } from '../model/platform.js';
import { DEFAULT_LAYOUT } from '../output/layout.js';
import { renderPlatforms } from '../render/render.js';
import { testChart, testConfig } from '../testing.js';
import { renderedStage } from './stage.js';

const cache = mkdtempSync(join(tmpdir(), 'stage-cache-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

/** A chart in the cache, and its entry locked to it. */
function cachedChart(id: string, files: Record<string, string | Uint8Array>, entry: Partial<ChartEntry> = {}): ChartEntry {
  const archive = buildChartArchive({ name: id, version: '1.0.0', files });
  mkdirSync(join(cache, 'sha256'), { recursive: true });
  writeFileSync(join(cache, 'sha256', `${archive.digest.slice('sha256:'.length)}.tgz`), archive.bytes);
  return testChart(id, {}, { digest: archive.digest, ...entry });
}

/** One cluster (1.31) whose one Fleet bundle installs `chart`. */
async function stageOf(chart: ChartEntry, env: NodeJS.ProcessEnv = { PLATFORM_CHART_CACHE: cache }) {
  const phase = fleetPhase({ name: 'apps', summary: 'test', source: 'packages/test', build: (p) => void new FleetBundle(p, 'app', { namespace: 'apps', helm: { chart: p.chart(chart.id), releaseName: 'app' } }) });
  const platform = new Platform({ config: testConfig(), charts: ChartCatalog.of([chart]), layout: DEFAULT_LAYOUT.forCluster('test') }, [phase]);
  const stage = await renderedStage(renderPlatforms([platform]), [platform], env);
  return stage.findings.map((finding) => `${finding.rule} ${finding.file}: ${finding.message}`);
}

const deployment = (image: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector: { matchLabels: { app: a } }\n  template:\n    metadata: { labels: { app: a } }\n    spec:\n      containers:\n        - name: a\n          image: ${image}\n`;

describe('check\'s rendered stage', () => {
  it('says what it skipped and why when nothing is locked or pulled, without starting helm', async () => {
    expect(await stageOf(testChart('app'))).toEqual([expect.stringMatching(/^rendered\/skipped charts\/: .*no chart has a locked digest yet \(run platform charts lock, then platform charts pull\)/)]);
    const locked = testChart('app', {}, { digest: `sha256:${'0'.repeat(64)}` });
    expect(await stageOf(locked)).toEqual([expect.stringMatching(/^rendered\/skipped charts\/: .*no pinned chart is in the chart cache .* \(run platform charts pull\)/)]);
  });

  it('passes a clean chart', async () => {
    expect(await stageOf(cachedChart('clean', { 'templates/d.yaml': deployment('registry.example.com/app:1.2.3') }))).toEqual([]);
  });

  it('names an API version the cluster no longer serves, and an image without a tag', async () => {
    const found = await stageOf(cachedChart('old', { 'templates/pdb.yaml': 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: app\nspec:\n  minAvailable: 1\n', 'templates/d.yaml': deployment('registry.example.com/app') }));
    expect(found).toContainEqual(expect.stringMatching(/^rendered\/schema dist\/test\/apps\/app\/fleet.yaml: PodDisruptionBudget.*policy\/v1beta1.*/));
    expect(found).toContainEqual(expect.stringMatching(/^rendered\/image-tag dist\/test\/apps\/app\/fleet.yaml: .*registry.example.com\/app/));
  });

  it('refuses a chart whose own kubeVersion excludes the cluster, and a hand-kept range wider than the chart allows', async () => {
    const found = await stageOf(cachedChart('future', { 'Chart.yaml': 'apiVersion: v2\nname: future\nversion: 1.0.0\nkubeVersion: ">=1.33.0-0"\n', 'templates/d.yaml': deployment('registry.example.com/app:1') }, { kubernetes: { min: '1.25', max: '1.34' } }));
    expect(found).toContainEqual(expect.stringMatching(/^rendered\/chart-kube-version charts\/future\/chart.yaml: future 1.0.0 declares kubeVersion ">=1.33.0-0", which excludes Kubernetes 1.31 of cluster test/));
    expect(found).toContainEqual(expect.stringMatching(/^rendered\/chart-kube-range charts\/future\/chart.yaml: kubernetes 1.25 to 1.34 claims 1.25, 1.26, 1.27, 1.28, 1.29, 1.30, 1.31, 1.32, which future 1.0.0's own kubeVersion/));
    // Helm itself refuses to render it for 1.31.
    expect(found).toContainEqual(expect.stringMatching(/^rendered\/helm .*incompatible with Kubernetes/));
  });

  it('counts the chart\'s files in the Fleet Bundle\'s stored size', async () => {
    // Random-looking text compresses little: 2 MB of base-36 digits stays over the budget after gzip and base64.
    let noise = '';
    for (let seed = 7; noise.length < 2_000_000; ) noise += (seed = (seed * 1103515245 + 12345) % 2 ** 31).toString(36);
    const found = await stageOf(cachedChart('big', { 'files/blob.txt': noise, 'templates/d.yaml': deployment('registry.example.com/app:1') }));
    expect(found).toContainEqual(expect.stringMatching(/^rendered\/bundle-size dist\/test\/apps\/app\/fleet.yaml: the Fleet Bundle .* with big 1.0.0's \d+ chart files is about \d+ bytes/));
  });
});

describe('the Bundle size with binary chart files', () => {
  it('stores a binary file as base64 of its gzip: a large but repetitive one passes, random bytes of the same order fail', async () => {
    // 0xff is never valid UTF-8, so Fleet stores these as base64+gz whatever the Bundle's size.
    const repetitive = await stageOf(cachedChart('blank', { 'files/blank.bin': Buffer.alloc(3_000_000, 0xff), 'templates/d.yaml': deployment('registry.example.com/app:1') }));
    expect(repetitive.filter((line) => line.startsWith('rendered/bundle-size'))).toEqual([]);
    // Bytes that do not compress, the same on every run: sha256 in counter mode.
    const random = Buffer.concat(Array.from({ length: 1_000_000 / 32 }, (_, index) => createHash('sha256').update(String(index)).digest()));
    const noisy = await stageOf(cachedChart('noisy', { 'files/noise.bin': random, 'templates/d.yaml': deployment('registry.example.com/app:1') }));
    // A million random bytes gzip to about a million, and base64 makes that 1.33 million: over the budget.
    expect(noisy).toContainEqual(expect.stringMatching(/^rendered\/bundle-size /));
  });
});
