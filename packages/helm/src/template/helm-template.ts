import { resolve } from 'node:path';
import yaml from 'js-yaml';
import { resolveHelm, type HelmBinary } from '../binary.js';
import { chartVersionSatisfies, helmKubeVersion } from '../kube-version.js';
import { runHelm, withHelmHome } from '../run-helm.js';
import { fleetValuesArgs, ValuesInputError, type FleetValues } from '../values/fleet.js';
import { helmControllerValuesArgs, type HelmControllerValues } from '../values/helm-controller.js';
import { builtinApiVersions } from './builtin-api-versions.js';
import { classifyHelmMessage, HelmTemplateError, trimHelmMessage } from './errors.js';
import { ManifestParseError, parseTemplateOutput } from './parse-output.js';
import type { RenderedObject } from './rendered.js';

/** One release to render. */
export interface HelmTemplateOptions {
  /** A chart archive (.tgz) or chart folder on disk; nothing is fetched. */
  readonly chart: string;
  readonly releaseName: string;
  readonly namespace: string;
  /** The cluster's Kubernetes version: "1.31", or as it reports itself, "v1.31.14+rke2r1". */
  readonly kubeVersion: string;
  /**
   * Every API the cluster serves, as discovery lists them: "group/version"
   * and "group/version/Kind" ("policy/v1", "policy/v1/PodDisruptionBudget"),
   * CRDs of earlier bundles included. Helm adds these to its built-in
   * defaults (`.Capabilities.APIVersions`).
   */
  readonly apiVersions?: readonly string[];
  /** Values the way Fleet or helm-controller pass them. */
  readonly values: FleetValues | HelmControllerValues;
  /** Put crds/ objects into `objects` too, as `helm template --include-crds` would; they are always in `crds`. */
  readonly includeCrds?: boolean;
  /** Fleet's helm.skipSchemaValidation (passed as --skip-schema-validation). */
  readonly skipSchemaValidation?: boolean;
  /** The helm to use; resolveHelm() when not given. */
  readonly helm?: HelmBinary;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** What a release renders to. */
export interface HelmTemplateResult {
  /** Objects from templates (and hooks), in Helm's install order; crds/ objects too when includeCrds. */
  readonly objects: readonly RenderedObject[];
  /** Objects from crds/ folders of the chart and its subcharts (Helm installs them once and never upgrades them). */
  readonly crds: readonly RenderedObject[];
  /** What helm printed on stderr besides the manifests (coalesce warnings and the like). */
  readonly warnings: readonly string[];
  /**
   * When apiVersions was given: the group/versions `helm template` claimed
   * although the list does not have them (builtinApiVersions), i.e. where a
   * `.Capabilities.APIVersions.Has` check in this render may have answered
   * true where the cluster will answer false.
   */
  readonly phantomApiVersions: readonly string[];
  /** The helm that rendered, and any warning about it. */
  readonly helm: HelmBinary;
  /** The helm arguments, temporary values files named by what they hold. */
  readonly args: readonly string[];
  readonly durationMs: number;
}

/** Reads the chart's own Chart.yaml with Helm (`helm show chart`), so archives and folders alike. */
async function chartMetadata(helm: HelmBinary, chart: string, home: string, options: HelmTemplateOptions): Promise<{ version?: unknown }> {
  const run = await runHelm(helm.path, ['show', 'chart', '--', chart], home, options);
  if (run.code !== 0) throw new HelmTemplateError('chart', options.chart, options.releaseName, trimHelmMessage(run.stderr, new Map()));
  return (yaml.load(run.stdout) ?? {}) as { version?: unknown };
}

/**
 * `helm template` of one release with exactly the values, release name,
 * namespace, Kubernetes version and API versions its deployer would use
 * (Fleet: helm.values then valuesFiles; helm-controller: valuesContent, then
 * the HelmChartConfig's, then spec.set), in a hermetic environment: no
 * network, no plugins, no repositories, nothing of the caller's HELM_* or
 * HOME. Test hooks are left out (--skip-tests): neither deployer runs `helm
 * test`.
 *
 * Rejects with HelmTemplateError (the chart, the release and helm's message)
 * when the chart does not render, and HelmUnavailableError when there is no
 * helm.
 */
export async function helmTemplate(options: HelmTemplateOptions): Promise<HelmTemplateResult> {
  const helm = options.helm ?? (await resolveHelm());
  const chart = resolve(options.chart);
  const fail = (kind: ConstructorParameters<typeof HelmTemplateError>[0], message: string): never => {
    throw new HelmTemplateError(kind, options.chart, options.releaseName, message);
  };
  if (helmKubeVersion(options.kubeVersion) === undefined) fail('kube-version', `"${options.kubeVersion}" is not a Kubernetes version Helm can parse`);
  // Helm renders any namespace string; the API server takes only an RFC 1123 label (apimachinery ValidateNamespaceName).
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(options.namespace)) fail('input', `namespace "${options.namespace}" is not an RFC 1123 label (lower-case letters, digits and '-', at most 63)`);
  return withHelmHome(async (home) => {
    const labels = new Map<string, string>([[home, '<values>']]);
    let valueArgs: string[];
    try {
      valueArgs = options.values.from === 'fleet' ? await fleetValuesArgs(options.values, home) : await helmControllerValuesArgs(options.values, home);
    } catch (error) {
      if (error instanceof ValuesInputError) fail('values', error.message);
      throw error;
    }
    if (options.values.from === 'helm-controller' && options.values.version) {
      const { version } = await chartMetadata(helm, chart, home, options);
      if (!chartVersionSatisfies(options.values.version, String(version))) {
        fail('chart-version', `spec.version "${options.values.version}" does not select this chart's version ${String(version)} (helm install --version picks an exact match or the newest version satisfying it)`);
      }
    }
    const args = [
      'template',
      `--namespace=${options.namespace}`,
      `--kube-version=${options.kubeVersion}`,
      ...(options.apiVersions ?? []).map((api) => `--api-versions=${api}`),
      '--include-crds',
      '--skip-tests',
      ...(options.skipSchemaValidation ? ['--skip-schema-validation'] : []),
      ...valueArgs,
      '--',
      options.releaseName,
      chart,
    ];
    const run = await runHelm(helm.path, args, home, options);
    if (run.code !== 0) {
      const message = trimHelmMessage(run.stderr || `helm exited with ${run.code ?? 'a signal'} and said nothing`, labels);
      fail(classifyHelmMessage(message), message);
    }
    let parsed: ReturnType<typeof parseTemplateOutput>;
    try {
      parsed = parseTemplateOutput(run.stdout);
    } catch (error) {
      if (error instanceof ManifestParseError) fail('manifest', error.message);
      throw error;
    }
    const served = new Set(options.apiVersions ?? []);
    const phantomApiVersions = options.apiVersions ? (await builtinApiVersions(helm)).filter((api) => !served.has(api)) : [];
    const warnings = run.stderr
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '')
      .map((line) => [...labels].reduce((text, [path, label]) => text.split(path).join(label), line));
    return {
      objects: options.includeCrds ? [...parsed.crds, ...parsed.objects] : parsed.objects,
      crds: parsed.crds,
      warnings,
      phantomApiVersions,
      helm,
      args: args.map((arg) => [...labels].reduce((text, [path, label]) => text.split(path).join(label), arg)),
      durationMs: run.durationMs,
    };
  });
}
