/**
 * What the pinned Fleet release does with a bundle, by version. Each
 * predicate names the upstream code it models (rancher/fleet, read at the
 * release tags) so a Fleet bump can be checked against it.
 */

/** The label prefix of Pod Security Admission. */
export const POD_SECURITY_LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** A Fleet release as [major, minor, patch]; undefined when the text is not a plain release version. */
export function fleetRelease(version: string): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

/** True when `version` is at or past the first release of its minor line that has the change. */
function fromPatch(version: string, firstPatchByMinor: Readonly<Record<number, number>>, firstMinorAlways: number): boolean {
  const release = fleetRelease(version);
  if (!release) return false;
  const [major, minor, patch] = release;
  if (major > 0 || minor >= firstMinorAlways) return true;
  const first = firstPatchByMinor[minor];
  return first !== undefined && patch >= first;
}

/**
 * Fleet's agent drops every `pod-security.kubernetes.io/*` key of
 * `namespaceLabels` (and keeps such labels already on the namespace):
 * rancher/fleet internal/cmd/agent/deployer/deployer.go, addLabelsFromOptions,
 * the fix for GHSA-864g-863m-vcvq (rancher/fleet#5156). The release tags
 * holding it: v0.12.15, v0.13.11, v0.14.6, v0.15.2 and v0.16.0 onwards. Its
 * opt-in (a Policy with allowPodSecurityNamespaceLabels, after report #5550)
 * is in no release tag up to v0.16.1, so every later version drops them too.
 */
export function dropsPodSecurityNamespaceLabels(version: string): boolean {
  return fromPatch(version, { 12: 15, 13: 11, 14: 6, 15: 2 }, 16);
}

/**
 * Fleet ignores a webhook `caBundle` that the chart does not set but a
 * controller injects (cert-manager's cainjector, a certgen patch Job) only
 * from the fix of rancher/fleet#5369 (normalizeWebhookCABundlePatch in
 * internal/cmd/agent/deployer/desiredset/diff.go), released in v0.15.6 and
 * v0.16.1. Before it, the v0.13.15 MutatingWebhookNormalizer/
 * ValidatingWebhookNormalizer only blank a caBundle the chart renders as "\n",
 * so an injected one makes the BundleDeployment Modified (#715, #5368).
 */
export function ignoresInjectedCaBundle(version: string): boolean {
  return fromPatch(version, { 15: 6, 16: 1 }, 17);
}

/** Pod Security keys among namespace labels, sorted. */
export function podSecurityKeys(labels: Readonly<Record<string, unknown>> | undefined): string[] {
  return Object.keys(labels ?? {})
    .filter((key) => key.startsWith(POD_SECURITY_LABEL_PREFIX))
    .sort();
}
