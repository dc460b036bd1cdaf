import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ValuesInputError } from './fleet.js';

/** An RKE2 HelmChart's values (helm.cattle.io/v1, helm-controller v0.16.16). */
export interface HelmControllerValues {
  readonly from: 'helm-controller';
  /** spec.valuesContent of the HelmChart. */
  readonly valuesContent?: string;
  /** spec.valuesContent of the HelmChartConfig of the same name and namespace, if any. */
  readonly configValuesContent?: string;
  /** spec.set: integers (IntOrString's int32) or strings. */
  readonly set?: Readonly<Record<string, string | number>>;
  /** spec.version: checked against the chart's version as `helm install --version` selects it. */
  readonly version?: string;
}

/** Go's sort.Strings order: bytes of UTF-8, not JavaScript's UTF-16 code units. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * typedVal (helm-controller pkg/controllers/chart/chart.go): an int, or a
 * string that is true, false or null in any case, goes as --set, which types
 * it; every other string goes as --set-string and stays a string.
 */
function typed(value: string | number): boolean {
  return typeof value === 'number' || ['true', 'false', 'null'].includes(value.toLowerCase());
}

/**
 * escapeComma: a comma after an even number of backslashes (none included)
 * would split the --set-string value, so it gets one more backslash; "a,b"
 * reaches Helm as "a\,b", and "a\,b" stays as it is.
 */
function escapeCommas(value: string): string {
  return value.replace(/\\*,/g, (match) => (match.length % 2 === 1 ? `\\${match}` : match));
}

/**
 * The `--values`, `--set` and `--set-string` arguments helm-controller's job
 * gives Helm.
 *
 * - valuesContent goes into a Secret key projected as
 *   /config/values-0-000-HelmChart-ValuesContent.yaml and a HelmChartConfig's
 *   as values-1-000-HelmChartConfig-ValuesContent.yaml (chart.go
 *   setValuesSecret, valuesSecretAddConfig); klipper-helm's entry script
 *   passes `--values` for each /config/*.yaml in glob order (bash, C
 *   collation), so the HelmChartConfig's lies on top.
 * - spec.set becomes one `--set k=v` or `--set-string k=v` per key, keys in
 *   sort.Strings order (chart.go args, keys, typedVal, escapeComma).
 * - Helm applies every --values file first, then every --set, then every
 *   --set-string, wherever they stand on the command line
 *   (pkg/cli/values/options.go MergeValues), so set wins over both contents.
 */
export async function helmControllerValuesArgs(input: HelmControllerValues, home: string): Promise<string[]> {
  const args: string[] = [];
  const files: [string, string | undefined][] = [
    ['values-0-000-HelmChart-ValuesContent.yaml', input.valuesContent],
    ['values-1-000-HelmChartConfig-ValuesContent.yaml', input.configValuesContent],
  ];
  for (const [name, content] of files) {
    // chart.go projects the key only when the content is not empty.
    if (content === undefined || content === '') continue;
    const file = join(home, name);
    await writeFile(file, content);
    args.push(`--values=${file}`);
  }
  for (const key of Object.keys(input.set ?? {}).sort(byteOrder)) {
    const value = input.set![key]!;
    if (typeof value === 'number' && !(Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31)) {
      throw new ValuesInputError(`spec.set.${key}: ${value} is neither an int32 nor a string (helm.cattle.io/v1 types set as IntOrString)`);
    }
    if (typeof value === 'number' || typed(value)) args.push('--set', `${key}=${String(value)}`);
    else args.push('--set-string', `${key}=${escapeCommas(value)}`);
  }
  return args;
}

/**
 * Release name and namespace of a HelmChart: its own name, and
 * spec.targetNamespace or else the HelmChart's namespace (chart.go job():
 * NAME is chart.Name, --namespace is targetNamespace when set).
 */
export function helmControllerRelease(helmChart: { metadata: { name: string; namespace?: string }; spec?: { targetNamespace?: string } }): { releaseName: string; namespace: string } {
  return { releaseName: helmChart.metadata.name, namespace: helmChart.spec?.targetNamespace || helmChart.metadata.namespace || 'default' };
}
