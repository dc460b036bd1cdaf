import { describe, expect, it } from 'vitest';
import { chartVersionSatisfies, checkKubeVersion, helmKubeVersion } from './kube-version.js';
import { HelmTemplateError } from './template/errors.js';
import { helmTemplateAll } from './template/pool.js';
import { helmSkipReason, testHelm, withHelmTitle, writeChart, scratchDir } from './testing/charts.js';

/**
 * kubeVersion strings of real charts, read from each chart's Chart.yaml:
 * prometheus-community/helm-charts charts/kube-prometheus-stack (67.8.0 and
 * 91.8.2), cert-manager deploy/charts/cert-manager/Chart.template.yaml (v1.17
 * to v1.21), longhorn/charts charts/longhorn (1.2.0), kubernetes/ingress-nginx
 * charts/ingress-nginx (4.12.0), kyverno charts/kyverno (3.3.2), grafana
 * loki-stack (2.1.2). Expected answers worked out by hand from
 * Masterminds/semver v3.3.0 constraints.go.
 */
const REAL: [chart: string, kubeVersion: string, cluster: string, compatible: boolean][] = [
  ['kube-prometheus-stack 67.8.0', '>=1.19.0-0', '1.31', true],
  ['kube-prometheus-stack 67.8.0', '>=1.19.0-0', 'v1.31.14+rke2r1', true],
  ['kube-prometheus-stack 67.8.0', '>=1.19.0-0', '1.18', false],
  ['kube-prometheus-stack 91.8.2', '>=1.25.0-0', 'v1.31.14+rke2r1', true],
  ['kube-prometheus-stack 91.8.2', '>=1.25.0-0', '1.24.17', false],
  ['kube-prometheus-stack 91.8.2', '>=1.25.0-0', 'v1.31.4-eks-1', true],
  ['cert-manager v1.19', '>= 1.22.0-0', '1.31', true],
  ['cert-manager v1.19', '>= 1.22.0-0', '1.21.14', false],
  ['longhorn 1.2.0', '>=1.18.0-r0', '1.18', true],
  ['longhorn 1.2.0', '>=1.18.0-r0', '1.17.99', false],
  ['ingress-nginx 4.12.0', '>=1.21.0-0', 'v1.31.14+rke2r1', true],
  ['ingress-nginx 4.12.0', '>=1.21.0-0', 'v1.20.15', false],
  ['kyverno 3.3.2', '>=1.25.0-0', '1.31', true],
  // rc.1 > 0: a numeric identifier sorts below an alphanumeric one (comparePrePart).
  ['kyverno 3.3.2', '>=1.25.0-0', 'v1.25.0-rc.1', true],
  ['kyverno 3.3.2', '>=1.25.0-0', 'v1.24.9-rc.1', false],
  ['loki-stack 2.1.2', '^1.10.0-0', '1.31', true],
  ['loki-stack 2.1.2', '^1.10.0-0', '2.0.0', false],
];

