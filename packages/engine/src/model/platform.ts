import { join } from 'node:path';
import { ChartCatalog } from '../charts/catalog.js';
import { loadConfig } from '../config/load.js';
import { loadAllowList, SECRET_ALLOW_LIST } from '../secrets/allowlist.js';
import { isFleetBundle, isRke2Bundle, type Bundle, type FleetBundle, type Rke2Bundle } from './bundle.js';
import { FleetPhase, Rke2Phase, type Phase, type PhaseDefinition, type PhaseInputs } from './phase.js';

/** Every phase in rollout order, built from one cluster config and one chart catalog. */
export class Platform {
  readonly phases: Phase[] = [];

  constructor(
    readonly inputs: PhaseInputs,
    definitions: readonly PhaseDefinition<Rke2Phase>[] | readonly PhaseDefinition<FleetPhase>[] | readonly AnyPhaseDefinition[],
  ) {
    definitions.forEach((definition: AnyPhaseDefinition, index) => {
      const order = index + 1;
      if (definition.delivery === 'rke2') {
        const phase = new Rke2Phase(definition, order, inputs, [...this.phases]);
        (definition as PhaseDefinition<Rke2Phase>).build(phase);
        this.phases.push(phase);
      } else {
        const phase = new FleetPhase(definition, order, inputs, [...this.phases]);
        (definition as PhaseDefinition<FleetPhase>).build(phase);
        this.phases.push(phase);
      }
    });
  }

  get config() {
    return this.inputs.config;
  }

  get bundles(): Bundle[] {
    return this.phases.flatMap((phase) => phase.bundles);
  }

  get fleetBundles(): FleetBundle[] {
    return this.bundles.filter(isFleetBundle);
  }

  get rke2Bundles(): Rke2Bundle[] {
    return this.bundles.filter(isRke2Bundle);
  }

  /** What the GitRepo lists: every enabled Fleet bundle, in rollout order. */
  get gitRepoPaths(): string[] {
    return this.fleetBundles.filter((bundle) => bundle.enabled).map((bundle) => bundle.path);
  }
}

export type AnyPhaseDefinition = PhaseDefinition<Rke2Phase> | PhaseDefinition<FleetPhase>;

export interface LoadOptions {
  /** Repository root: where cluster.yaml, charts/, dist/ and fleet/ are. */
  readonly root: string;
  /** Config file, relative to the root. */
  readonly configFile?: string;
}

/** Reads config and charts from the repository and builds every phase. */
export function loadPlatform(options: LoadOptions, definitions: readonly AnyPhaseDefinition[]): Platform {
  const configFile = options.configFile ?? 'cluster.yaml';
  const config = loadConfig(join(options.root, configFile), configFile);
  const charts = ChartCatalog.load(options.root);
  return new Platform({ config, charts, secretAllowList: loadAllowList(join(options.root, SECRET_ALLOW_LIST)) }, definitions);
}

