import { posix } from 'node:path';
import { supportsKubernetes, type ChartEntry } from '../charts/catalog.js';
import { PlatformError } from '../errors.js';
import { isValidBundleNameOverride } from '../fleet/names.js';
import type { FleetBundle } from '../model/bundle.js';
import type { Platform } from '../model/platform.js';
import { isHelmChart } from '../rke2/helm-chart.js';
import { findCycle, resourcesBesideTheirCrd } from '../rules.js';
import { podSecurityLabels } from '../kube/namespace.js';
import { dropsPodSecurityNamespaceLabels, podSecurityKeys } from '../lint/fleet-behaviour.js';
import { CHART_ARCHIVE_NOT_COUNTED, MAX_MEASURED_OBJECT_BYTES, sizeMessage, storedHelmValuesBytes, storedObjectBytes, storedResourcesBytes } from '../lint/size.js';
import { isFleetBundle, type Bundle } from '../model/bundle.js';

/**
 * The rules a platform must satisfy before anything is written: Fleet names,
 * dependencies, layout and chart compatibility. Each problem names the
 * bundle's directory and what to change.
 */
export function checkPlatform(platform: Platform): PlatformError[] {
  return [
    ...checkLayout(platform),
    ...checkFleetNames(platform),
    ...checkDependencies(platform),
    ...checkCharts(platform),
    ...checkPodSecurity(platform),
    ...checkCrdInstall(platform),
  ];
}

/** The Fleet version the platform installs (charts/fleet), if the catalog has it. */
export function fleetVersion(platform: Platform): string | undefined {
  return platform.inputs.charts.all().find((entry) => entry.id === 'fleet')?.version;
}

/**
 * Pod Security levels cannot travel in namespaceLabels: Fleet's agent skips
 * every pod-security.kubernetes.io/* key of them (rancher/fleet v0.13.15
 * internal/cmd/agent/deployer/deployer.go, addLabelsFromOptions; since
 * v0.13.11, GHSA-864g-863m-vcvq, #5156; the opt-in after #5550 is in no
 * release). What works: a Namespace object with the labels, applied by RKE2
 * before Fleet exists. Fleet's Helm install then finds the namespace
 * (internal/helmdeployer/install.go, install: CreateNamespace only creates a
 * missing one), and the agent leaves its labels alone: setNamespaceLabelsAndAnnotations
 * returns early when the bundle sets no namespaceLabels/namespaceAnnotations,
 * and addLabelsFromOptions keeps existing pod-security labels even when it
 * does run. Without a Fleet version in the catalog, assume the drop: every
 * maintained Fleet line has it.
 */
function checkPodSecurity(platform: Platform): PlatformError[] {
  const problems: PlatformError[] = [];
  const version = fleetVersion(platform);
  const drops = version === undefined || dropsPodSecurityNamespaceLabels(version);
  const declared = new Map<string, Record<string, unknown>>();
  for (const bundle of platform.rke2Bundles) {
    for (const object of bundle.objects().map((item) => item.toJson() as KubeObject)) {
      if (object.apiVersion === 'v1' && object.kind === 'Namespace' && typeof object.metadata?.name === 'string') {
        declared.set(object.metadata.name, ((object.metadata as { labels?: Record<string, unknown> }).labels ?? {}));
      }
    }
  }
  for (const bundle of platform.fleetBundles) {
    const file = `${bundle.path}/fleet.yaml`;
    const keys = podSecurityKeys(bundle.props.namespaceLabels);
    if (drops && keys.length > 0) {
      problems.push(
        new PlatformError(`Fleet ${version ?? '0.13.11+'} drops ${keys.join(', ')} from namespaceLabels, so namespace ${bundle.props.namespace ?? '(none)'} would get no Pod Security level`, {
          file,
          field: 'namespaceLabels',
          hint: 'set podSecurity on the bundle and declare the Namespace with that level in an RKE2 bundle',
        }),
      );
    }
    const level = bundle.props.podSecurity;
    // A bundle left out of the GitRepo deploys nothing, so its namespace may wait until it is enabled.
    if (!level || !bundle.enabled) continue;
    const namespace = bundle.props.namespace;
    if (!namespace) {
      problems.push(new PlatformError('podSecurity needs the bundle\'s namespace (defaultNamespace)', { file, field: 'defaultNamespace' }));
      continue;
    }
    const labels = declared.get(namespace);
    const wanted = podSecurityLabels(level);
    if (!labels) {
      problems.push(
        new PlatformError(`namespace ${namespace} needs Pod Security level ${level}, but no RKE2 bundle declares it; Fleet would create it unlabelled`, {
          file,
          field: 'defaultNamespace',
          hint: `declare namespace(bundle, '${namespace}', '${level}') in an RKE2 bundle, which RKE2 applies before Fleet runs`,
        }),
      );
    } else if (Object.entries(wanted).some(([key, value]) => labels[key] !== value)) {
      problems.push(new PlatformError(`namespace ${namespace} is declared in an RKE2 bundle without Pod Security level ${level}`, { file, field: 'defaultNamespace', hint: `label it ${level}` }));
    }
  }
  return problems;
}

