import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { helmSkipReason, packageChart, probeTemplate, scratchDir, testHelm, withHelmTitle, writeChart } from '../testing/charts.js';
import { HelmTemplateError } from './errors.js';
import { helmTemplate, type HelmTemplateOptions } from './helm-template.js';

const base = (chart: string, more: Partial<HelmTemplateOptions> = {}): HelmTemplateOptions => ({
  chart,
  releaseName: 'rel',
  namespace: 'apps',
  kubeVersion: '1.31',
  values: { from: 'fleet' },
  helm: testHelm,
  ...more,
});

async function failure(options: HelmTemplateOptions): Promise<HelmTemplateError> {
  const error = await helmTemplate(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HelmTemplateError);
  return error as HelmTemplateError;
}

const PDB = `{{- if .Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget" }}
apiVersion: policy/v1
{{- else }}
apiVersion: policy/v1beta1
{{- end }}
kind: PodDisruptionBudget
metadata:
  name: {{ .Release.Name }}
  namespace: {{ .Release.Namespace }}
spec:
  minAvailable: 1
`;

/** What a Kubernetes 1.31 cluster's discovery lists for policy, plus a CRD an earlier bundle installed. */
const CLUSTER_APIS = ['policy/v1', 'policy/v1/PodDisruptionBudget', 'policy/v1/Eviction', 'monitoring.coreos.com/v1', 'monitoring.coreos.com/v1/ServiceMonitor'];

describe.skipIf(!!helmSkipReason)(withHelmTitle('helmTemplate: one typed error per chart that does not render'), () => {
  it('a values.schema.json failure is kind schema, with the chart, the release and helm\'s message without its noise', async () => {
    const chart = writeChart({
      values: 'replicas: 1\n',
      schema: JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } }, required: ['replicas'] }),
      templates: { 'cm.yaml': probeTemplate('.Values.replicas') },
    });
    const error = await failure(base(chart, { values: { from: 'fleet', values: { replicas: 'three' } } }));
    expect(error.kind).toBe('schema');
    expect(error.chart).toBe(chart);
    expect(error.release).toBe('rel');
    expect(error.helmMessage).toMatch(/^values don't meet the specifications of the schema\(s\) in the following chart\(s\):\ndemo:\n- replicas: Invalid type\. Expected: integer, given: string$/);
    expect(error.message).not.toMatch(/Error: |--debug/);
  });

  it('skipSchemaValidation (Fleet helm.skipSchemaValidation) renders anyway', async () => {
    const chart = writeChart({ schema: JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } }), templates: { 'cm.yaml': probeTemplate('.Values.replicas') } });
    const result = await helmTemplate(base(chart, { values: { from: 'fleet', values: { replicas: 'three' } }, skipSchemaValidation: true }));
    expect(result.objects[0]!.object.data).toEqual({ v: '"three"' });
  });

  it('a missing required value is kind required, naming the template, line and the chart\'s message', async () => {
    const chart = writeChart({ templates: { 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ required "host is required" .Values.host }}\n` } });
    const error = await failure(base(chart));
    expect(error.kind).toBe('required');
    expect(error.helmMessage).toBe('execution error at (demo/templates/cm.yaml:4:11): host is required');
  });

  it('a template error is kind template', async () => {
    for (const body of ['{{ .Values.x | nosuchfunction }}', '{{ if }}', '{{ include "missing" . }}']) {
      const chart = writeChart({ templates: { 'cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  v: {{ "" }}${body}\n` } });
      const error = await failure(base(chart));
      expect(error.kind).toBe('template');
      expect(error.helmMessage).toMatch(/demo\/templates\/cm\.yaml/);
    }
  });

  it('a kubeVersion the cluster does not meet is kind kube-version', async () => {
    const chart = writeChart({ chartYaml: 'kubeVersion: ">=1.32.0-0"\n', templates: { 'cm.yaml': probeTemplate('1') } });
    const error = await failure(base(chart));
    expect(error.kind).toBe('kube-version');
    expect(error.helmMessage).toBe('chart requires kubeVersion: >=1.32.0-0 which is incompatible with Kubernetes v1.31.0');
    await expect(failure(base(chart, { kubeVersion: 'one-thirty-one' }))).resolves.toMatchObject({ kind: 'kube-version' });
  });

  it('rendered output that is not YAML objects is kind manifest, naming the template', async () => {
    for (const [file, text] of [
      ['bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [x\n'],
      ['list.yaml', '- a\n- b\n'],
    ]) {
      const error = await failure(base(writeChart({ templates: { [file!]: text! } })));
      expect(error.kind).toBe('manifest');
      expect(error.helmMessage).toContain(`YAML parse error on demo/templates/${file}`);
    }
  });

  it('a chart that cannot load is kind chart', async () => {
    const missingDependency = writeChart({ chartYaml: 'dependencies:\n  - name: sub\n    version: 1.0.0\n    repository: https://charts.example.invalid\n', templates: { 'cm.yaml': probeTemplate('1') } });
    await expect(failure(base(missingDependency))).resolves.toMatchObject({ kind: 'chart' });
    await expect(failure(base(join(scratchDir(), 'nothing-here')))).resolves.toMatchObject({ kind: 'chart' });
  });
});

