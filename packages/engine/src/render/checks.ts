import { posix } from 'node:path';
import { supportsKubernetes, type ChartEntry } from '../charts/catalog.js';
import { PlatformError } from '../errors.js';
import { isValidBundleNameOverride } from '../fleet/names.js';
import type { FleetBundle } from '../model/bundle.js';
import type { Platform } from '../model/platform.js';
import { isHelmChart } from '../rke2/helm-chart.js';
import { findCycle, resourcesBesideTheirCrd } from '../rules.js';

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
  ];
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
