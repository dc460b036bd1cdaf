import { describe, expect, it } from 'vitest';
import { fleetBundleName, helmReleaseName, isValidBundleNameOverride, limit } from './names.js';

// Vectors from Fleet's own unit tests (internal/names/name_test.go), see shared notes §1.6.
describe('limit (Fleet names.Limit)', () => {
  it.each([
    ['1234567', 5, '12345'],
    ['1234567', 6, '123456'],
    ['1234567', 7, '1234567'],
    ['1234567', 8, '1234567'],
    ['12345678', 8, '12345678'],
    ['12345678', 7, '1-25d55'],
    ['123456789', 8, '12-25f9e'],
    ['1-3456789', 8, '1-9b657'],
  ])('limit(%s, %i) = %s', (input, count, expected) => {
    expect(limit(input, count)).toBe(expected);
  });
});

describe('helmReleaseName (Fleet names.HelmReleaseName)', () => {
  const str50 = '1234567890'.repeat(5);
  const str53 = `${str50}123`;
  const str63 = `${str50}1234567890123`;
  it.each([
    [str53, str53],
    [`${str53}a`, '12345678901234567890123456789012345678901234567-fdba4'],
    [`${str63}a`, '12345678901234567890123456789012345678901234567-eb12d'],
    ['long-name-test-shortpath-with@char', 'long-name-test-shortpath-with-char-031bab5e'],
    ['long-name-test-shortpath-with+char', 'long-name-test-shortpath-with-char-21c88393'],
    ['long-name-test-0.App_ ', 'long-name-test-0-app-5bf6b3fb'],
    ['long-name-test--App_-_12.factor', 'long-name-test-app-12-factor-0efbac37'],
    ['bundle.name.example.com', 'bundle-name-example-com-645ef821'],
    [`${str53.slice(0, 46)}-1234567`, '1234567890123456789012345678901234567890123456-d0bce'],
  ])('helmReleaseName(%j) = %s', (input, expected) => {
    expect(helmReleaseName(input)).toBe(expected);
  });

  it('never leaves a double dash where truncation meets an existing dash', () => {
    const name = helmReleaseName(`${str53.slice(0, 46)}-1234567`);
    expect(name).toHaveLength(52);
    expect(name).not.toContain('--');
  });

  it('falls back to a 24-hex md5 of the original input when nothing usable is left', () => {
    expect(helmReleaseName('---')).toMatch(/^[0-9a-f]{24}$/);
  });
});

describe('fleetBundleName: GitRepo name joined with the bundle path', () => {
  it('is <gitrepo>-<path with slashes as dashes> for plain paths (seed 000 example)', () => {
    expect(fleetBundleName('canarie-kube', 'kube/manifests/security/kyverno')).toBe(
      'canarie-kube-kube-manifests-security-kyverno',
    );
  });

  it('hashes a dot in the GitRepo name', () => {
    expect(fleetBundleName('my.repo', 'apps')).toBe('my-repo-apps-46903b27');
  });

  it('treats the root path as the GitRepo name alone', () => {
    for (const root of ['.', './', '', '/']) expect(fleetBundleName('myrepo', root)).toBe('myrepo');
  });

  it('cleans paths like Go filepath.Join', () => {
    expect(fleetBundleName('myrepo', 'apps//frontend/')).toBe('myrepo-apps-frontend');
    expect(fleetBundleName('myrepo', './apps/./frontend')).toBe('myrepo-apps-frontend');
    expect(fleetBundleName('myrepo', '/apps/frontend')).toBe('myrepo-apps-frontend');
    // `..` cancels the GitRepo name, as in Fleet's integration tests.
    expect(fleetBundleName('myrepo', '../assets/simple')).toBe('assets-simple');
  });

  it('collapses dashes without hashing, so different paths can collide', () => {
    expect(fleetBundleName('a', 'b--c')).toBe(fleetBundleName('a', 'b-c'));
    expect(fleetBundleName('myrepo', 'apps/frontend-')).toBe(fleetBundleName('myrepo', 'apps/frontend'));
    expect(fleetBundleName('long-name-test', '-')).toBe('long-name-test');
  });

  it('hashes uppercase and underscores in paths', () => {
    const name = fleetBundleName('platform', 'dist/Observability/kube_prometheus');
    expect(name).toMatch(/^platform-dist-observability-kube-prometheus-[0-9a-f]{8}$/);
  });

  it('allows names that start with a digit', () => {
    expect(fleetBundleName('2048-game', 'deploy')).toBe('2048-game-deploy');
  });

  it('truncates long names to 53 characters with a 5-hex suffix', () => {
    const name = fleetBundleName('platform', 'dist/observability/a-very-long-bundles-directory-name');
    expect(name).toHaveLength(53);
    expect(name.slice(0, 48)).toBe('platform-dist-observability-a-very-long-bundles-');
    expect(name).toMatch(/^[a-z0-9-]+-[0-9a-f]{5}$/);
  });

  it('drops the separator when the cut lands on a dash (52 characters, no double dash)', () => {
    const name = fleetBundleName('platform', 'dist/observability/a-very-long-bundle-directory-name');
    expect(name).toHaveLength(52);
    expect(name.slice(0, 47)).toBe('platform-dist-observability-a-very-long-bundle-');
    expect(name).not.toContain('--');
  });
});

describe('isValidBundleNameOverride', () => {
  it('accepts DNS labels up to 53 characters', () => {
    expect(isValidBundleNameOverride('cert-manager')).toBe(true);
    expect(isValidBundleNameOverride('a'.repeat(53))).toBe(true);
  });
  it('rejects longer names and non-DNS names', () => {
    expect(isValidBundleNameOverride('a'.repeat(54))).toBe(false);
    expect(isValidBundleNameOverride('Cert_Manager')).toBe(false);
    expect(isValidBundleNameOverride('-x')).toBe(false);
  });
});
