import { posix } from 'node:path';
import yaml from 'js-yaml';
import type { ChartEntry, InjectedField } from '../charts/catalog.js';
import { fleetBundleName, isValidBundleNameOverride } from '../fleet/names.js';
import { GITREPO_FILE, type Tree } from '../render/render.js';
import { EXACT_VERSION, findCycle, resourcesBesideTheirCrd } from '../rules.js';
import { dropsPodSecurityNamespaceLabels, ignoresInjectedCaBundle, podSecurityKeys } from './fleet-behaviour.js';
import { CHART_ARCHIVE_NOT_COUNTED, MAX_MEASURED_OBJECT_BYTES, sizeMessage, storedHelmValuesBytes, storedObjectBytes, storedResourcesBytes } from './size.js';

/** One broken Fleet rule: the file, the rule, and what is wrong. */
export interface LintProblem {
  readonly file: string;
  readonly rule: string;
  readonly message: string;
}

/** What the lint knows beyond the tree: the pinned Fleet and the chart catalog. */
export interface LintOptions {
  /** The Fleet version that will read the tree (charts/fleet/chart.yaml); unknown means the newest behaviour. */
  readonly fleetVersion?: string;
  /** The pinned charts, for what each declares (injected fields). */
  readonly charts?: readonly ChartEntry[];
}

interface ComparePatchYaml {
  apiVersion?: string;
  kind?: string;
  name?: string;
  jsonPointers?: string[];
}

interface FleetYaml {
  name?: string;
  namespaceLabels?: Record<string, unknown>;
  targetCustomizations?: Array<{ namespaceLabels?: Record<string, unknown> }>;
  dependsOn?: Array<{ name?: string; selector?: unknown }>;
  diff?: { comparePatches?: ComparePatchYaml[] };
  helm?: { repo?: string; chart?: string; version?: string; releaseName?: string; valuesFiles?: string[]; values?: unknown; disablePreProcess?: boolean };
}

/** Keys Fleet 0.13 reads from fleet.yaml (FleetYAML and BundleDeploymentOptions); Fleet ignores any other silently. */
const FLEET_YAML_KEYS = new Set([
  'name', 'labels', 'defaultNamespace', 'namespace', 'namespaceLabels', 'namespaceAnnotations', 'serviceAccount', 'helm', 'kustomize', 'yaml',
  'diff', 'ignore', 'correctDrift', 'keepResources', 'deleteNamespace', 'deleteCRDResources', 'forceSyncGeneration', 'paused', 'rolloutStrategy',
  'targets', 'targetCustomizations', 'dependsOn', 'overrideTargets', 'imageScans',
]);
const HELM_KEYS = new Set([
  'chart', 'repo', 'version', 'releaseName', 'values', 'templateValues', 'valuesFiles', 'valuesFrom', 'timeoutSeconds', 'force', 'takeOwnership',
  'maxHistory', 'waitForJobs', 'atomic', 'disablePreProcess', 'disableDNS', 'skipSchemaValidation', 'disableDependencyUpdate',
]);

/**
 * Checks a generated tree against the rules Fleet imposes, reading only the
 * files (not the code that made them), so it also catches hand edits:
 * bundle names and dependsOn, GitRepo paths, nesting, values-file placement,
 * exact versions, the CRD/CR split and bundle size. `phases` gives the
 * rollout order of the dist/<phase> directories.
 */