/**
 * A chart whose CRDs come from a separate chart must have its own CRD install
 * turned off (Helm would otherwise install its crds/ copy once, and the two
 * releases would fight over the objects) and must be deployed after the CRD
 * chart's bundle, whose templates Helm upgrades with every bump. Fleet
 * dependsOn is the only ordering Fleet has (deployer.go, checkDependency);
 * RKE2 HelmCharts have none, so there the split is refused.
 */
function checkCrdInstall(platform: Platform): PlatformError[] {
  const problems: PlatformError[] = [];
  for (const bundle of platform.rke2Bundles) {
    for (const object of bundle.objects().filter(isHelmChart)) {
      if (object.entry.crds.install === 'separate-chart') {
        problems.push(new PlatformError(`${object.entry.chart} takes its CRDs from a separate chart, but RKE2 HelmCharts cannot wait for another release`, { file: `charts/${object.entry.id}/chart.yaml`, field: 'crds.install' }));
      }
    }
  }
  for (const bundle of platform.fleetBundles) {
    const helm = bundle.props.helm;
    const crds = helm?.chart.crds;
    if (!helm || !crds || crds.install !== 'separate-chart' || !crds.chart || !crds.disabledBy) continue;
    const file = `${bundle.path}/fleet.yaml`;
    const path = crds.disabledBy.split('.');
    const valueAt = (tree: unknown) => path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree);
    const configured = valueAt(helm.values) ?? valueAt(helm.chart.values);
    if (configured !== false) {
      problems.push(
        new PlatformError(`${crds.disabledBy} must be false: the CRDs come from the ${crds.chart} chart, and this chart would also install its own copy once`, {
          file: helm.chart.valuesFile,
          field: crds.disabledBy,
          hint: `set ${crds.disabledBy}: false in ${helm.chart.valuesFile}`,
        }),
      );
    }
    if (!bundle.dependsOn.some((dependency) => dependency.props.helm?.chart.id === crds.chart)) {
      problems.push(
        new PlatformError(`must depend on the bundle that installs ${crds.chart}: Fleet would deploy this chart before its CRDs exist`, {
          file,
          field: 'dependsOn',
          hint: `add a FleetBundle with phase.chart('${crds.chart}') and list it in dependsOn`,
        }),
      );
    }
  }
  return problems;
}

/** One rendered file of a bundle: its name, its text and, for objects, the object. */
export interface RenderedFile {
  readonly name: string;
  readonly content: string;
  readonly object?: KubeObject;
}

/**
 * What a bundle puts into etcd, measured as the cluster stores it. A Fleet
 * Bundle holds helm.values with the values files merged over them, as
 * uncompressed JSON, plus the bundle's own files (gzipped past 1,000,000
 * bytes); an RKE2 HelmChart is one object holding its values file. Each must
 * fit one etcd request with a margin (see lint/size.ts).
 */
