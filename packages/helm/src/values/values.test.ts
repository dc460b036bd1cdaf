import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HelmTemplateError } from '../template/errors.js';
import { helmTemplate } from '../template/helm-template.js';
import { helmSkipReason, scratchDir, testHelm, withHelmTitle, writeChart } from '../testing/charts.js';
import type { FleetValues } from './fleet.js';
import type { HelmControllerValues } from './helm-controller.js';

/** Renders `.Values` and the Go type of each top-level value through the real helm. */
const VALUES_PROBE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: probe
data:
  values: {{ .Values | toJson | quote }}
  {{- $types := dict }}
  {{- range $k, $v := .Values }}{{ $_ := set $types $k (typeOf $v) }}{{ end }}
  types: {{ $types | toJson | quote }}
`;

async function renderValues(chart: string, values: FleetValues | HelmControllerValues): Promise<{ values: Record<string, unknown>; types: Record<string, string> }> {
  const result = await helmTemplate({ chart, releaseName: 'probe', namespace: 'default', kubeVersion: '1.31', values, helm: testHelm });
  const data = result.objects[0]!.object.data as { values: string; types: string };
  return { values: JSON.parse(data.values), types: JSON.parse(data.types) };
}

/** The HelmTemplateError a render must end in. */
async function rejected(render: Promise<unknown>): Promise<HelmTemplateError> {
  const error = await render.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HelmTemplateError);
  return error as HelmTemplateError;
}

function file(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/**
 * rancher/wrangler v3.2.2 pkg/data/merge.go MergeMaps, which Fleet v0.13.15
 * internal/bundlereader/resources.go generateValues applies to helm.values
 * and each valuesFiles entry: the reference this package's --values order is
 * checked against.
 */
function wranglerMergeMaps(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = result[key];
    result[key] = isMap(current) && isMap(value) ? wranglerMergeMaps(current, value) : value;
  }
  return result;
}

describe.skipIf(!!helmSkipReason)(withHelmTitle('Fleet: helm.values, then each valuesFiles entry on top'), () => {
  it('later layers win, maps merge key by key, lists are replaced whole, null deletes the chart default', async () => {
    const dir = scratchDir();
    const chart = writeChart({
      values: 'image:\n  repository: nginx\n  tag: "1.0"\n  pullPolicy: IfNotPresent\nports: [80, 443]\nresources:\n  limits:\n    cpu: 1\nkeep: chart\n',
      templates: { 'probe.yaml': VALUES_PROBE },
    });
    const rendered = await renderValues(chart, {
      from: 'fleet',
      values: { image: { tag: '2.0' }, ports: [8080], resources: null, fromValues: true },
      valuesFiles: [file(dir, 'a.yaml', 'image:\n  tag: "3.0"\n  pullPolicy: null\nports: [9090, 9443]\n'), file(dir, 'b.yaml', 'image:\n  repository: registry.example/nginx\nfromB: yes\n')],
    });
    expect(rendered.values).toEqual({
      image: { repository: 'registry.example/nginx', tag: '3.0' },
      ports: [9090, 9443],
      keep: 'chart',
      fromValues: true,
      // sigs.k8s.io/yaml reads values files as YAML 1.1: `yes` is a boolean, for Fleet and Helm alike.
      fromB: true,
    });
  });

  it('numbers become float64, as Fleet stores values in JSON and Helm reads them with sigs.k8s.io/yaml', async () => {
    const chart = writeChart({ templates: { 'probe.yaml': VALUES_PROBE } });
    const rendered = await renderValues(chart, { from: 'fleet', values: { replicas: 3, ratio: 0.5, big: 1_000_000 } });
    expect(rendered.types).toEqual({ replicas: 'float64', ratio: 'float64', big: 'float64' });
  });

  it('for every combination of absent, scalar, map, list and null across chart default, helm.values and two files, equals Fleet merging them first (wrangler MergeMaps)', async () => {
    const kinds = ['absent', 'scalar', 'map', 'list', 'null'] as const;
    const layerValue = (kind: (typeof kinds)[number], layer: number): unknown =>
      kind === 'scalar' ? `L${layer}` : kind === 'map' ? { [`only${layer}`]: layer, shared: `L${layer}`, gone: layer === 0 ? 'default' : null } : kind === 'list' ? [layer] : kind === 'null' ? null : undefined;
    const layers: Record<string, unknown>[] = [{}, {}, {}, {}];
    for (const a of kinds) for (const b of kinds) for (const c of kinds) for (const d of kinds) {
      const key = `${a}_${b}_${c}_${d}`;
      [a, b, c, d].forEach((kind, layer) => {
        const value = layerValue(kind, layer);
        if (kind !== 'absent') layers[layer]![key] = value;
      });
    }
    const [defaults, helmValues, fileA, fileB] = layers as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    const dir = scratchDir();
    const chart = writeChart({ values: JSON.stringify(defaults), templates: { 'probe.yaml': VALUES_PROBE } });
    const viaFiles = await renderValues(chart, { from: 'fleet', values: helmValues, valuesFiles: [file(dir, 'a.json', JSON.stringify(fileA)), file(dir, 'b.json', JSON.stringify(fileB))] });
    const fleetMerged = wranglerMergeMaps(wranglerMergeMaps(helmValues, fileA), fileB);
    const asFleetPassesThem = await renderValues(chart, { from: 'fleet', values: fleetMerged });
    expect(Object.keys(viaFiles.values).length).toBeGreaterThan(300);
    expect(viaFiles.values).toEqual(asFleetPassesThem.values);
    // Spot checks, by hand: the last non-absent layer decides, null removes the default.
    expect(viaFiles.values['scalar_absent_absent_null']).toBeUndefined();
    expect(viaFiles.values['map_map_absent_absent']).toEqual({ only0: 0, only1: 1, shared: 'L1' });
    expect(viaFiles.values['list_absent_map_list']).toEqual([3]);
    // helm.values' null is overlaid by file a's map, whose `gone: null` then deletes the chart's default.
    expect(viaFiles.values['map_null_map_absent']).toEqual({ only0: 0, only2: 2, shared: 'L2' });
    expect(viaFiles.values['map_absent_null_map']).toEqual({ only0: 0, only3: 3, shared: 'L3' });
  });

  it('a values file that is not YAML is the values kind of error, naming the file', async () => {
    const chart = writeChart({ templates: { 'probe.yaml': VALUES_PROBE } });
    const bad = file(scratchDir(), 'broken.yaml', 'image: [unclosed\n');
    const error = await helmTemplate({ chart, releaseName: 'probe', namespace: 'default', kubeVersion: '1.31', values: { from: 'fleet', valuesFiles: [bad] }, helm: testHelm }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HelmTemplateError);
    expect((error as HelmTemplateError).kind).toBe('values');
    expect((error as HelmTemplateError).helmMessage).toContain(bad);
  });

  it('refuses helm.values Fleet could not store as JSON, and relative values file paths', async () => {
    const chart = writeChart({ templates: { 'probe.yaml': VALUES_PROBE } });
    const render = (values: FleetValues) => rejected(helmTemplate({ chart, releaseName: 'probe', namespace: 'default', kubeVersion: '1.31', values, helm: testHelm }));
    for (const bad of [{ values: { x: Number.NaN } }, { values: { x: Infinity } }, { values: { x: 10n } }, { valuesFiles: ['values.yaml'] }]) {
      const error = await render({ from: 'fleet', ...bad } as FleetValues);
      expect(error.kind).toBe('values');
    }
  });
});

describe.skipIf(!!helmSkipReason)(withHelmTitle('helm-controller: valuesContent, the HelmChartConfig on top, spec.set over both'), () => {
  const chart = () =>
    writeChart({ version: '1.2.3', values: 'a: chart\nb: chart\nc: chart\nd: chart\nnested:\n  x: 1\n  q: 2\nlist: [1, 2]\n', templates: { 'probe.yaml': VALUES_PROBE } });

  it('set beats the HelmChartConfig, which beats valuesContent, which beats the chart', async () => {
    const rendered = await renderValues(chart(), {
      from: 'helm-controller',
      valuesContent: 'a: content\nb: content\nc: content\nnested:\n  q: null\nlist: [9]\n',
      configValuesContent: 'b: config\nc: config\n',
      set: { c: 'set', 'nested.z': 3 },
    });
    expect(rendered.values).toEqual({ a: 'content', b: 'config', c: 'set', d: 'chart', nested: { x: 1, z: 3 }, list: [9] });
  });

  it('types set values as helm-controller does: ints and true/false/null (any case) by --set, every other string by --set-string', async () => {
    const rendered = await renderValues(chart(), {
      from: 'helm-controller',
      set: { int: 5, negative: -7, str: '5', yes: 'true', upper: 'FALSE', d: 'null', float: '1.5', words: 'hello, world', escaped: 'a\\,b', zero: 0, octal: '0755', empty: '' },
    });
    expect(rendered.types).toMatchObject({ int: 'int64', negative: 'int64', str: 'string', yes: 'bool', upper: 'bool', float: 'string', words: 'string', escaped: 'string', zero: 'int64', octal: 'string', empty: 'string' });
    expect(rendered.values).toMatchObject({ int: 5, negative: -7, str: '5', yes: true, upper: false, float: '1.5', words: 'hello, world', escaped: 'a,b', zero: 0, octal: '0755', empty: '' });
    // --set d=null removes the chart's default.
    expect(rendered.values).not.toHaveProperty('d');
  });

  it('passes set keys in Go byte order (UTF-8 bytes, not UTF-16 units), each as --set or --set-string', async () => {
    const rendered = await helmTemplate({
      chart: chart(),
      releaseName: 'probe',
      namespace: 'default',
      kubeVersion: '1.31',
      values: { from: 'helm-controller', set: { b: 'x', '\u{1F600}': 'x', 'a.b': 'x', '\uFF21': 'x', A: 'x', n: 1 } },
      helm: testHelm,
    });
    expect(rendered.args.filter((arg) => arg.endsWith('=x') || arg.endsWith('=1'))).toEqual(['A=x', 'a.b=x', 'b=x', 'n=1', '\uFF21=x', '\u{1F600}=x']);
  });

  it('fails as the job would when set paths overlap or do not parse', async () => {
    // --set-string m=scalar comes first (sort order), then m.k=inner cannot descend into a string.
    const overlapping = await rejected(renderValues(chart(), { from: 'helm-controller', set: { 'm.k': 'inner', m: 'scalar' } }));
    expect(overlapping.kind).toBe('values');
    expect(overlapping.helmMessage).toMatch(/^failed parsing --set-string data/);
    const invalid = await rejected(renderValues(chart(), { from: 'helm-controller', set: { 'list[0 ]': 'A' } }));
    expect(invalid.kind).toBe('values');
  });

  it('reads valuesContent as YAML 1.1, as Helm does: a key `y` is the boolean true, so it is the key "true"', async () => {
    const rendered = await renderValues(chart(), { from: 'helm-controller', valuesContent: 'point:\n  x: 1\n  y: 2\nflag: on\n' });
    expect(rendered.values).toMatchObject({ point: { x: 1, true: 2 }, flag: true });
  });

  it('empty contents add no values file, as helm-controller projects a key only when it is set', async () => {
    const rendered = await helmTemplate({ chart: chart(), releaseName: 'probe', namespace: 'default', kubeVersion: '1.31', values: { from: 'helm-controller', valuesContent: '', configValuesContent: '' }, helm: testHelm });
    expect(rendered.args.filter((arg) => arg.startsWith('--values'))).toEqual([]);
  });

  it('refuses a set number that is no int32 (IntOrString)', async () => {
    for (const value of [1.5, 2 ** 31, -(2 ** 31) - 1]) {
      const error = await rejected(renderValues(chart(), { from: 'helm-controller', set: { x: value } }));
      expect(error).toBeInstanceOf(HelmTemplateError);
      expect(error.kind).toBe('values');
      expect(error.message).toMatch(/spec\.set\.x.*int32/);
    }
  });

  it('checks spec.version against the chart as `helm install --version` would select it', async () => {
    for (const version of ['1.2.3', '1.2.x', '^1.0', '>=1.0.0 <2.0.0']) {
      await expect(renderValues(chart(), { from: 'helm-controller', version })).resolves.toBeDefined();
    }
    const error = await rejected(renderValues(chart(), { from: 'helm-controller', version: '1.3.0' }));
    expect(error.kind).toBe('chart-version');
    expect(error.helmMessage).toContain('1.2.3');
  });
});
