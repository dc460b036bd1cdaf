import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yaml from 'js-yaml';
import { cachedChartPath, parseMirror, pullPins } from '@platform/charts';
import { checkImageTags, checkPodSecurity, type RenderedBundle } from '@platform/engine';
import { copyRepository } from '@platform/engine/testing';
import { helmTemplate, type HelmTemplateResult } from '@platform/helm';
import { repositoryRoot } from '../repository.js';
import { mirrorPath, standInImage, startPlatformCharts, VALUES_ANNOTATION, type PlatformCharts } from './platform-charts.js';
import { deployedReleases, type DeployedRelease } from './platform-inputs.js';
import { helmSkipReason, titleWithSkip } from './helm-available.js';

const helmSkip = await helmSkipReason();

/**
 * The fixture's promises, checked without the engine's rendering: every pin
 * is served where the mirror rule says, and each stand-in, rendered by the
 * pinned helm with the values its deployer passes, gives a clean workload
 * (restricted Pod Security, a pinned image) whose annotation holds exactly
 * the values deployedReleases computes. The end-to-end tests lean on both.
 */
let root: string;
let cleanup: () => void;
let charts: PlatformCharts;
let cache: string;
let releases: DeployedRelease[];
const rendered = new Map<string, HelmTemplateResult>();

beforeAll(async () => {
  if (helmSkip) return;
  ({ dir: root, cleanup } = copyRepository(repositoryRoot, ['clusters', 'charts', 'dist', 'fleet']));
  charts = await startPlatformCharts(root);
  cache = mkdtempSync(join(tmpdir(), 'platform-charts-cache-'));
  // Straight from the charts library, with the digests the fixture published: lock and pull are tested through the CLI elsewhere.
  const pins = charts.pins.map((pin) => ({ ...pin, digest: charts.published(pin.id).digest }));
  await pullPins(pins, { cacheDir: cache, mirror: parseMirror(charts.mirror, 'test') });
  releases = deployedReleases(root, 'dev');
  const kubernetesVersion = (yaml.load(readFileSync(join(root, 'clusters/dev.yaml'), 'utf8')) as { cluster: { kubernetesVersion: string } }).cluster.kubernetesVersion;
  for (const release of releases) {
    const pin = charts.pins.find((each) => each.chart === release.chart)!;
    const chart = cachedChartPath({ digest: charts.published(pin.id).digest }, cache)!;
    const values =
      release.inputs.from === 'fleet'
        ? { from: 'fleet' as const, ...(release.inputs.values ? { values: release.inputs.values } : {}), valuesFiles: release.inputs.valuesFiles.map((file) => join(root, file)) }
        : { ...release.inputs, version: release.version };
    rendered.set(release.file, await helmTemplate({ chart, releaseName: release.releaseName, namespace: release.namespace, kubeVersion: kubernetesVersion, values }));
  }
}, 120_000);

afterAll(async () => {
  await charts?.close();
  cleanup?.();
  if (cache) rmSync(cache, { recursive: true, force: true });
});

describe.skipIf(!!helmSkip)(titleWithSkip('the platform charts fixture', helmSkip), () => {
  it('serves a stand-in for every pin under /<host>/<path> of the mirror, with the pinned name and version', () => {
    const ids = readdirSync(join(root, 'charts')).sort();
    expect(charts.pins.map((pin) => pin.id)).toEqual(ids);
    for (const pin of charts.pins) {
      const published = charts.published(pin.id);
      expect([published.name, published.version]).toEqual([pin.chart, pin.version]);
      expect(published.archiveUrl).toBe(`${charts.mirror}${mirrorPath(pin.repo)}/${pin.chart}-${pin.version}.tgz`);
    }
    expect(mirrorPath('https://rancher.github.io/fleet-helm-charts/')).toBe('/rancher.github.io/fleet-helm-charts');
    expect(mirrorPath('https://charts.jetstack.io')).toBe('/charts.jetstack.io');
    expect(() => mirrorPath('oci://quay.io/jetstack/charts')).toThrow(/https/);
  });

  it('renders every deployed release with the pinned helm: the values its deployer passes reach the workload, exactly as deployedReleases merges them', () => {
    expect(releases.length).toBeGreaterThan(5);
    for (const release of releases) {
      const result = rendered.get(release.file)!;
      const workloads = result.objects.filter((object) => object.object.kind === 'Deployment');
      if (release.chart.endsWith('-crd') || release.chart.endsWith('-crds')) {
        expect(workloads, release.file).toEqual([]);
        expect(result.objects.every((object) => object.object.kind === 'CustomResourceDefinition'), release.file).toBe(true);
        continue;
      }
      expect(workloads, release.file).toHaveLength(1);
      const deployment = workloads[0]!.object as { metadata: { name: string; namespace: string }; spec: { template: { metadata: { annotations: Record<string, string> }; spec: { containers: Array<{ image: string }> } } } };
      expect(deployment.metadata).toMatchObject({ name: release.releaseName, namespace: release.namespace });
      expect(deployment.spec.template.spec.containers.map((container) => container.image)).toEqual([standInImage(release.chart, release.version)]);
      expect(JSON.parse(deployment.spec.template.metadata.annotations[VALUES_ANNOTATION]!), release.file).toEqual(release.values);
    }
  });

  it('ships CRDs where chart.yaml says the real chart does: under crds/ for crds-dir, as templates for templates', () => {
    for (const release of releases) {
      const pin = charts.pins.find((each) => each.chart === release.chart)!;
      const install = (yaml.load(readFileSync(join(root, pin.file), 'utf8')) as { crds: { install: string } }).crds.install;
      const result = rendered.get(release.file)!;
      const templated = result.objects.filter((object) => object.object.kind === 'CustomResourceDefinition');
      expect([result.crds.length, templated.length], `${release.file} (${install})`).toEqual(install === 'crds-dir' ? [1, 0] : install === 'templates' ? [0, 1] : [0, 0]);
    }
  });

  it('gives workloads that pass the restricted Pod Security level and pinned images', () => {
    const bundles: RenderedBundle[] = releases.map((release) => ({
      name: release.file,
      kind: release.installer === 'fleet' ? 'fleet-helm' : 'rke2-helmchart',
      release: { name: release.releaseName, namespace: release.namespace },
      chart: { name: release.chart, version: release.version },
      file: release.file,
      objects: rendered.get(release.file)!.objects.map((object) => ({ object: object.object as Record<string, unknown> })),
    }));
    const tree = { clusters: [{ name: 'dev', kubernetesVersion: '1.31', bundles }] };
    expect(checkPodSecurity(tree, () => ({}), { defaultLevel: 'restricted' })).toEqual([]);
    expect(checkImageTags(tree)).toEqual([]);
  });

  it('re-publishes a version with other bytes, and publishes new versions beside the pinned one', () => {
    const before = charts.published('loki');
    const again = charts.publish('loki', { files: { 'templates/service.yaml': null } });
    expect(again.digest).not.toBe(before.digest);
    expect(charts.published('loki')).toBe(again);
    const next = charts.publish('loki', { version: '99.0.0' });
    expect(charts.published('loki', '99.0.0')).toBe(next);
    expect(charts.published('loki').version).toBe(charts.pin('loki').version);
    expect(charts.standIn('loki', '99.0.0')['Chart.yaml']).toContain('version: 99.0.0');
  });
});
