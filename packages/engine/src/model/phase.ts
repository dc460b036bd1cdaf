import { App } from 'cdk8s';
import type { ChartEntry } from '../charts/catalog.js';
import type { ClusterConfig } from '../config/schema.js';
import type { AllowList } from '../secrets/allowlist.js';
import type { Bundle, FleetBundle, Rke2Bundle } from './bundle.js';
import type { PhaseInputs } from './inputs.js';
import { DEFAULT_LAYOUT } from '../output/layout.js';

/**
 * How a phase reaches the cluster. `rke2`: manifests for RKE2's auto-apply
 * directory (what must exist before Fleet does). `fleet`: bundles Fleet pulls from git.
 */
export type Delivery = 'rke2' | 'fleet';

/** What a phase package exports: its name, how it is delivered, and how it builds its bundles. */
export interface PhaseDefinition<P extends Phase = Phase> {
  readonly name: string;
  readonly delivery: P['delivery'];
  readonly summary: string;
  /** The package that holds the phase's code, for generated-file headers. */
  readonly source: string;
  build(phase: P): void;
}

export type { PhaseInputs } from './inputs.js';

/**
 * A rollout phase: one cdk8s app whose charts are its bundles. Its `order`
 * is its position in the rollout; dependencies may only point backwards.
 */
export abstract class Phase extends App {
  abstract readonly delivery: Delivery;
  readonly bundles: Bundle[] = [];

  readonly name: string;
  readonly summary: string;
  /** The package that holds the phase's code. */
  readonly source: string;

  constructor(
    definition: Pick<PhaseDefinition, 'name' | 'summary' | 'source'>,
    readonly order: number,
    readonly inputs: PhaseInputs,
    /** The phases built before this one, for what a phase derives from earlier ones. */
    readonly earlier: readonly Phase[] = [],
  ) {
    super({ outdir: (inputs.layout ?? DEFAULT_LAYOUT).dist });
    this.name = definition.name;
    this.summary = definition.summary;
    this.source = definition.source;
  }

  get config(): ClusterConfig {
    return this.inputs.config;
  }

  /** The pinned chart `id` from charts/. */
  chart(id: string): ChartEntry {
    return this.inputs.charts.get(id);
  }

  /** Repository-relative directory of the phase's bundles. */
  get path(): string {
    return (this.inputs.layout ?? DEFAULT_LAYOUT).phaseDir(this.name);
  }
}

export class Rke2Phase extends Phase {
  readonly delivery = 'rke2' as const;
  declare readonly bundles: Rke2Bundle[];
}

export class FleetPhase extends Phase {
  readonly delivery = 'fleet' as const;
  declare readonly bundles: FleetBundle[];
}

export function rke2Phase(definition: Omit<PhaseDefinition<Rke2Phase>, 'delivery'>): PhaseDefinition<Rke2Phase> {
  return { ...definition, delivery: 'rke2' };
}

export function fleetPhase(definition: Omit<PhaseDefinition<FleetPhase>, 'delivery'>): PhaseDefinition<FleetPhase> {
  return { ...definition, delivery: 'fleet' };
}
