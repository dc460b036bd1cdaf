import { createHash } from 'node:crypto';
import { posix } from 'node:path';

/** Fleet caps bundle and Helm release names at 53 characters (Helm's own release-name limit). */
export const MAX_BUNDLE_NAME_LENGTH = 53;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Helm 3's release-name pattern (pkg/chartutil ValidateReleaseName); Helm also caps the length at 53. */
export const HELM_RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const OUTSIDE_ALLOWED = /[^a-zA-Z0-9-]+/g;

function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * Shortens `name` to at most `count` characters the way Fleet does: keep a
 * prefix and append a 5-hex md5 of the whole name, never producing a double dash.
 */
export function limit(name: string, count: number): string {
  if (name.length <= count) return name;
  if (count <= 6) return name.slice(0, count);
  const keep = count - 6;
  const prefix = name.slice(0, keep);
  const separator = prefix.endsWith('-') ? '' : '-';
  return `${prefix}${separator}${md5(name).slice(0, 5)}`;
}

/**
 * Fleet's `names.HelmReleaseName`: turns an arbitrary string into a DNS-label
 * release name. Characters Fleet has to rewrite (uppercase, anything outside
 * [a-zA-Z0-9-]) earn an 8-hex md5 suffix so distinct inputs stay distinct;
 * runs of dashes do not, which is why two paths can collide.
 */
export function helmReleaseName(input: string): string {
  const dashed = input.replaceAll('/', '-');
  const rewritten = dashed !== dashed.toLowerCase() || /[^a-zA-Z0-9-]/.test(dashed);
  let name = rewritten ? `${dashed}-${md5(dashed).slice(0, 8)}` : dashed;
  name = name
    .toLowerCase()
    .replace(OUTSIDE_ALLOWED, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!DNS_LABEL.test(name)) return md5(input).slice(0, 24);
  return limit(name, MAX_BUNDLE_NAME_LENGTH);
}

/** Go's filepath.Join for forward-slash paths: join, then Clean. */
export function goJoin(...parts: string[]): string {
  const joined = parts.filter((part) => part !== '').join('/');
  return joined === '' ? '' : posix.normalize(joined).replace(/(.)\/+$/, '$1');
}

/**
 * The name Fleet gives the bundle found at `bundlePath` (relative to the
 * repository root) of GitRepo `gitRepoName`, before any fleet.yaml `name:` override.
 */
export function fleetBundleName(gitRepoName: string, bundlePath: string): string {
  // Fleet strips leading slashes before globbing; Join then cleans ./, // and ../.
  const relative = bundlePath.replace(/^\/+/, '');
  return helmReleaseName(goJoin(gitRepoName, relative));
}

/** True when `name` is usable as a fleet.yaml `name:` override and keeps release name == bundle name. */
export function isValidBundleNameOverride(name: string): boolean {
  return name.length <= MAX_BUNDLE_NAME_LENGTH && DNS_LABEL.test(name);
}
