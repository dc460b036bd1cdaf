import { describe, expect, it } from 'vitest';
import { scanForSecrets } from './scan.js';

const what = (document: unknown, allow?: Set<string>) => scanForSecrets('f.yaml', document, allow).map((finding) => `${finding.path}: ${finding.what}`);

describe('scanForSecrets', () => {
  it('refuses a Secret carrying data or stringData', () => {
    expect(what({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { a: 'b' } })).toEqual(['stringData: a Secret with stringData']);
    expect(what({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'Yg==' } })).toEqual(['data: a Secret with data']);
  });

  it.each([
    ['a PEM block', '-----BEGIN RSA PRIVATE KEY-----\nMIIB...\n-----END RSA PRIVATE KEY-----\n', 'PEM'],
    ['a bearer token', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc', 'bearer token'],
    ['an AWS access key', 'AKIAIOSFODNN7EXAMPLE', 'AWS access key'],
    ['a GitLab token', 'glpat-xxxxxxxxxxxxxxxxxxxx1234', 'GitLab or GitHub token'],
    ['a random password', 'p4SsW0rd-9fK2qLx8ZrT7vBn3MwYe6HcJ', 'high-entropy'],
  ])('catches %s in any value, naming the path', (_name, value, expected) => {
    const found = what({ grafana: { adminPassword: value } });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^grafana.adminPassword: /);
    expect(found[0]).toContain(expected);
  });

  it('leaves ordinary values alone: hostnames, image references, URLs, sha256 digests of files', () => {
    expect(
      what({
        host: 'grafana.rke2.example-platform-with-a-long-name.com',
        image: 'mirror.gcr.io/aquasec/trivy:0.72.0',
        url: 'http://loki-gateway.monitoring.svc/loki/api/v1/push',
        note: 'Falco is deferred: its bundled DKMS driver does not build against the kernel',
      }),
    ).toEqual([]);
  });

  it('accepts a documented false positive from the allow-list', () => {
    expect(what({ token: 'AKIAIOSFODNN7EXAMPLE' }, new Set(['f.yaml#token']))).toEqual([]);
  });
});
