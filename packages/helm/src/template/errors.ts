/**
 * Why a chart did not render:
 * - schema: the values break the chart's (or a subchart's) values.schema.json;
 * - required: a `required` or `fail` call in a template stopped rendering
 *   (Helm reports both as "execution error at (<template>:<line>:<col>)");
 * - template: a template does not parse or fails while executing;
 * - kube-version: the chart's kubeVersion excludes the cluster's version;
 * - chart-version: the chart is not a version spec.version selects;
 * - input: a release name or namespace Helm or Kubernetes would refuse;
 * - values: a values file or --set value Helm cannot read;
 * - manifest: the rendered output is not Kubernetes objects;
 * - chart: the chart itself cannot be loaded (missing file, dependency, ...);
 * - helm: anything else helm said.
 */
export type HelmTemplateErrorKind = 'schema' | 'required' | 'template' | 'kube-version' | 'chart-version' | 'input' | 'values' | 'manifest' | 'chart' | 'helm';

/** One chart that did not render, with helm's own message, trimmed. */
export class HelmTemplateError extends Error {
  override readonly name = 'HelmTemplateError';
  constructor(
    readonly kind: HelmTemplateErrorKind,
    /** The chart as the caller named it. */
    readonly chart: string,
    readonly release: string,
    /** Helm's message without its "Error: " prefix and --debug advice. */
    readonly helmMessage: string,
  ) {
    super(`${chart} (release ${release}): ${helmMessage}`);
  }
}

/**
 * The error block of helm's stderr: from the last line starting "Error: "
 * (warnings such as "walk.go:74: found symbolic link" come before it), the
 * prefix and the trailing "Use --debug flag to render out invalid YAML"
 * removed, temporary paths replaced by what they stand for.
 */
export function trimHelmMessage(stderr: string, replacements: ReadonlyMap<string, string>): string {
  const lines = stderr.replace(/\r\n/g, '\n').split('\n');
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.startsWith('Error: ')) {
      start = i;
      break;
    }
  }
  let message = (start >= 0 ? lines.slice(start).join('\n').slice('Error: '.length) : stderr)
    .replace(/\n*Use --debug flag to render out invalid YAML\s*$/, '')
    .replace(/^INSTALLATION FAILED: /, '')
    .trim();
  for (const [path, label] of replacements) message = message.split(path).join(label);
  return message;
}

/** Sorts a trimmed helm message into a kind, by the fixed texts Helm 3.17 to 3.19 print. */
export function classifyHelmMessage(message: string): HelmTemplateErrorKind {
  // pkg/chartutil/jsonschema.go ValidateAgainstSchema
  if (message.startsWith("values don't meet the specifications of the schema")) return 'schema';
  // pkg/action/action.go renderResources
  if (message.startsWith('chart requires kubeVersion')) return 'kube-version';
  // pkg/engine/engine.go: `required` and `fail` both end as "execution error at (...)"
  if (/^execution error at \(/.test(message)) return 'required';
  if (/^(template: |parse error at )/.test(message)) return 'template';
  // pkg/releaseutil/manifest_sorter.go: every rendered document must be a YAML object with apiVersion and kind
  if (message.startsWith('YAML parse error on ')) return 'manifest';
  // pkg/chartutil/validate_name.go ValidateReleaseName
  if (message.startsWith('release name ')) return 'input';
  // pkg/cli/values/options.go MergeValues
  if (/^(failed to parse |failed parsing --set|open .*values|.*: no such file or directory$)/.test(message) && !/Chart\.yaml/.test(message)) return 'values';
  return /Chart\.yaml|chart|charts\/ directory|not found/i.test(message) ? 'chart' : 'helm';
}
