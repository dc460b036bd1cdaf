import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EMPTY_ALLOW_LIST, scanTree } from './scan.js';

/** Breaks found by attacking the scan, each kept as a specification. */
const scan = (text: string) => scanTree(new Map([['dist/a/app.values.yaml', text]]), EMPTY_ALLOW_LIST).map((problem) => problem.describe());

const bombLines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: 9 }, (_, index) => `a${index + 1}: &a${index + 1} [${Array(9).fill(`*a${index}`).join(', ')}]`)];

describe('attacks on the secret scan', () => {
  it('an alias bomb inside a block string is not expanded (it hung synth and check)', () => {
    const started = performance.now();
    scan(`extraBomb: |\n${bombLines.map((line) => `  ${line}`).join('\n')}\n`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('one value behind many aliases is one finding, not one per path', () => {
    const chain = ['l0: &l0 xAb3Kd9Qz7Lm2Pw5Rt8Yv', ...Array.from({ length: 6 }, (_, index) => `l${index + 1}: &l${index + 1} [${Array(6).fill(`*l${index}`).join(', ')}]`)];
    expect(scan(`${chain.join('\n')}\n`)).toHaveLength(1);
  });

  it.each([
    ['a webhook token in a URL path', 'receiver: https://hooks.example.com/jKnJwcxyHCIMtx7-u4rMQIi_KgeAtC4C'],
    ['a token as a path segment of a git URL', 'repo: https://gitlab.example.com/q8ZrT3vWx9LmN2pK7sD4/rke2-platform.git'],
    ['a token in a URL fragment', 'repo: https://gitlab.example.com/platform/rke2-platform.git#Zk81LmQw92XpRt4YvB7c'],
    ['a token in a query value, in a comment', '# see https://example.com/hook?key=Zk81LmQw92XpRt4YvB7c'],
  ])('%s is refused', (_what, line) => {
    expect(scan(`${line}\n`)).toEqual([expect.stringMatching(/random-looking password or key/)]);
  });

  it.each([
    'https://charts.longhorn.io',
    'https://prometheus-community.github.io/helm-charts',
    'https://github.com/grafana/helm-charts/releases/download/loki-6.30.1/loki-6.30.1.tgz',
    'https://gitlab.example.com/platform/rke2-platform.git',
    'oci://registry-1.docker.io/bitnamicharts/external-dns',
    'https://raw.githubusercontent.com/kubernetes/ingress-nginx/controller-v1.12.1/deploy/static/provider/cloud/deploy.yaml',
  ])('an ordinary URL passes: %s', (url) => {
    expect(scan(`url: ${url}\n`)).toEqual([]);
  });

  it('a base64-encoded PEM private key is refused at any length, a base64 certificate is not', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = Buffer.from(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()).toString('base64');
    expect(key.length).toBeGreaterThan(1024);
    expect(scan(`tls:\n  key: ${key}\n`)).toEqual([expect.stringMatching(/a base64-encoded PEM private key/)]);
    expect(scan(`extra:\n  tlsKey: ${key.slice(0, 600)}\n`)).toEqual([expect.stringMatching(/a base64-encoded PEM private key/)]);
    const certificate = Buffer.from(`-----BEGIN CERTIFICATE-----\n${'MIIB'.repeat(200)}\n-----END CERTIFICATE-----\n`).toString('base64');
    expect(X509Certificate).toBeDefined();
    expect(scan(`caBundle: ${certificate}\n`)).toEqual([]);
  });

  it('a Secret inside a templated extraObjects string is refused', () => {
    const values = 'extraObjects:\n  - |\n    {{- if .Values.enabled }}\n    apiVersion: v1\n    kind: Secret\n    metadata:\n      name: {{ .Release.Name }}-x\n    data:\n      x: aHVudGVyMg==\n    {{- end }}\n';
    expect(scan(values)).toEqual([expect.stringMatching(/a Secret with its payload in data/)]);
  });
});

describe('credential key names, and values under them that are no credential', () => {
  it.each([
    'routing_key: 4f1c2a9d8e7b6a5c4f1c2a9d8e7b6a5c',
    'service_key: 4f1c2a9d8e7b6a5c4f1c2a9d8e7b6a5c',
    'pass: hunter2hunter2',
    'pw: Tr0ub4dor',
    'env:\n  - name: DB_PASS\n    value: hunter2hunter2',
  ])('refuses %j', (text) => {
    expect(scan(`${text}\n`)).not.toEqual([]);
  });

  it.each([
    'env:\n  - name: DISABLE_AUTH\n    value: "true"',
    'automountServiceAccountToken: "false"',
    'auth: basic',
    'sso:\n  auth: oauth',
    'tokenAuth: enabled',
    'bearerToken: none',
    'credentials: /etc/loki/gcs.json',
    'bypass: yes',
  ])('accepts %j', (text) => {
    expect(scan(`${text}\n`)).toEqual([]);
  });
});

describe('more shapes the attack found', () => {
  it.each([
    ['a Go MySQL DSN', 'dsn: admin:hunter2@tcp(db:3306)/app'],
    ['a credential key written with a Cyrillic letter', 'pаssword: hunter2hunter2'],
    ['a hex session secret under a *secret key', 'sessionSecret: 4f1c2a9d8e7b6a5c4f1c2a9d8e7b6a5c4f1c2a9d'],
  ])('refuses %s', (_what, line) => {
    expect(scan(`${line}\n`)).not.toEqual([]);
  });

  it('still takes a Secret name under a *secret key for the name it is', () => {
    expect(scan('tlsSecret: grafana-tls\nauth-secret: longhorn-basic-auth\n')).toEqual([]);
  });
});

describe('a literal wrapped one level under a credential key', () => {
  it.each(['adminPassword:\n  plain: hunter2hunter2', 'apiToken:\n  value: hunter2hunter2'])('refuses %j', (text) => {
    expect(scan(`${text}\n`)).toEqual([expect.stringMatching(/a literal value under the credential key/)]);
  });

  it.each(['adminPassword:\n  existingSecret: grafana-admin\n  key: password', 'password:\n  valueFrom:\n    secretKeyRef:\n      name: db\n      key: password', 'auth:\n  type: basic\n  enabled: true'])('accepts references and settings: %j', (text) => {
    expect(scan(`${text}\n`)).toEqual([]);
  });
});
