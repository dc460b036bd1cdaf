import { describe, expect, it } from 'vitest';
import { dropsPodSecurityNamespaceLabels, fleetRelease, ignoresInjectedCaBundle, podSecurityKeys } from './behaviour.js';

// Boundaries read at the release tags of rancher/fleet: the first tag of each line whose
// deployer.go has podSecurityLabelPrefix, and whose desiredset/diff.go has normalizeWebhookCABundlePatch.
describe('Fleet behaviour by version', () => {
  it.each([
    ['0.12.14', false],
    ['0.12.15', true],
    ['0.13.10', false],
    ['0.13.11', true],
    ['0.13.15', true],
    ['v0.13.15', true],
    ['0.14.5', false],
    ['0.14.6', true],
    ['0.15.1', false],
    ['0.15.2', true],
    ['0.16.0', true],
    ['0.16.1', true],
    ['0.11.9', false],
  ])('Fleet %s drops pod-security keys of namespaceLabels: %s', (version, drops) => {
    expect(dropsPodSecurityNamespaceLabels(version)).toBe(drops);
  });

  it.each([
    ['0.13.15', false],
    ['0.14.7', false],
    ['0.15.5', false],
    ['0.15.6', true],
    ['0.16.0', false],
    ['0.16.1', true],
    ['0.17.0', true],
  ])('Fleet %s ignores an injected webhook caBundle by itself: %s', (version, ignores) => {
    expect(ignoresInjectedCaBundle(version)).toBe(ignores);
  });

  it('reads only plain release versions', () => {
    expect(fleetRelease('0.13.15')).toEqual([0, 13, 15]);
    for (const text of ['0.13', '0.13.15-rc.1', '>=0.13.11', '']) expect(fleetRelease(text)).toBeUndefined();
    expect(dropsPodSecurityNamespaceLabels('0.13.15-rc.1')).toBe(false);
  });

  it('finds every pod-security key and nothing else', () => {
    expect(podSecurityKeys({ 'pod-security.kubernetes.io/warn': 'x', team: 'a', 'pod-security.kubernetes.io/enforce': 'y', 'example.com/pod-security.kubernetes.io': 'z' })).toEqual([
      'pod-security.kubernetes.io/enforce',
      'pod-security.kubernetes.io/warn',
    ]);
    expect(podSecurityKeys(undefined)).toEqual([]);
  });
});