/** Where Masterminds and the npm semver package part ways; answers by hand from constraints.go v3.3.0. */
const QUIRKS: [why: string, kubeVersion: string, cluster: string, compatible: boolean][] = [
  ['comma AND', '>=1.20, <1.32', '1.31', true],
  ['comma AND, upper bound', '>=1.20, <1.32', '1.32', false],
  ['comma without a space', '>=1.20.0,<1.32.0', '1.31.9', true],
  ['space AND', '>=1.20 <1.32', '1.32.0', false],
  ['OR', '>=1.20.0 <1.25.0 || >=1.30.0', '1.31', true],
  ['OR, in the gap', '>=1.20.0 <1.25.0 || >=1.30.0', '1.27', false],
  ['hyphen range keeps the whole upper minor', '1.20 - 1.31', '1.31.9', true],
  ['hyphen range upper bound', '1.20 - 1.31', '1.32.0', false],
  ['hyphen range lower bound', '1.20 - 1.31', '1.19.5', false],
  ['tilde on a minor', '~1.31', '1.31.5', true],
  ['tilde on a minor, next minor', '~1.31', '1.32.0', false],
  ['tilde on a patch, below', '~1.31.2', '1.31.1', false],
  ['caret', '^1.28', '1.31', true],
  ['caret, next major', '^1.28', '2.0.0', false],
  ['x-range', '1.31.x', 'v1.31.14+rke2r1', true],
  ['x-range, other minor', '1.31.x', '1.30.9', false],
  ['bare minor means tilde', '1.31', '1.31.4', true],
  ['equals', '=1.31.0', '1.31.1', false],
  ['not equal', '!=1.30.0', '1.31', true],
  ['not equal a whole minor', '!=1.30', '1.30.5', false],
  ['=< spelling', '=<1.31', '1.31.9', true],
  ['=< spelling, above', '=<1.31', '1.32.0', false],
  ['=> spelling', '=>1.31', '1.31.0', true],
  ['> a minor means the next minor', '>1.31', '1.31.9', false],
  ['> a minor, next minor', '>1.31', '1.32.0', true],
  ['> a major', '>1', '1.31.0', false],
  ['v prefix in the constraint', 'v1.31', '1.31.5', true],
  ['metadata ignored', '>=1.31.0+rke2r1', '1.31', true],
  ['star', '*', 'v1.31.14+rke2r1', true],
  ['pre-release cluster, plain floor', '>=1.23.0', 'v1.31.4-eks-1', false],
  ['pre-release cluster, the -0 trick', '>=1.23.0-0', 'v1.31.4-eks-1', true],
  ['pre-release cluster, -0 floor but plain ceiling (v3.3.0)', '>=1.23.0-0 <1.32.0', 'v1.31.4-eks-1', false],
  ['pre-release cluster, not-equal is exempt when exact (v3.3.0)', '!=1.30.0', 'v1.31.4-eks-1', true],
  ['unparseable constraint', 'kubernetes 1.31', '1.31', false],
  ['unicode operator', '≥1.20', '1.31', false],
  ['a no-break space in Chart.yaml becomes a space (sanitizeString)', '>=1.20\u00a0<1.32', '1.31', true],
  ['a zero-width space in Chart.yaml is dropped (sanitizeString)', '>=1.20\u200b <1.32', '1.33', false],
  ['a vertical tab in Chart.yaml becomes a space', '>=1.20\v<1.32', '1.31', true],
  ['a lone pipe is a version character, and no version', '>=1.20 | <1.32', '1.31', false],
];

describe('checkKubeVersion: a chart kubeVersion against the cluster, as Helm decides', () => {
  it.each(REAL)('%s: %j on %s → %s', (_chart, kubeVersion, cluster, compatible) => {
    expect(checkKubeVersion(kubeVersion, cluster).compatible).toBe(compatible);
  });
  it.each(QUIRKS)('%s: %j on %s → %s', (_why, kubeVersion, cluster, compatible) => {
    expect(checkKubeVersion(kubeVersion, cluster).compatible).toBe(compatible);
  });

  it('an empty kubeVersion is no constraint (Helm checks only when it is set)', () => {
    expect(checkKubeVersion('', '1.31')).toEqual({ compatible: true });
  });

  it('says why, naming the pre-release rule when the cluster version is one', () => {
    expect(checkKubeVersion('>=1.23.0', 'v1.31.4-eks-1').reason).toMatch(/incompatible with Kubernetes v1\.31\.4-eks-1 \(.*pre-release.*">=1\.23\.0-0"\)/);
    expect(checkKubeVersion('>=1.32', '1.31').reason).toBe('chart requires kubeVersion: >=1.32 which is incompatible with Kubernetes v1.31.0');
    expect(checkKubeVersion('kubernetes 1.31', '1.31').reason).toMatch(/not a constraint Helm can parse/);
    expect(checkKubeVersion('>=1.20', 'one-thirty-one')).toEqual({ compatible: false, reason: '"one-thirty-one" is not a Kubernetes version Helm can parse' });
  });

  it('Masterminds v3.4.0 (helm-controller\'s Helm 3.19) opens a whole AND group to pre-releases when one constraint names one', () => {
    expect(checkKubeVersion('>=1.23.0-0 <1.32.0', 'v1.31.4-eks-1', '3.4').compatible).toBe(true);
    expect(checkKubeVersion('>=1.23.0-0 <1.32.0', 'v1.31.4-eks-1', '3.3').compatible).toBe(false);
    expect(checkKubeVersion('<1.32.0 || >=1.40.0-0', 'v1.31.4-eks-1', '3.4').compatible).toBe(false);
    expect(checkKubeVersion('!=1.30.0', 'v1.31.4-eks-1', '3.4').compatible).toBe(false);
  });
});

