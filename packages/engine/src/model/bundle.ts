import { ApiObject, Chart } from 'cdk8s';
import type { ChartEntry } from '../charts/catalog.js';
import { fleetBundleName } from '../fleet/names.js';
import { checkOptions } from './options.js';
import type { Construct } from 'constructs';
import type { ClusterConfig } from '../config/schema.js';
import type { PhaseInputs } from './inputs.js';

/**
 * What a bundle needs of its phase. Declared here, and met by Phase, so the
 * model's two halves do not import each other.
 */
export interface PhaseOfBundle<D extends 'rke2' | 'fleet' = 'rke2' | 'fleet'> extends Construct {
  readonly delivery: D;
  readonly name: string;
  readonly order: number;
  readonly source: string;
  readonly path: string;
  readonly inputs: PhaseInputs;
  readonly config: ClusterConfig;
  readonly bundles: Bundle[];
}

/**
 * A directory under dist/ holding what one component needs. It is a cdk8s
 * chart, so phases add Kubernetes objects to it with ordinary constructs.
 */
export abstract class Bundle extends Chart {
  abstract readonly phase: PhaseOfBundle;

  constructor(
    phase: PhaseOfBundle,
    /** Directory name inside the phase directory; also the construct id. */
    readonly name: string,
  ) {
    super(phase, name, { disableResourceNameHashes: true });
    phase.bundles.push(this);
  }

  /** Repository-relative directory, e.g. dist/observability/loki. */
  get path(): string {
    return `${this.phase.path}/${this.name}`;
  }

  /** The Kubernetes objects added to this bundle, in creation order. */
  objects(): ApiObject[] {
    return this.node.findAll().filter((construct): construct is ApiObject => ApiObject.isApiObject(construct));
  }
}

/** Manifests for RKE2's auto-apply directory (/var/lib/rancher/rke2/server/manifests). */
export class Rke2Bundle extends Bundle {
  constructor(
    readonly phase: PhaseOfBundle<'rke2'>,
    name: string,
  ) {
    super(phase, name);
  }
}

/** A Helm release Fleet installs: the pinned chart, its values file, and values derived from cluster config. */
export interface FleetHelmRelease {
  readonly chart: ChartEntry;
  readonly releaseName: string;
  /** Values computed from cluster config; they may not repeat a key the chart's values file sets. */
  readonly values?: Record<string, unknown>;
  /** Fleet templates `${ }` in values unless this is set. */
  readonly disablePreProcess?: boolean;
}

export interface FleetBundleProps {
  /** Namespace for objects without one (fleet.yaml defaultNamespace). */
  readonly namespace?: string;
  /** Labels for the namespace Fleet creates, e.g. Pod Security levels. */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
  readonly helm?: FleetHelmRelease;
  readonly dependsOn?: readonly FleetBundle[];
  /** fleet.yaml `name:` override; otherwise the name Fleet computes from the path. */
  readonly nameOverride?: string;
  /** A bundle that is rendered but not listed in the GitRepo, with the reason a reader of dist/ sees. */
  readonly disabled?: { readonly reason: string };
}

/** A directory with a fleet.yaml that Fleet turns into a Bundle. */
export class FleetBundle extends Bundle {
  private readonly dependencies: FleetBundle[];

  constructor(
    readonly phase: PhaseOfBundle<'fleet'>,
    name: string,
    readonly props: FleetBundleProps = {},
  ) {
    super(phase, name);
    checkOptions(props, FLEET_BUNDLE_OPTIONS, { file: phase.source, what: `FleetBundle ${this.path}` });
    checkOptions(props.helm, FLEET_HELM_OPTIONS, { file: phase.source, what: `FleetBundle ${this.path} helm` });
    this.dependencies = [...(props.dependsOn ?? [])];
  }

  /** The Bundle name Fleet will use, which is what other bundles' dependsOn must say. */
  get fleetName(): string {
    return this.props.nameOverride ?? fleetBundleName(this.phase.config.fleet.gitRepo, this.path);
  }

  get enabled(): boolean {
    return this.props.disabled === undefined;
  }

  get dependsOn(): readonly FleetBundle[] {
    return this.dependencies;
  }

  /** Fleet deploys this bundle only after `bundle` is ready. */
  dependOn(...bundles: FleetBundle[]): void {
    this.dependencies.push(...bundles);
  }
}

const FLEET_BUNDLE_OPTIONS = {
  namespace: 'dns-label',
  namespaceLabels: 'object',
  helm: 'object',
  dependsOn: (value: unknown) => (Array.isArray(value) && value.every((item) => isBundleLike(item)) ? undefined : 'expected a list of FleetBundle objects'),
  nameOverride: 'string',
  disabled: (value: unknown) => (value && typeof value === 'object' && typeof (value as { reason?: unknown }).reason === 'string' ? undefined : 'expected { reason: "..." }'),
} as const;

const FLEET_HELM_OPTIONS = {
  chart: (value: unknown) => (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string' ? undefined : 'expected a chart entry from phase.chart(id)'),
  releaseName: 'release-name',
  values: 'object',
  disablePreProcess: 'boolean',
} as const;

function isBundleLike(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.prototype.isPrototypeOf.call(FleetBundle.prototype, value);
}

// cdk8s gives Chart a static Symbol.hasInstance that is true for every chart,
// so `x instanceof FleetBundle` would also be true for an Rke2Bundle. Check the prototype chain.
export function isFleetBundle(bundle: Bundle): bundle is FleetBundle {
  return Object.prototype.isPrototypeOf.call(FleetBundle.prototype, bundle);
}

export function isRke2Bundle(bundle: Bundle): bundle is Rke2Bundle {
  return Object.prototype.isPrototypeOf.call(Rke2Bundle.prototype, bundle);
}
