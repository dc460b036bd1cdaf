import { writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';

/** A Fleet Helm bundle's values, as fleet.yaml gives them. */
export interface FleetValues {
  readonly from: 'fleet';
  /** helm.values: a JSON-able object. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** helm.valuesFiles, absolute paths, in fleet.yaml order. */
  readonly valuesFiles?: readonly string[];
}

/** A values input that is not what Fleet could carry. */
export class ValuesInputError extends Error {
  override readonly name = 'ValuesInputError';
}

/** JSON.stringify, refusing what a Fleet Bundle (stored as JSON) cannot hold. */
function toBundleJson(values: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(values, (key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new ValuesInputError(`helm.values${key ? ` key "${key}"` : ''}: ${value} is not a JSON number`);
    if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') throw new ValuesInputError(`helm.values key "${key}": a ${typeof value} is not JSON`);
    return value;
  });
}

/**
 * The `--values` arguments that give Helm exactly the values Fleet v0.13.15
 * installs with.
 *
 * Fleet merges at bundle creation: internal/bundlereader/resources.go
 * generateValues starts from helm.values and lays each valuesFiles entry on
 * top, in order, with wrangler v3.2.2 pkg/data MergeMaps (maps merge key by
 * key; anything else, a list or a null included, replaces what was there).
 * The merged map then reaches Helm as the release values, and Helm's
 * coalesce with the chart's values.yaml deletes every key set to null
 * (pkg/chartutil/coalesce.go). Helm's own `-f a -f b` merge
 * (pkg/cli/values/options.go mergeMaps) is the same function as MergeMaps,
 * and Fleet reads each file with the same parser Helm does (sigs.k8s.io/yaml,
 * so YAML 1.1 scalars and float64 numbers alike), so passing helm.values as
 * the first file and the values files after it, unparsed, reproduces Fleet's
 * merge without a second YAML reader. values.test.ts checks that equivalence
 * against a port of MergeMaps.
 */
export async function fleetValuesArgs(input: FleetValues, home: string): Promise<string[]> {
  const args: string[] = [];
  if (input.values !== undefined) {
    const file = join(home, 'fleet-helm-values.json');
    await writeFile(file, toBundleJson(input.values));
    args.push(`--values=${file}`);
  }
  for (const path of input.valuesFiles ?? []) {
    if (!isAbsolute(path)) throw new ValuesInputError(`valuesFiles entry "${path}" must be an absolute path (Fleet reads it relative to the bundle folder; resolve it there)`);
    args.push(`--values=${path}`);
  }
  return args;
}