describe.skipIf(!!helmSkipReason)(withHelmTitle('helmTemplate: the cluster\'s version and APIs'), () => {
  it('without the cluster\'s API list a Capabilities check falls back to policy/v1beta1, removed in 1.25; with it, policy/v1', async () => {
    const chart = writeChart({ templates: { 'pdb.yaml': PDB } });
    const blind = await helmTemplate(base(chart));
    expect(blind.objects.map((o) => o.object.apiVersion)).toEqual(['policy/v1beta1']);
    const informed = await helmTemplate(base(chart, { apiVersions: CLUSTER_APIS }));
    expect(informed.objects.map((o) => o.object.apiVersion)).toEqual(['policy/v1']);
  });

  it('names the group/versions helm template claims beyond the cluster\'s list, where a Capabilities check can mislead', async () => {
    const chart = writeChart({ templates: { 'cm.yaml': probeTemplate('.Capabilities.APIVersions.Has "policy/v1beta1"') } });
    const result = await helmTemplate(base(chart, { apiVersions: CLUSTER_APIS }));
    // Kubernetes 1.31 does not serve policy/v1beta1 (removed in 1.25), yet helm template says it does.
    expect(result.objects[0]!.object.data).toEqual({ v: 'true' });
    expect(result.phantomApiVersions).toEqual(expect.arrayContaining(['policy/v1beta1', 'extensions/v1beta1', 'batch/v1beta1', 'autoscaling/v2beta2']));
    expect(result.phantomApiVersions).not.toContain('policy/v1');
    expect((await helmTemplate(base(chart))).phantomApiVersions).toEqual([]);
  });

  it('renders a removed API a chart emits unconditionally, so the checks after it can name it', async () => {
    const chart = writeChart({ templates: { 'pdb.yaml': PDB.replace(/\{\{-? if[\s\S]*?end \}\}\n/, 'apiVersion: policy/v1beta1\n') } });
    const result = await helmTemplate(base(chart, { apiVersions: CLUSTER_APIS }));
    expect(result.objects.map((o) => [o.object.apiVersion, o.object.kind, o.source])).toEqual([['policy/v1beta1', 'PodDisruptionBudget', 'demo/templates/pdb.yaml']]);
  });

  it('honours .Capabilities.APIVersions.Has for a CRD served since an earlier bundle, and .Capabilities.KubeVersion', async () => {
    const chart = writeChart({
      templates: {
        'sm.yaml': '{{- if .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor" }}\napiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata:\n  name: sm\n{{- end }}\n',
        'cm.yaml': probeTemplate('list .Capabilities.KubeVersion.Version .Capabilities.KubeVersion.Minor (semverCompare ">=1.31.0-0" .Capabilities.KubeVersion.GitVersion)'),
      },
    });
    const without = await helmTemplate(base(chart, { kubeVersion: 'v1.31.14+rke2r1' }));
    expect(without.objects.map((o) => o.object.kind)).toEqual(['ConfigMap']);
    expect(JSON.parse((without.objects[0]!.object.data as { v: string }).v)).toEqual(['v1.31.14+rke2r1', '31', true]);
    const withCrd = await helmTemplate(base(chart, { apiVersions: CLUSTER_APIS }));
    expect(withCrd.objects.map((o) => o.object.kind)).toEqual(['ConfigMap', 'ServiceMonitor']);
  });

  it('gives the release name and namespace to the templates', async () => {
    const chart = writeChart({ templates: { 'cm.yaml': probeTemplate('list .Release.Name .Release.Namespace .Release.IsInstall') } });
    const result = await helmTemplate(base(chart, { releaseName: 'platform-ingress', namespace: 'ingress-nginx' }));
    expect(JSON.parse((result.objects[0]!.object.data as { v: string }).v)).toEqual(['platform-ingress', 'ingress-nginx', true]);
  });
});