describe('helmKubeVersion: what --kube-version becomes in Helm 3.17 and 3.18', () => {
  it.each([
    ['1.31', 'v1.31.0'],
    ['v1.31', 'v1.31.0'],
    ['1', 'v1.0.0'],
    ['v1.31.14+rke2r1', 'v1.31.14+rke2r1'],
    ['1.31.4-eks-1', 'v1.31.4-eks-1'],
    ['1.31.01', 'v1.31.1'],
    ['1.31.0-01', undefined],
    ['1.31.0.0', undefined],
    ['', undefined],
    ['99999999999999999999.0', undefined],
  ])('%j → %s', (input, expected) => {
    expect(helmKubeVersion(input)).toBe(expected);
  });
});

describe('chartVersionSatisfies: which chart versions `helm install --version` could select', () => {
  it.each([
    ['', '4.15.1', true],
    ['4.15.1', '4.15.1', true],
    ['v1.19.6', 'v1.19.6', true],
    ['1.19.6', 'v1.19.6', true],
    ['4.15.x', '4.15.1', true],
    ['^4.0', '4.15.1', true],
    ['~4.14', '4.15.1', false],
    ['4.15.2', '4.15.1', false],
    ['>=1.0.0', '2.0.0-beta.1', false],
    ['2.0.0-beta.1', '2.0.0-beta.1', true],
    ['not a version', '1.0.0', false],
    // Not sanitized (spec.version is no Chart.yaml field), and RE2's \s has no no-break space.
    ['>=1.0\u00a0<2.0', '1.5.0', false],
    ['>=1.0\t<2.0', '1.5.0', true],
  ])('spec %j, chart %s → %s', (spec, version, expected) => {
    expect(chartVersionSatisfies(spec, version)).toBe(expected);
  });
});

describe.skipIf(!!helmSkipReason)(withHelmTitle('the same verdicts as the pinned helm binary (differential)'), () => {
  it('agrees with `helm template --kube-version` on every row of both tables', async () => {
    const rows = [...REAL, ...QUIRKS];
    const parent = scratchDir();
    const releases = rows.map(([, kubeVersion, cluster], index) => ({
      chart: writeChart({ name: `k${index}`, chartYaml: `kubeVersion: ${JSON.stringify(kubeVersion)}\n`, templates: { 'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n' } }, parent),
      releaseName: 'probe',
      namespace: 'default',
      kubeVersion: cluster,
      values: { from: 'fleet' as const },
      helm: testHelm,
    }));
    const outcomes = await helmTemplateAll(releases);
    const disagreements = rows.flatMap(([why, kubeVersion, cluster], index) => {
      const outcome = outcomes[index]!;
      if (!outcome.ok && !(outcome.error instanceof HelmTemplateError)) throw outcome.error;
      const helmSays = outcome.ok;
      const weSay = checkKubeVersion(kubeVersion, cluster).compatible;
      return helmSays === weSay ? [] : [`${why}: ${JSON.stringify(kubeVersion)} on ${cluster}: helm ${helmSays}, ours ${weSay} (${outcome.ok ? '' : (outcome.error as Error).message})`];
    });
    expect(disagreements).toEqual([]);
    // Each refusal is helm's kubeVersion refusal or, for a constraint Helm cannot read, its Chart.yaml validation.
    for (const outcome of outcomes) if (!outcome.ok) expect((outcome.error as HelmTemplateError).kind).toMatch(/^(kube-version|chart)$/);
  });
});
