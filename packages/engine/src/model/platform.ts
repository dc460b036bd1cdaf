import { isAbsolute, join, relative } from 'node:path';
import { ChartCatalog } from '../charts/catalog.js';
import { loadConfig } from '../config/load.js';
import { isPlatformError, PlatformError } from '../errors.js';
import { loadAllowList, SECRET_ALLOW_LIST } from '../secrets/allowlist.js';
import { DEFAULT_LAYOUT, type OutputLayout } from '../output/layout.js';
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
        buildPhase(definition, this.layout, () => (definition as PhaseDefinition<Rke2Phase>).build(phase));
        this.phases.push(phase);
      } else {
        const phase = new FleetPhase(definition, order, inputs, [...this.phases]);
        buildPhase(definition, this.layout, () => (definition as PhaseDefinition<FleetPhase>).build(phase));
        this.phases.push(phase);
      }
    });
  }

  get config() {
    return this.inputs.config;
  }

  /** Where every generated file goes. */
  get layout(): OutputLayout {
    return this.inputs.layout ?? DEFAULT_LAYOUT;
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

/**
 * Runs a phase's build. A mistake in phase code reaches the user as one
 * message naming the phase package (and, for a duplicate, the bundle or object
 * and the phase), never as a stack trace from constructs or cdk8s.
 */
function buildPhase(definition: AnyPhaseDefinition, layout: OutputLayout, build: () => void): void {
  try {
    build();
  } catch (error) {
    if (isPlatformError(error)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const duplicate = /There is already a Construct with name '([^']+)' in (\w+)(?: \[([^\]]*)\])?/.exec(message);
    if (duplicate) {
      // constructs names the parent's class and path: the phase itself (an App, path ""), or a bundle of it.
      const where = duplicate[2]?.endsWith('Phase') || !duplicate[3] ? `phase "${definition.name}"` : `bundle ${layout.bundleDir(definition.name, duplicate[3])}`;
      throw new PlatformError(`two constructs named "${duplicate[1]}" in ${where}: a bundle directory or object id may be used once`, { file: definition.source, hint: 'give each bundle its own directory name and each object its own id' });
    }
    const frame = /\((\/[^)]*packages\/[^)]+)\)/.exec(error instanceof Error ? (error.stack ?? '') : '')?.[1];
    throw new PlatformError(`phase "${definition.name}" failed while building: ${message.split('\n')[0]}`, {
      file: definition.source,
      hint: frame ? `at ${frame.replace(/^.*?(packages\/)/, '$1')}` : 'a mistake in the phase code',
    });
  }
}

export type AnyPhaseDefinition = PhaseDefinition<Rke2Phase> | PhaseDefinition<FleetPhase>;

export interface LoadOptions {
  /** Repository root: where cluster.yaml, charts/, dist/ and fleet/ are. */
  readonly root: string;
  /** Config file: absolute, or relative to the root. Default cluster.yaml. */
  readonly configFile?: string;
}

/** Reads config and charts from the repository and builds every phase. */
export function loadPlatform(options: LoadOptions, definitions: readonly AnyPhaseDefinition[]): Platform {
  const configFile = options.configFile ?? 'cluster.yaml';
  const path = isAbsolute(configFile) ? configFile : join(options.root, configFile);
  // Messages name the file as the user knows it: relative to the checkout when it is inside it.
  const inside = relative(options.root, path);
  const config = loadConfig(path, inside === '' || inside.startsWith('..') || isAbsolute(inside) ? path : inside);
  const charts = ChartCatalog.load(options.root);
  return new Platform({ config, charts, secretAllowList: loadAllowList(join(options.root, SECRET_ALLOW_LIST)) }, definitions);
}

