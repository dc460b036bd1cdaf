import { describe, expect, it } from 'vitest';
import { ChartError } from './errors.js';
import { mirrorUrl, parseMirror } from './mirror.js';

describe('a mirror stands in for every repository: <mirror>/<host>[:port]/<path>', () => {
  const mirror = parseMirror('https://mirror.example/helm/', '--mirror');

  it.each([
    ['https://charts.jetstack.io', 'https://mirror.example/helm/charts.jetstack.io'],
    ['https://prometheus-community.github.io/helm-charts', 'https://mirror.example/helm/prometheus-community.github.io/helm-charts'],
    ['https://kyverno.github.io/kyverno/', 'https://mirror.example/helm/kyverno.github.io/kyverno/'],
    ['https://charts.example:8443/stable', 'https://mirror.example/helm/charts.example:8443/stable'],
    ['https://charts.example:443/stable', 'https://mirror.example/helm/charts.example/stable'],
    ['https://charts.example/stable?token=a', 'https://mirror.example/helm/charts.example/stable?token=a'],
    // An absolute archive URL in an index (a GitHub release asset) maps by the same rule.
    [
      'https://github.com/prometheus-community/helm-charts/releases/download/kube-prometheus-stack-88.5.3/kube-prometheus-stack-88.5.3.tgz',
      'https://mirror.example/helm/github.com/prometheus-community/helm-charts/releases/download/kube-prometheus-stack-88.5.3/kube-prometheus-stack-88.5.3.tgz',
    ],
    // A URL already on the mirror's origin (a repository manager that rewrote its index) is left alone.
    ['https://mirror.example/artifactory/api/helm/remote/x-1.0.0.tgz', 'https://mirror.example/artifactory/api/helm/remote/x-1.0.0.tgz'],
  ])('%s -> %s', (upstream, expected) => {
    expect(mirrorUrl(upstream, mirror)).toBe(expected);
  });

  it('takes credentials out of the base URL and keeps them as basic auth for the mirror alone', () => {
    const withAuth = parseMirror('https://robot:p%40ss@mirror.example/helm', 'PLATFORM_CHART_MIRROR');
    expect(withAuth.base).toBe('https://mirror.example/helm');
    expect(withAuth.authorization).toBe(`Basic ${Buffer.from('robot:p@ss').toString('base64')}`);
    expect(mirrorUrl('https://charts.jetstack.io', withAuth)).toBe('https://mirror.example/helm/charts.jetstack.io');
    expect(parseMirror('http://127.0.0.1:8080', '--mirror')).toEqual({ base: 'http://127.0.0.1:8080', origin: 'http://127.0.0.1:8080' });
  });

  it.each([
    ['mirror.example/helm', 'is not a URL'],
    ['ftp://mirror.example/helm', 'is not an http:// or https:// URL'],
    ['oci://registry.example/charts', 'is not an http:// or https:// URL'],
    ['https://mirror.example/helm?x=1', 'has a query or fragment'],
  ])('refuses %s, naming where it came from', (value, message) => {
    const error = (() => {
      try {
        parseMirror(value, 'PLATFORM_CHART_MIRROR');
      } catch (caught) {
        return caught as ChartError;
      }
      throw new Error('accepted');
    })();
    expect(error).toBeInstanceOf(ChartError);
    expect(error.code).toBe('mirror-invalid');
    expect(error.describe()).toContain(`PLATFORM_CHART_MIRROR: `);
    expect(error.message).toContain(message);
  });

  it('never repeats a password in a refusal', () => {
    expect(() => parseMirror('ftp://robot:hunter2@mirror.example/', '--mirror')).toThrow(/^(?!.*hunter2)/s);
  });
});
