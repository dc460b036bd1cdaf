import { join } from 'node:path';
import { closest } from '@platform/validate';
import { ChartCatalog } from '../charts/catalog.js';
import { INVENTORY_DIR, loadInventory } from '../config/inventory.js';
import { quoteValue } from '../secrets/quote.js';
import { isPlatformError, PlatformError, PlatformErrors } from '../errors.js';
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
  /** Repository root: where clusters/, charts/, dist/ and fleet/ are. */
  readonly root: string;
  /** Only these clusters (by name); every cluster of the inventory when absent. */
  readonly clusters?: readonly string[];
}

/**
 * Reads the inventory and the charts and builds every cluster's platform, in
 * name order, each with its own layout (dist/<cluster>/, fleet/<cluster>/)
 * and its own chart pins.
 */
export function loadPlatforms(options: LoadOptions, definitions: readonly AnyPhaseDefinition[]): Platform[] {
  const sources = loadInventory(options.root);
  const wanted = options.clusters;
  if (wanted) {
    const unknown = wanted.filter((name) => !sources.some((source) => source.name === name));
    if (unknown.length > 0) {
      const names = sources.map((source) => source.name);
      throw new PlatformError(`no cluster ${unknown.map((name) => quoteValue(name)).join(', ')} in ${INVENTORY_DIR}/${didYouMean(unknown[0] ?? '', names)}`, { file: `${INVENTORY_DIR}/`, hint: `the clusters are: ${names.join(', ')}` });
    }
  }
  const charts = ChartCatalog.load(options.root);
  const secretAllowList = loadAllowList(join(options.root, SECRET_ALLOW_LIST));
  const problems: PlatformError[] = [];
  const platforms: Platform[] = [];
  for (const source of sources.filter((candidate) => !wanted || wanted.includes(candidate.name))) {
    try {
      const inputs = { config: source.config, charts: charts.withPins(source.config.charts, source.setBy), secretAllowList, layout: DEFAULT_LAYOUT.forCluster(source.name), source };
      platforms.push(new Platform(inputs, definitions));
    } catch (error) {
      if (error instanceof PlatformErrors) problems.push(...error.errors);
      else if (isPlatformError(error)) problems.push(error as PlatformError);
      else throw error;
    }
  }
  if (problems.length > 0) throw new PlatformErrors(problems);
  return platforms;
}

function didYouMean(name: string, names: readonly string[]): string {
  const near = closest(name, names);
  return near ? ` (did you mean "${near}"?)` : '';
}