export function checkBundleSize(bundle: Bundle, files: readonly RenderedFile[]): PlatformError[] {
  const problems: PlatformError[] = [];
  for (const file of files) {
    if (file.object?.kind !== 'HelmChart') continue;
    const bytes = storedObjectBytes(file.object);
    if (bytes > MAX_MEASURED_OBJECT_BYTES) {
      problems.push(new PlatformError(sizeMessage(`the HelmChart object (its valuesContent is the chart's values file)`, bytes), { file: `${bundle.path}/${file.name}`, hint: 'move values out of the chart values file or split the release' }));
    }
  }
  if (!isFleetBundle(bundle)) return problems;
  const helm = bundle.props.helm;
  const valuesName = helm ? `${helm.chart.id}.values.yaml` : undefined;
  const valuesBytes = helm ? storedHelmValuesBytes(helm.values, [helm.chart.values]) : 0;
  const resourcesBytes = storedResourcesBytes(files.filter((file) => file.name !== valuesName).map((file) => file.content));
  const total = valuesBytes + resourcesBytes;
  if (total > MAX_MEASURED_OBJECT_BYTES) {
    const what = helm
      ? `the Bundle's helm.values (${valuesName} merged over the values from cluster config: ${valuesBytes} bytes of JSON, never compressed) plus its files (${resourcesBytes} bytes)`
      : `the Bundle's files (${resourcesBytes} bytes as Fleet stores them)`;
    problems.push(new PlatformError(sizeMessage(what, total, helm ? CHART_ARCHIVE_NOT_COUNTED : undefined), { file: `${bundle.path}/fleet.yaml`, hint: helm ? `shrink ${helm.chart.valuesFile}` : 'split the bundle' }));
  }
  return problems;
}

function checkLayout(platform: Platform): PlatformError[] {
  const problems: PlatformError[] = [];
  const paths = platform.bundles.map((bundle) => bundle.path);
  const pathSet = new Set(paths);
  for (const bundle of platform.bundles) {
    if (!/^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(bundle.name)) {
      problems.push(new PlatformError(`bundle directory name "${bundle.name}" must be one path segment of letters, digits, ., _ or - (not starting with .)`, { file: bundle.path }));
    }
    for (let parent = posix.dirname(bundle.path); parent !== '.' && parent !== '/'; parent = posix.dirname(parent)) {
      if (pathSet.has(parent)) {
        problems.push(new PlatformError(`bundle ${bundle.path} is nested inside this bundle; Fleet would pack its files into both`, { file: parent, hint: 'give each bundle its own directory side by side' }));
      }
    }
  }
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) problems.push(new PlatformError('two bundles use this directory', { file: path }));
    seen.add(path);
  }
  for (const bundle of platform.fleetBundles) {
    if (bundle.props.helm && bundle.objects().length > 0) {
      problems.push(new PlatformError('a Helm bundle cannot also hold manifests: Fleet deploys only the chart', { file: bundle.path, hint: 'move the manifests to a bundle of their own that depends on this one' }));
    }
    if (!bundle.props.helm && bundle.objects().length === 0) {
      problems.push(new PlatformError('the bundle has neither a Helm chart nor manifests', { file: bundle.path }));
    }
  }
  return problems;
}

function checkFleetNames(platform: Platform): PlatformError[] {
  const problems: PlatformError[] = [];
  const byName = new Map<string, FleetBundle>();
  for (const bundle of platform.fleetBundles) {
    const override = bundle.props.nameOverride;
    if (override !== undefined && !isValidBundleNameOverride(override)) {
      problems.push(
        new PlatformError(`name override "${override}" must be a DNS label of at most 53 characters`, {
          file: `${bundle.path}/fleet.yaml`,
          field: 'name',
          hint: 'use lowercase letters, digits and -; Fleet uses the name verbatim as a label value and Helm release name',
        }),
      );
    }
    const name = bundle.fleetName;
    const clash = byName.get(name);
    if (clash) {
      problems.push(
        new PlatformError(`Fleet would name this bundle "${name}", the same as ${clash.path}; one would silently overwrite the other`, {
          file: bundle.path,
          hint: 'rename one directory (Fleet collapses repeated dashes and truncates names to 53 characters)',
        }),
      );
    } else {
      byName.set(name, bundle);
    }
  }
  return problems;
}

function checkDependencies(platform: Platform): PlatformError[] {
  const problems: PlatformError[] = [];
  const known = new Set(platform.fleetBundles);
  for (const bundle of platform.fleetBundles) {
    for (const dependency of bundle.dependsOn) {
      const where = { file: `${bundle.path}/fleet.yaml`, field: 'dependsOn' };
      if (!known.has(dependency)) {
        problems.push(new PlatformError(`depends on a bundle that is not part of this platform (${dependency.path})`, { ...where, hint: 'depend on a bundle a phase of this platform creates' }));
        continue;
      }
      if (bundle.enabled && !dependency.enabled) {
        problems.push(new PlatformError(`depends on ${dependency.path}, which is not listed in the GitRepo, so it would wait forever`, { ...where, hint: 'enable that bundle or drop the dependency' }));
      }
      if (dependency.phase.order > bundle.phase.order) {
        problems.push(new PlatformError(`depends on ${dependency.path} from the later phase "${dependency.phase.name}"`, { ...where, hint: 'dependencies may only point to the same or an earlier phase' }));
      }
    }
  }
  const cycle = findCycle(platform.fleetBundles, (bundle) => bundle.dependsOn);
  if (cycle) {
    problems.push(new PlatformError(`dependency cycle: ${cycle.map((bundle) => bundle.path).join(' -> ')}`, { file: `${cycle[0]?.path}/fleet.yaml`, field: 'dependsOn', hint: 'remove one of the dependencies' }));
  }
  return problems;
}

