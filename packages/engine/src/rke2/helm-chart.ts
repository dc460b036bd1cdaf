import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ChartEntry } from '../charts/catalog.js';
import { checkOptions } from '../model/options.js';

/** helm-controller's HelmChart (helm.cattle.io/v1) as RKE2 v1.31 serves it. */
export const HELM_CHART_API_VERSION = 'helm.cattle.io/v1';

export interface HelmChartProps {
  readonly chart: ChartEntry;
  /** Release name; also the HelmChart's name in kube-system. */
  readonly releaseName: string;
  /** Namespace the release installs into. */
  readonly targetNamespace: string;
  /**
   * Values computed from cluster config, passed as --set (highest precedence).
   * The chart's values file stays byte-identical in valuesContent.
   */
  readonly set?: Readonly<Record<string, string | number>>;
  readonly createNamespace?: boolean;
  /** Go duration for helm install/upgrade. */
  readonly timeout?: string;
}

/**
 * An RKE2-installed Helm release. `valuesContent` is the chart's values file,
 * byte for byte (seed 000's values-sync rule); cluster-specific values go in `set`.
 */
export class HelmChart extends ApiObject {
  readonly entry: ChartEntry;
  readonly targetNamespace: string;
  readonly set: Readonly<Record<string, string | number>>;

  constructor(scope: Construct, id: string, props: HelmChartProps) {
    checkOptions(props, HELM_CHART_OPTIONS, { file: (scope as { phase?: { source?: string } }).phase?.source ?? scope.node.path, what: `HelmChart ${id}` });
    super(scope, id, {
      apiVersion: HELM_CHART_API_VERSION,
      kind: 'HelmChart',
      metadata: { name: props.releaseName, namespace: 'kube-system' },
      spec: {
        repo: props.chart.repo,
        chart: props.chart.chart,
        version: props.chart.version,
        targetNamespace: props.targetNamespace,
        ...(props.createNamespace ? { createNamespace: true } : {}),
        // abort leaves a failed release for a human instead of uninstalling it
        // (RKE2's advice for charts that own storage or networking).
        failurePolicy: 'abort',
        ...(props.timeout ? { timeout: props.timeout } : {}),
        valuesContent: props.chart.valuesText,
        ...(props.set && Object.keys(props.set).length > 0 ? { set: { ...props.set } } : {}),
      },
    });
    this.entry = props.chart;
    this.targetNamespace = props.targetNamespace;
    this.set = props.set ?? {};
  }
}

const HELM_CHART_OPTIONS = {
  chart: (value: unknown) => (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? undefined : 'expected a chart entry from phase.chart(id)'),
  releaseName: 'release-name',
  targetNamespace: 'dns-label',
  set: (value: unknown) =>
    value && typeof value === 'object' && Object.values(value).every((item) => typeof item === 'string' || typeof item === 'number') ? undefined : 'expected an object of strings and numbers (helm --set)',
  createNamespace: 'boolean',
  timeout: 'string',
} as const;

// cdk8s gives ApiObject a static Symbol.hasInstance that is true for every API object,
// so `x instanceof HelmChart` would be true for a Namespace too. Check the prototype chain.
export function isHelmChart(object: ApiObject): object is HelmChart {
  return Object.prototype.isPrototypeOf.call(HelmChart.prototype, object);
}