export function lintTree(tree: Tree, phases: readonly string[], options: LintOptions = {}): LintProblem[] {
  const problems: LintProblem[] = [];
  const problem = (file: string, rule: string, message: string) => problems.push({ file, rule, message });
  const gitRepoText = tree.get(GITREPO_FILE);
  if (!gitRepoText) return [{ file: GITREPO_FILE, rule: 'gitrepo', message: 'the GitRepo is missing' }];
  const gitRepo = yaml.load(gitRepoText) as { metadata?: { name?: string }; spec?: { paths?: string[] } };
  const gitRepoName = gitRepo.metadata?.name ?? '';
  const paths = gitRepo.spec?.paths ?? [];
  if (paths.length === 0) problem(GITREPO_FILE, 'gitrepo-paths', 'spec.paths is empty: Fleet would deploy the repository root');

  const bundleDirs = [...tree.keys()].filter((path) => /\/fleet\.ya?ml$/.test(path)).map((path) => posix.dirname(path)).sort();
  for (const path of paths) {
    if (path === '/' || path === '.' || path === '' || path.startsWith('/')) problem(GITREPO_FILE, 'gitrepo-paths', `"${path}" makes Fleet scan the repository root`);
    else if (!tree.has(`${path}/fleet.yaml`)) problem(GITREPO_FILE, 'gitrepo-paths', `${path} holds no fleet.yaml`);
  }

  const bundleSet = new Set(bundleDirs);
  const byName = new Map<string, string>();
  const fleetYamls = new Map<string, FleetYaml>();
  for (const dir of bundleDirs) {
    const file = `${dir}/fleet.yaml`;
    const fleetYaml = (yaml.load(tree.get(file) ?? '') ?? {}) as FleetYaml;
    fleetYamls.set(dir, fleetYaml);
    for (const key of Object.keys(fleetYaml)) if (!FLEET_YAML_KEYS.has(key)) problem(file, 'fleet-yaml-keys', `unknown key "${key}": Fleet ignores it silently`);
    for (const key of Object.keys(fleetYaml.helm ?? {})) if (!HELM_KEYS.has(key)) problem(file, 'fleet-yaml-keys', `unknown key "helm.${key}": Fleet ignores it silently`);
    if (fleetYaml.name !== undefined && !isValidBundleNameOverride(fleetYaml.name)) problem(file, 'bundle-name', `name "${fleetYaml.name}" must be a DNS label of at most 53 characters`);
    const name = fleetYaml.name ?? fleetBundleName(gitRepoName, dir);
    const clash = byName.get(name);
    if (clash) problem(file, 'bundle-name', `Fleet names this bundle "${name}", like ${clash}`);
    byName.set(name, dir);
    const outer = enclosingBundle(dir, bundleSet);
    if (outer) problem(`${outer}/fleet.yaml`, 'nesting', `bundle ${dir} is nested inside this one`);

    problems.push(...lintNamespaceLabels(file, fleetYaml, options.fleetVersion));
    const helm = fleetYaml.helm;
    if (helm) {
      problems.push(...lintInjectedFields(file, fleetYaml, options));
      if (!helm.repo || !helm.chart || !helm.releaseName) problem(file, 'helm-pin', 'helm.repo, helm.chart and helm.releaseName are all required');
      if (!helm.version || !EXACT_VERSION.test(helm.version)) problem(file, 'exact-version', `helm.version "${helm.version ?? ''}" is not an exact version`);
      const baseNames = new Set<string>();
      for (const valuesFile of helm.valuesFiles ?? []) {
        const resolved = posix.normalize(`${dir}/${valuesFile}`);
        if (valuesFile.startsWith('/') || !resolved.startsWith(`${dir}/`)) problem(file, 'values-inside-bundle', `values file ${valuesFile} is outside the bundle`);
        else if (!tree.has(resolved)) problem(file, 'values-inside-bundle', `values file ${valuesFile} does not exist`);
        const base = posix.basename(valuesFile);
        if (base === 'values.yaml' || baseNames.has(base)) problem(file, 'values-inside-bundle', `values file base name ${base} is not unique (Fleet drops files by base name)`);
        baseNames.add(base);
        if (!helm.disablePreProcess && (tree.get(resolved) ?? '').includes('${')) problem(resolved, 'preprocess', 'contains "${" but the bundle does not set helm.disablePreProcess');
      }
      if (!helm.disablePreProcess && JSON.stringify(helm.values ?? {}).includes('${')) problem(file, 'preprocess', 'helm.values contains "${" but the bundle does not set helm.disablePreProcess');
    }
  }

  const listed = new Set(paths);
  const phaseOf = (dir: string) => phases.indexOf(dir.split('/')[1] ?? '');
  const edges = new Map<string, string[]>();
  for (const [dir, fleetYaml] of fleetYamls) {
    const file = `${dir}/fleet.yaml`;
    const targets: string[] = [];
    for (const dependency of fleetYaml.dependsOn ?? []) {
      // Fleet v0.13.15 deployer.go, checkDependency: an entry with neither name nor selector is skipped
      // ("possible if there is a typo"), so it waits for nothing; a selector alone matches BundleDeployment
      // labels, which may come from any GitRepo in the namespace, so it is valid and left unresolved here.
      if (!dependency.name && (dependency.selector === undefined || dependency.selector === null)) {
        problem(file, 'depends-on', 'a dependsOn entry with neither name nor selector: Fleet skips it, so the bundle waits for nothing');
        continue;
      }
      if (!dependency.name) continue;
      const target = byName.get(dependency.name);
      if (!target) {
        problem(file, 'depends-on', `dependsOn "${dependency.name ?? ''}" names no bundle of this GitRepo; Fleet would wait forever`);
        continue;
      }
      if (listed.has(dir) && !listed.has(target)) problem(file, 'depends-on', `dependsOn ${dependency.name} is not listed in the GitRepo paths`);
      if (phaseOf(target) > phaseOf(dir)) problem(file, 'phase-order', `dependsOn ${dependency.name} belongs to a later phase`);
      targets.push(target);
    }
    edges.set(dir, targets);
  }
  const cycle = findCycle([...edges.keys()].sort(), (dir) => edges.get(dir) ?? []);
  if (cycle) problem(`${cycle[0]}/fleet.yaml`, 'depends-on', `dependency cycle: ${cycle.join(' -> ')}`);

  // Each file belongs to every bundle directory above it (nested bundles carry their children's files too).
  const filesOf = new Map<string, Array<[string, string]>>(bundleDirs.map((dir) => [dir, []]));
  for (const entry of tree) {
    for (let dir = posix.dirname(entry[0]); dir !== '.' && dir !== '/'; dir = posix.dirname(dir)) filesOf.get(dir)?.push(entry);
  }
  for (const dir of bundleDirs) problems.push(...lintBundleContent(dir, filesOf.get(dir) ?? [], fleetYamls.get(dir) ?? {}, tree));
  for (const [file, content] of tree) problems.push(...lintHelmChartSize(file, content));
  return problems;
}