/** Charts used anywhere must support the cluster's Kubernetes, and config values may not shadow the values file. */
function checkCharts(platform: Platform): PlatformError[] {
  const problems: PlatformError[] = [];
  const minor = platform.config.cluster.kubernetesVersion;
  const used = new Map<string, ChartEntry>();
  for (const bundle of platform.rke2Bundles) {
    for (const object of bundle.objects().filter(isHelmChart)) {
      used.set(object.entry.id, object.entry);
      for (const key of Object.keys(object.set)) {
        const clash = overlapping(leafPaths(object.entry.values), [key.split('.')]);
        if (clash) problems.push(overlapError(object.entry, clash, bundle.path));
      }
    }
  }
  for (const bundle of platform.fleetBundles) {
    const helm = bundle.props.helm;
    if (!helm) continue;
    used.set(helm.chart.id, helm.chart);
    if (helm.values) {
      const clash = overlapping(leafPaths(helm.chart.values), leafPaths(helm.values));
      if (clash) problems.push(overlapError(helm.chart, clash, bundle.path));
    }
    if (!helm.disablePreProcess && (helm.chart.valuesText.includes('${') || JSON.stringify(helm.values ?? {}).includes('${'))) {
      problems.push(new PlatformError('values contain "${", which Fleet would treat as a template', { file: helm.chart.valuesFile, hint: 'remove it, or set disablePreProcess on the bundle' }));
    }
  }
  for (const entry of [...used.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if (!supportsKubernetes(entry, minor)) {
      const range = `${entry.kubernetes.min} to ${entry.kubernetes.max ?? 'any newer'}`;
      problems.push(
        new PlatformError(`${entry.chart} ${entry.version} supports Kubernetes ${range}, but cluster.yaml says ${minor}`, {
          file: `charts/${entry.id}/chart.yaml`,
          field: 'version',
          hint: 'pin a release that supports the cluster, or correct cluster.kubernetesVersion',
        }),
      );
    }
  }
  return problems;
}

function overlapError(entry: ChartEntry, path: string, bundlePath: string): PlatformError {
  return new PlatformError(`"${path}" is set both here and from cluster config (${bundlePath}); one would silently win`, {
    file: entry.valuesFile,
    field: path,
    hint: 'keep cluster-specific values out of the chart values file',
  });
}

/** Dotted paths of every leaf (scalars and arrays) in a values tree. */
export function leafPaths(tree: unknown, prefix: string[] = []): string[][] {
  if (tree === null || typeof tree !== 'object' || Array.isArray(tree)) return prefix.length > 0 ? [prefix] : [];
  const entries = Object.entries(tree as Record<string, unknown>);
  if (entries.length === 0) return prefix.length > 0 ? [prefix] : [];
  return entries.flatMap(([key, value]) => leafPaths(value, [...prefix, key]));
}

/** The first path set in both trees, where one is equal to or inside the other. */
function overlapping(a: string[][], b: string[][]): string | undefined {
  for (const left of a) {
    for (const right of b) {
      const shorter = Math.min(left.length, right.length);
      if (left.slice(0, shorter).every((part, index) => part === right[index])) return (left.length >= right.length ? left : right).join('.');
    }
  }
  return undefined;
}

export function checkCrdSplit(bundlePath: string, objects: readonly KubeObject[]): PlatformError[] {
  return resourcesBesideTheirCrd(objects).map(
    (object) => new PlatformError(`holds both the CRD for ${String(object.kind)} and a ${String(object.kind)}`, { file: bundlePath, hint: 'move the custom resources to a bundle that depends on this one' }),
  );
}

export interface KubeObject {
  apiVersion?: unknown;
  kind?: unknown;
  metadata?: { name?: unknown; namespace?: unknown };
  [key: string]: unknown;
}