describe.skipIf(!!helmSkipReason)(withHelmTitle('helmTemplate: what comes out'), () => {
  const crd = (name: string) =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: ${name}.example.com\nspec:\n  group: example.com\n  names: {kind: ${name}, plural: ${name}}\n  scope: Namespaced\n  versions: []\n`;
  const chartWithCrds = () =>
    writeChart({
      crds: { 'all.yaml': `${crd('alphas')}---\n${crd('betas')}` },
      templates: {
        'cm.yaml': probeTemplate('1'),
        'hook.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  annotations:\n    "helm.sh/hook": pre-install,pre-upgrade\nspec: {}\n',
        'test.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: smoke\n  annotations:\n    "helm.sh/hook": test\nspec: {}\n',
      },
      subcharts: { sub: { crds: { 'gammas.yaml': crd('gammas') }, templates: { 'sub.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sub\n' } }, crds: { templates: { 'not-a-crd.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: crds-subchart\n' } } },
    });

  it('reports CRDs of crds/ folders (the chart\'s and its subcharts\') apart from the templates, and leaves them out of objects by default', async () => {
    const result = await helmTemplate(base(chartWithCrds()));
    expect(result.crds.map((o) => [o.source, (o.object.metadata as { name: string }).name])).toEqual([
      ['demo/crds/all.yaml', 'alphas.example.com'],
      ['demo/crds/all.yaml', 'betas.example.com'],
      ['demo/charts/sub/crds/gammas.yaml', 'gammas.example.com'],
    ]);
    expect(result.objects.map((o) => o.source).sort()).toEqual(['demo/charts/crds/templates/not-a-crd.yaml', 'demo/charts/sub/templates/sub.yaml', 'demo/templates/cm.yaml', 'demo/templates/hook.yaml']);
    const included = await helmTemplate(base(chartWithCrds(), { includeCrds: true }));
    expect(included.objects.filter((o) => o.object.kind === 'CustomResourceDefinition')).toHaveLength(3);
  });

  it('marks hooks with their events and leaves test hooks out (neither deployer runs helm test)', async () => {
    const result = await helmTemplate(base(chartWithCrds()));
    expect(result.objects.filter((o) => o.hook).map((o) => [o.object.kind, o.hook])).toEqual([['Job', ['pre-install', 'pre-upgrade']]]);
    expect(result.objects.some((o) => o.object.kind === 'Pod')).toBe(false);
  });

  it('parses objects as the cluster\'s clients do (YAML 1.1 booleans), and keeps each document\'s text', async () => {
    const chart = writeChart({ templates: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  enabled: {{ .Values.flag }}\n' } });
    const result = await helmTemplate(base(chart, { values: { from: 'fleet', values: { flag: 'on' } } }));
    expect(result.objects[0]!.object.data).toEqual({ enabled: true });
    expect(result.objects[0]!.manifest).toBe('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  enabled: on');
  });

  it('passes on helm\'s warnings, such as a table given where the chart has a scalar', async () => {
    const chart = writeChart({ values: 'replicas: 1\n', templates: { 'cm.yaml': probeTemplate('.Values.replicas') } });
    const result = await helmTemplate(base(chart, { values: { from: 'fleet', values: { replicas: { count: 2 } } } }));
    expect(result.warnings).toEqual(['coalesce.go:237: warning: skipped value for demo.replicas: Not a table.']);
  });

  it('renders a packaged .tgz exactly as the folder it came from', async () => {
    const folder = chartWithCrds();
    const archive = await packageChart(testHelm!, folder);
    const [fromFolder, fromArchive] = await Promise.all([helmTemplate(base(folder)), helmTemplate(base(archive))]);
    expect(archive).toMatch(/\.tgz$/);
    expect(fromArchive.objects).toEqual(fromFolder.objects);
    expect(fromArchive.crds).toEqual(fromFolder.crds);
  });
});

describe.skipIf(!!helmSkipReason)(withHelmTitle('helmTemplate: hermetic and deterministic'), () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  const chart = () =>
    writeChart({
      values: 'b: 2\na: 1\n',
      templates: {
        'cm.yaml': probeTemplate('list (now | date "-0700 MST") .Values'),
        'z.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: z\n',
        'a.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n',
      },
    });

  it('gives the same objects whatever the caller\'s time zone, locale, HOME (even unwritable), HELM_* and proxies', async () => {
    const folder = chart();
    const first = await helmTemplate(base(folder));
    const readOnlyHome = scratchDir();
    chmodSync(readOnlyHome, 0o555);
    const plugins = join(scratchDir(), 'plugins', 'evil');
    mkdirSync(plugins, { recursive: true });
    writeFileSync(join(plugins, 'plugin.yaml'), 'name: evil\nversion: 1.0.0\ncommand: "$HELM_PLUGIN_DIR/evil.sh"\nplatformHooks: {}\n');
    Object.assign(process.env, {
      TZ: 'Pacific/Chatham',
      LANG: 'de_DE.UTF-8',
      LC_ALL: 'tr_TR.UTF-8',
      HOME: readOnlyHome,
      HELM_PLUGINS: join(plugins, '..'),
      HELM_REPOSITORY_CONFIG: '/nonexistent/repositories.yaml',
      HELM_DEBUG: 'true',
      HELM_NAMESPACE: 'elsewhere',
      HTTPS_PROXY: 'http://proxy.example.invalid:3128',
      KUBECONFIG: '/nonexistent/kubeconfig',
    });
    const second = await helmTemplate(base(folder));
    expect(second.objects).toEqual(first.objects);
    const [zone, values] = JSON.parse((first.objects.find((o) => o.object.kind === 'ConfigMap')!.object.data as { v: string }).v) as [string, unknown];
    expect(zone).toBe('+0000 UTC');
    expect(values).toEqual({ a: 1, b: 2 });
    expect(second.warnings).toEqual([]);
    // install order: ServiceAccount, Secret, ConfigMap (pkg/releaseutil/kind_sorter.go InstallOrder)
    expect(first.objects.map((o) => o.object.kind)).toEqual(['ServiceAccount', 'Secret', 'ConfigMap']);
  });

  it('reaches no network: a schema $ref to an https URL fails at once on the closed proxy', async () => {
    const folder = writeChart({
      schema: JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { x: { $ref: 'https://schemas.example.com/x.json' } } }),
      templates: { 'cm.yaml': probeTemplate('1') },
    });
    const started = performance.now();
    const error = await failure(base(folder, { values: { from: 'fleet', values: { x: 1 } } }));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(error.helmMessage).toMatch(/127\.0\.0\.1:9|proxyconnect|connection refused/);
  });

  it('takes hostile arguments as data: no shell, no flag injection through names or paths', async () => {
    const dir = scratchDir('helm test $(touch pwned) ;');
    const folder = writeChart({ name: 'odd', templates: { 'cm.yaml': probeTemplate('.Values.x') } }, dir);
    const valuesFile = join(dir, '--set=x=injected ;`id`.yaml');
    writeFileSync(valuesFile, 'x: "$(id) `id` ; --debug"\n');
    const result = await helmTemplate(base(folder, { namespace: 'apps', values: { from: 'fleet', valuesFiles: [valuesFile] } }));
    expect(JSON.parse((result.objects[0]!.object.data as { v: string }).v)).toBe('$(id) `id` ; --debug');
    for (const releaseName of ['--debug', '-x', 'a b', '$(id)']) {
      await expect(failure(base(folder, { releaseName }))).resolves.toMatchObject({ kind: 'input', helmMessage: expect.stringContaining('invalid release name') });
    }
    for (const namespace of ['--kube-apiserver=http://x', 'Apps', 'a'.repeat(64), '']) {
      await expect(failure(base(folder, { namespace }))).resolves.toMatchObject({ kind: 'input' });
    }
  });

  it('renders byte-identical output run after run', async () => {
    const folder = chart();
    const runs = await Promise.all([1, 2, 3].map(() => helmTemplate(base(folder))));
    const manifests = runs.map((run) => run.objects.map((o) => o.manifest).join('\n---\n'));
    expect(new Set(manifests).size).toBe(1);
  });
});
