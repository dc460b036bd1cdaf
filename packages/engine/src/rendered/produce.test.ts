import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChartArchive } from '@platform/charts/testing';
import { resolveHelm, type HelmBinary } from '@platform/helm';
import { OutputLayout } from '../output/layout.js';
import { produceRenderedTree, type ChartArchiveLookup } from './produce.js';

let dir: string;
let helm: HelmBinary;
const archives = new Map<string, string>();

/** A chart archive on disk, by chart name. */
function publish(name: string, version: string, files: Record<string, string>): void {
  const archive = buildChartArchive({ name, version, files });
  const path = join(dir, `${name}-${version}.tgz`);
  writeFileSync(path, archive.bytes);
  archives.set(`${name}@${version}`, path);
}
const lookup: ChartArchiveLookup = ({ chart, version }) => {
  const path = archives.get(`${chart}@${version}`);
  return path ? { path } : { missing: `${chart} ${version} is not in the cache` };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'produce-'));
  helm = await resolveHelm();
  // A CRD chart, and a chart that renders a Widget only when the cluster serves it (as charts do with ServiceMonitors).
  publish('widget-crds', '1.0.0', {
    'templates/crd.yaml': 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema: { openAPIV3Schema: { type: object, x-kubernetes-preserve-unknown-fields: true } }\n',
  });
  publish('app', '2.0.0', {
    'values.yaml': 'greeting: chart-default\nreplicas: 1\n',
    'templates/cm.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n  replicas: {{ .Values.replicas | quote }}\n  kube: {{ .Capabilities.KubeVersion.Version | quote }}\n{{- if .Capabilities.APIVersions.Has "example.com/v1/Widget" }}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: {{ .Release.Name }}\n  namespace: {{ .Release.Namespace }}\n{{- end }}\n',
  });
  mkdirSync(join(dir, 'renders'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const layout = new OutputLayout('dev');
const cluster = { name: 'dev', kubernetesVersion: '1.32', layout, phases: ['base', 'apps'] };
const gitRepo = (paths: string[]) => `apiVersion: fleet.cattle.io/v1alpha1\nkind: GitRepo\nmetadata:\n  name: platform\n  namespace: fleet-local\nspec:\n  repo: https://git.example.com/p.git\n  paths:\n${paths.map((path) => `    - ${path}\n`).join('')}`;
const files = new Map([
  ['fleet/dev/gitrepo.yaml', gitRepo(['dist/dev/base/crds', 'dist/dev/apps/app'])],
  // An RKE2 HelmChart: valuesContent, then spec.set on top.
  ['dist/dev/base/rke2/helmchart.kube-system.early.yaml', 'apiVersion: helm.cattle.io/v1\nkind: HelmChart\nmetadata:\n  name: early\n  namespace: kube-system\nspec:\n  repo: https://charts.example.com\n  chart: app\n  version: 2.0.0\n  targetNamespace: early-ns\n  valuesContent: |-\n    greeting: from-valuesContent\n    replicas: 5\n  set:\n    replicas: 7\n'],
  ['dist/dev/base/crds/fleet.yaml', 'defaultNamespace: widgets\nhelm:\n  repo: https://charts.example.com\n  chart: widget-crds\n  version: 1.0.0\n  releaseName: widget-crds\n'],
  // A Fleet bundle: helm.values, then its values file on top.
  ['dist/dev/apps/app/fleet.yaml', 'defaultNamespace: apps\nhelm:\n  repo: https://charts.example.com\n  chart: app\n  version: 2.0.0\n  releaseName: app\n  values:\n    greeting: from-helm-values\n    replicas: 2\n  valuesFiles:\n    - app.values.yaml\n'],
  ['dist/dev/apps/app/app.values.yaml', 'replicas: 3\n'],
  // Rendered but not in the GitRepo: Fleet never deploys it.
  ['dist/dev/apps/unlisted/fleet.yaml', 'defaultNamespace: apps\nhelm:\n  repo: https://charts.example.com\n  chart: app\n  version: 9.9.9\n'],
]);

const configMap = (tree: Awaited<ReturnType<typeof produceRenderedTree>>['tree'], bundle: string) =>
  tree.clusters[0]?.bundles.find((candidate) => candidate.name === bundle)?.objects.map((entry) => entry.object as { kind: string; data?: Record<string, string> }).find((object) => object.kind === 'ConfigMap')?.data;

describe('rendering what each cluster receives from the generated files', () => {
  it('passes each deployer\'s values in its order, renders in rollout order with the CRDs before, and skips what the GitRepo does not list', async () => {
    const produced = await produceRenderedTree(files, [cluster], lookup, { helm });
    expect(produced.findings).toEqual([]);
    expect(produced.missing).toEqual([]);
    expect(produced.releases).toBe(3);
    // helm-controller: valuesContent, then spec.set (typed by --set: 7, not "7").
    expect(configMap(produced.tree, 'kube-system/early')).toEqual({ greeting: 'from-valuesContent', replicas: '7', kube: 'v1.32.0' });
    // Fleet: helm.values, then the values file on top.
    expect(configMap(produced.tree, 'platform-dist-dev-apps-app')).toEqual({ greeting: 'from-helm-values', replicas: '3', kube: 'v1.32.0' });
    const kinds = (bundle: string) => produced.tree.clusters[0]?.bundles.find((candidate) => candidate.name === bundle)?.objects.map((entry) => (entry.object as { kind: string }).kind);
    // The RKE2 HelmChart renders before the CRD bundle (RKE2 manifests come first in a phase), so no Widget; the app after it gets one.
    expect(kinds('kube-system/early')).toEqual(['ConfigMap']);
    expect(kinds('platform-dist-dev-apps-app')).toEqual(['ConfigMap', 'Widget']);
    expect(produced.tree.clusters[0]?.bundles.map((bundle) => bundle.name)).not.toContain('platform-dist-dev-apps-unlisted');
  }, 60_000);

  it('takes an unchanged release from the render cache without running helm, and renders again when any input changes', async () => {
    const renderCacheDir = join(dir, 'renders');
    const first = await produceRenderedTree(files, [cluster], lookup, { helm, renderCacheDir });
    const broken: HelmBinary = { ...helm, path: join(dir, 'no-such-helm') };
    const cached = await produceRenderedTree(files, [cluster], lookup, { helm: broken, renderCacheDir });
    expect(cached.tree).toEqual(first.tree);
    const changed = new Map(files).set('dist/dev/apps/app/app.values.yaml', 'replicas: 4\n');
    await expect(produceRenderedTree(changed, [cluster], lookup, { helm: broken, renderCacheDir })).rejects.toThrow();
  }, 60_000);

  it('names each release whose chart is not cached, and renders the rest', async () => {
    const without = new Map(files).set('dist/dev/apps/app/fleet.yaml', (files.get('dist/dev/apps/app/fleet.yaml') ?? '').replace('version: 2.0.0', 'version: 2.1.0'));
    const produced = await produceRenderedTree(without, [cluster], lookup, { helm });
    expect(produced.missing).toEqual(['dist/dev/apps/app/fleet.yaml: app 2.1.0 is not in the cache']);
    expect(produced.releases).toBe(2);
  }, 60_000);
});