/**
 * Fleet 0.13.11+ drops pod-security.kubernetes.io/* keys of namespaceLabels
 * (rancher/fleet v0.13.15 internal/cmd/agent/deployer/deployer.go,
 * addLabelsFromOptions; GHSA-864g-863m-vcvq, #5156), so such a key is a level
 * that never reaches the namespace.
 */
function lintNamespaceLabels(file: string, fleetYaml: FleetYaml, fleetVersion: string | undefined): LintProblem[] {
  if (fleetVersion !== undefined && !dropsPodSecurityNamespaceLabels(fleetVersion)) return [];
  const where = [
    ['namespaceLabels', fleetYaml.namespaceLabels],
    ...(fleetYaml.targetCustomizations ?? []).map((target, index) => [`targetCustomizations[${index}].namespaceLabels`, target?.namespaceLabels] as const),
  ] as const;
  return where.flatMap(([field, labels]) =>
    podSecurityKeys(labels).map((key) => ({
      file,
      rule: 'pod-security-labels',
      message: `${field}.${key}: Fleet ${fleetVersion ?? '0.13.11+'} drops pod-security labels from namespaceLabels; declare the Namespace with its level in an RKE2 bundle`,
    })),
  );
}

/**
 * Before the fix of rancher/fleet#5369 (v0.15.6, v0.16.1), a caBundle a
 * controller injects makes the BundleDeployment Modified, hence not Ready
 * (v0.13.15 monitor/updatestatus.go, readyError), and every bundle that
 * depends on it waits (deployer.go, checkDependency). A chart that declares
 * injected fields must ignore each in diff.comparePatches.
 */
