import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutRoot } from '../testing.js';
import { ChartCatalog } from './catalog.js';

const base = 'repo: https://charts.example.com\nchart: app\nversion: 1.0.0\nkubernetes:\n  min: "1.25"\nreason: test\n';
const crdsNone = 'crds:\n  install: none\n  upgrade: none\n  note: none here\n';
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Loads a catalog holding one chart whose chart.yaml is `text`. */
function load(text: string): ChartCatalog {
  const root = mkdtempSync(join(tmpdir(), 'catalog-test-'));
  dirs.push(root);
  mkdirSync(join(root, 'charts', 'app'), { recursive: true });
  writeFileSync(join(root, 'charts', 'app', 'chart.yaml'), text);
  writeFileSync(join(root, 'charts', 'app', 'values.yaml'), '# none\n');
  return ChartCatalog.load(root);
}
const failure = (text: string) => {
  try {
    load(text);
  } catch (error) {
    return (error as { describe(): string }).describe();
  }
  throw new Error('expected the catalog to refuse it');
};

describe('chart.yaml: how each chart installs and upgrades its CRDs', () => {
  it('is recorded for every pinned chart, and kube-prometheus-stack takes them from prometheus-operator-crds', () => {
    const catalog = ChartCatalog.load(checkoutRoot);
    const installs = Object.fromEntries(catalog.all().map((entry) => [entry.id, entry.crds.install]));
    expect(installs).toMatchObject({
      'kube-prometheus-stack': 'separate-chart',
      'prometheus-operator-crds': 'templates',
      'cert-manager': 'templates',
      kyverno: 'templates',
      longhorn: 'templates',
      'fleet-crd': 'templates',
      'trivy-operator': 'crds-dir',
      'external-dns': 'crds-dir',
      alloy: 'crds-dir',
    });
    const kps = catalog.get('kube-prometheus-stack');
    expect(kps.crds).toMatchObject({ chart: 'prometheus-operator-crds', disabledBy: 'crds.enabled', upgrade: 'with-crd-chart' });
    expect(catalog.get(kps.crds.chart ?? '').crds.install).toBe('templates');
  });

  it('reads a complete entry', () => {
    expect(load(base + crdsNone).get('app').crds).toEqual({ install: 'none', upgrade: 'none', note: 'none here' });
    const separate = load(`${base}crds:\n  install: separate-chart\n  upgrade: with-crd-chart\n  chart: app-crds\n  disabledBy: crds.enabled\n  note: split\n`).get('app').crds;
    expect(separate).toEqual({ install: 'separate-chart', upgrade: 'with-crd-chart', chart: 'app-crds', disabledBy: 'crds.enabled', note: 'split' });
  });

  it.each([
    ['missing', base, /chart\.yaml: crds: missing: how the chart installs and upgrades its CRDs/],
    ['not a mapping', `${base}crds: templates\n`, /crds: missing/],
    ['an unknown install', `${base}crds:\n  install: helm\n  upgrade: never\n  note: x\n`, /crds\.install: got "helm", expected one of templates, crds-dir, separate-chart, none/],
    ['crds/ claimed to upgrade', `${base}crds:\n  install: crds-dir\n  upgrade: with-release\n  note: x\n`, /crds\.upgrade: got "with-release"; CRDs installed as crds-dir are upgraded: never/],
    ['no note', `${base}crds:\n  install: none\n  upgrade: none\n`, /crds\.note: missing required value/],
    ['an unknown key', `${base}crds:\n  install: none\n  upgrade: none\n  note: x\n  keep: true\n`, /crds\.keep: unknown key "keep"/],
    ['a split without its chart', `${base}crds:\n  install: separate-chart\n  upgrade: with-crd-chart\n  disabledBy: crds.enabled\n  note: x\n`, /crds\.chart: required when crds\.install is separate-chart/],
    ['a chart without a split', `${base}crds:\n  install: templates\n  upgrade: with-release\n  chart: other\n  note: x\n`, /crds\.chart: only meaningful when crds\.install is separate-chart/],
  ])('refuses crds %s', (_case, text, message) => {
    expect(failure(text)).toMatch(message);
  });
});

describe('chart.yaml: fields a controller injects', () => {
  const injected = (entry: string) => `${base}${crdsNone}injected:\n${entry}`;
  const good = '  - apiVersion: admissionregistration.k8s.io/v1\n    kind: MutatingWebhookConfiguration\n    jsonPointers: [/webhooks/0/clientConfig/caBundle]\n    by: cainjector\n';

  it('reads them, with or without an object name', () => {
    expect(load(injected(good)).get('app').injected).toEqual([{ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', jsonPointers: ['/webhooks/0/clientConfig/caBundle'], by: 'cainjector' }]);
    expect(load(injected(`${good}    name: app-webhook\n`)).get('app').injected?.[0]?.name).toBe('app-webhook');
    expect(load(base + crdsNone).get('app').injected).toBeUndefined();
  });

  it.each([
    ['an empty list', `${base}${crdsNone}injected: []\n`, /injected: expected a non-empty list/],
    ['no kind', injected(good.replace('    kind: MutatingWebhookConfiguration\n', '')), /injected\[0\]\.kind: missing required value/],
    ['no pointers', injected(good.replace('[/webhooks/0/clientConfig/caBundle]', '[]')), /injected\[0\]\.jsonPointers: expected a non-empty list of JSON pointers/],
    ['a pointer without a slash', injected(good.replace('/webhooks/0/clientConfig/caBundle', 'webhooks.0.caBundle')), /injected\[0\]\.jsonPointers/],
    ['no author', injected(good.replace('    by: cainjector\n', '')), /injected\[0\]\.by: missing required value/],
    ['an unknown key', injected(`${good}    operations: []\n`), /injected\[0\]\.operations: unknown key/],
  ])('refuses %s', (_case, text, message) => {
    expect(failure(text)).toMatch(message);
  });
});

describe('chart.yaml: the locked archive digest', () => {
  const digest = `sha256:${'0123456789abcdef'.repeat(4)}`;

  it('is optional, and read when present', () => {
    expect(load(`${base}${crdsNone}`).get('app').digest).toBeUndefined();
    expect(load(`${base}digest: ${digest}\n${crdsNone}`).get('app').digest).toBe(digest);
  });

  it.each([`sha256:${'AB'.repeat(32)}`, 'sha256:abc', `md5:${'a'.repeat(32)}`, '[]'])('refuses %s', (value) => {
    expect(failure(`${base}digest: ${value}\n${crdsNone}`)).toMatch(/^charts\/app\/chart\.yaml: digest: expected sha256: and 64 lowercase hex/);
  });
});
