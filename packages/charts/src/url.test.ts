import { describe, expect, it } from 'vitest';
import { indexUrl, redactUrl, resolveReferenceUrl } from './url.js';

describe('archive URLs resolve against the repository URL as Helm resolves them (ResolveReferenceURL)', () => {
  // The first five rows are helm v3.21.4 pkg/repo/chartrepo_test.go, TestResolveReferenceURL.
  it.each([
    ['http://localhost:8123/charts/', 'nginx-0.2.0.tgz', 'http://localhost:8123/charts/nginx-0.2.0.tgz'],
    ['http://localhost:8123/charts-with-no-trailing-slash', 'nginx-0.2.0.tgz', 'http://localhost:8123/charts-with-no-trailing-slash/nginx-0.2.0.tgz'],
    ['http://localhost:8123', 'https://charts.helm.sh/stable/nginx-0.2.0.tgz', 'https://charts.helm.sh/stable/nginx-0.2.0.tgz'],
    ['http://localhost:8123/charts%2fwith%2fescaped%2fslash', 'nginx-0.2.0.tgz', 'http://localhost:8123/charts%2fwith%2fescaped%2fslash/nginx-0.2.0.tgz'],
    ['http://localhost:8123/charts?with=queryparameter', 'nginx-0.2.0.tgz', 'http://localhost:8123/charts/nginx-0.2.0.tgz?with=queryparameter'],
    // RFC 3986 references leave the repository path.
    ['https://example.com/helm/stable', '../archive/x-1.0.0.tgz', 'https://example.com/helm/archive/x-1.0.0.tgz'],
    ['https://example.com/helm/stable', '/root/x-1.0.0.tgz', 'https://example.com/root/x-1.0.0.tgz'],
    ['https://example.com/helm/stable', 'charts/x-1.0.0.tgz', 'https://example.com/helm/stable/charts/x-1.0.0.tgz'],
    ['https://example.com/helm', '//cdn.example.net/x-1.0.0.tgz', 'https://cdn.example.net/x-1.0.0.tgz'],
    // The result carries the repository's query, never the reference's (resolvedURL.RawQuery = parsedBaseURL.RawQuery).
    ['https://example.com/helm?token=a', 'x-1.0.0.tgz?sig=b', 'https://example.com/helm/x-1.0.0.tgz?token=a'],
    ['https://example.com/helm', 'x-1.0.0.tgz?sig=b', 'https://example.com/helm/x-1.0.0.tgz'],
  ])('%s + %s -> %s', (base, reference, expected) => {
    expect(resolveReferenceUrl(base, reference)).toBe(expected);
  });

  it('finds index.yaml under the repository path whether or not it ends in a slash', () => {
    expect(indexUrl('https://charts.jetstack.io')).toBe('https://charts.jetstack.io/index.yaml');
    expect(indexUrl('https://kyverno.github.io/kyverno/')).toBe('https://kyverno.github.io/kyverno/index.yaml');
    expect(indexUrl('https://grafana.github.io/helm-charts')).toBe('https://grafana.github.io/helm-charts/index.yaml');
  });

  it('never shows credentials', () => {
    expect(redactUrl('https://user:s3cret@mirror.example/helm')).toBe('https://***@mirror.example/helm');
    expect(redactUrl('https://mirror.example/helm')).toBe('https://mirror.example/helm');
  });
});