function lintInjectedFields(file: string, fleetYaml: FleetYaml, options: LintOptions): LintProblem[] {
  if (options.fleetVersion !== undefined && ignoresInjectedCaBundle(options.fleetVersion)) return [];
  const helm = fleetYaml.helm ?? {};
  const entry = options.charts?.find((chart) => chart.repo === helm.repo && chart.chart === helm.chart && chart.version === helm.version);
  const patches = fleetYaml.diff?.comparePatches ?? [];
  const covered = (field: InjectedField, pointer: string) =>
    patches.some(
      (patch) =>
        patch.apiVersion === field.apiVersion && patch.kind === field.kind && (patch.name === undefined || patch.name === field.name) && (patch.jsonPointers ?? []).includes(pointer),
    );
  return (entry?.injected ?? []).flatMap((field) =>
    field.jsonPointers
      .filter((pointer) => !covered(field, pointer))
      .map((pointer) => ({
        file,
        rule: 'injected-drift',
        message: `${field.kind} ${pointer} is injected after install; without a diff.comparePatches entry for it Fleet ${options.fleetVersion ?? 'before 0.15.6'} reports the bundle Modified, so bundles depending on it never deploy`,
      })),
  );
}

/** Each RKE2 HelmChart is one object in etcd: its size as JSON, with a margin to etcd's 1.5 MiB request limit. */
function lintHelmChartSize(file: string, content: string): LintProblem[] {
  if (!/\.ya?ml$/.test(file) || !content.includes('HelmChart')) return [];
  return yaml
    .loadAll(content)
    .filter((document): document is { kind: string } => document !== null && typeof document === 'object' && (document as { kind?: unknown }).kind === 'HelmChart')
    .map((document) => storedObjectBytes(document))
    .filter((bytes) => bytes > MAX_MEASURED_OBJECT_BYTES)
    .map((bytes) => ({ file, rule: 'size', message: sizeMessage('the HelmChart object', bytes) }));
}

/** The nearest bundle directory strictly above `dir`, if any. */
function enclosingBundle(dir: string, bundles: ReadonlySet<string>): string | undefined {
  for (let parent = posix.dirname(dir); parent !== '.' && parent !== '/'; parent = posix.dirname(parent)) if (bundles.has(parent)) return parent;
  return undefined;
}

function lintBundleContent(dir: string, files: ReadonlyArray<[string, string]>, fleetYaml: FleetYaml, tree: Tree): LintProblem[] {
  const problems: LintProblem[] = [];
  const objects: Array<{ file: string; apiVersion?: unknown; kind?: unknown; spec?: unknown }> = [];
  for (const [file, content] of files) {
    if (!/\.ya?ml$/.test(file) || /\/fleet\.ya?ml$/.test(file)) continue;
    for (const document of yaml.loadAll(content)) {
      if (document && typeof document === 'object' && 'kind' in document) objects.push({ file, ...(document as object) });
    }
  }
  for (const object of resourcesBesideTheirCrd(objects)) {
    problems.push({ file: object.file, rule: 'crd-split', message: `a ${String(object.kind)} shares a bundle with its CRD` });
  }
  // The Bundle holds helm.values with the values files merged over them (uncompressed JSON) and the
  // remaining files (rancher/fleet v0.13.15 internal/bundlereader/resources.go, readResources/parseValuesFiles).
  const valuesPaths = new Set((fleetYaml.helm?.valuesFiles ?? []).map((name) => posix.normalize(`${dir}/${name}`)));
  const valuesFiles = [...valuesPaths].map((path) => yaml.load(tree.get(path) ?? '')).filter((values): values is Record<string, unknown> => values !== null && typeof values === 'object' && !Array.isArray(values));
  const helmValues = fleetYaml.helm?.values;
  const valuesBytes = fleetYaml.helm ? storedHelmValuesBytes(helmValues && typeof helmValues === 'object' ? (helmValues as Record<string, unknown>) : undefined, valuesFiles) : 0;
  const resourcesBytes = storedResourcesBytes(files.filter(([file]) => !valuesPaths.has(file)).map(([, content]) => content));
  const total = valuesBytes + resourcesBytes;
  if (total > MAX_MEASURED_OBJECT_BYTES) {
    problems.push({ file: `${dir}/fleet.yaml`, rule: 'size', message: sizeMessage(`the Bundle (helm.values ${valuesBytes} bytes uncompressed, files ${resourcesBytes} bytes)`, total, fleetYaml.helm ? CHART_ARCHIVE_NOT_COUNTED : undefined) });
  }
  return problems;
}
