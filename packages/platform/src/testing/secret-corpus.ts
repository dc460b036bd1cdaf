/**
 * Planted credentials for the secret-scan suite (secrets.test.ts): one entry
 * per credential, by the input channel it is written into and the stage that
 * must refuse it. Every value is made up for the test; none is real.
 */
export interface Plant {
  /** What is planted, for the test name. */
  readonly name: string;
  /** The input file edited in the scratch copy. */
  readonly input: string;
  readonly edit: (text: string) => string;
  /** The credential itself: it must never be echoed. */
  readonly secret: string;
  /** Where the message must point: `file: field`. */
  readonly where: string;
}

const replaceLine = (search: RegExp, replacement: string) => (text: string) => {
  if (!search.test(text)) throw new Error(`fixture drift: ${search} not in the input`);
  return text.replace(search, replacement);
};
const append = (block: string) => (text: string) => `${text.replace(/\n*$/, '\n')}${block}\n`;

// Distinct credentials (random-looking, generated for this test; none is real).
const AWS_KEY_ID = 'AKIA2E0A8F3B244C9986';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq4Kd8vT2x';
const AZURE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const GITHUB_TOKEN = 'ghp_R4nd0mT0k3nF0rT3st1ngPurp0s3sOnlyX9q';
const GITLAB_TOKEN = 'glpat-Zq8vX2mN4bL7kJ9hG3fD';
const RANDOM_31 = 'Tr0ub4dor&3xQ!9zLm#2vWp$8kYs^5n';
const HEX_40 = '3f786850e387550fdab836ed7e6dc881de23001b';
const HEX_32 = '9e107d9d372bb6826bd81d3542a419d6';
const SLACK_WEBHOOK = 'https://hooks.slack.com/services/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';
const SLACK_BOT = 'xoxb-2710397142-5718492063-Qw3rTy8UiOp2AsDf6GhJ';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwbGF0Zm9ybSIsImFkbWluIjp0cnVlfQ.c2lnbmF0dXJlLW5vdC1yZWFs';
const GOOGLE_KEY = 'AIzaSyD3f9Kq2Lm8Np4Rs7Tu1Vw6Xy0Zb5Cd9Ef';
const NPM_TOKEN = 'npm_K8s2Lp9Qw4Er7Ty1Ui3Op6As5Df0Gh2Jk8Lz';
const PEM = '-----BEGIN RSA PRIVATE KEY-----';

const VALUES = {
  kps: 'charts/kube-prometheus-stack/values.yaml',
  loki: 'charts/loki/values.yaml',
  alloy: 'charts/alloy/values.yaml',
  trivy: 'charts/trivy-operator/values.yaml',
  kyverno: 'charts/kyverno/values.yaml',
  externalDns: 'charts/external-dns/values.yaml',
  certManager: 'charts/cert-manager/values.yaml',
  longhorn: 'charts/longhorn/values.yaml',
  ingress: 'charts/ingress-nginx/values.yaml',
};
const LONGHORN_CHART = 'dist/dev/storage/longhorn/helmchart.kube-system.longhorn.yaml';
const INGRESS_CHART = 'dist/dev/ingress/ingress-nginx/helmchart.kube-system.ingress-nginx.yaml';

/** Refused when clusters/dev.yaml is read (one per run: a config error stops everything else). */
export const configPlants: Plant[] = [
  { name: 'git.repo with user:password', input: 'clusters/dev.yaml', edit: replaceLine(/repo: https:\/\/gitlab/, 'repo: https://deploy:Sup3rS3cretPw@gitlab'), secret: 'Sup3rS3cretPw', where: 'clusters/dev.yaml: git.repo' },
  { name: 'git.repo with a token as user', input: 'clusters/dev.yaml', edit: replaceLine(/repo: https:\/\/gitlab/, `repo: https://${GITLAB_TOKEN}@gitlab`), secret: GITLAB_TOKEN, where: 'clusters/dev.yaml: git.repo' },
  { name: 'git.repo over ssh with a password', input: 'clusters/dev.yaml', edit: replaceLine(/repo: https:\/\/gitlab\.example\.com/, 'repo: ssh://git:Hunt3rTwoPw@gitlab.example.com'), secret: 'Hunt3rTwoPw', where: 'clusters/dev.yaml: git.repo' },
];

/** Refused while charts/ is read (the catalog stops at the first bad entry). */
export const chartPlants: Plant[] = [
  { name: 'chart repo with user:password', input: 'charts/loki/chart.yaml', edit: replaceLine(/repo: https:\/\//, 'repo: https://reader:Ch4rtRep0Pw@'), secret: 'Ch4rtRep0Pw', where: 'charts/loki/chart.yaml: repo' },
  { name: 'OCI chart repo with a robot password', input: 'charts/cert-manager/chart.yaml', edit: replaceLine(/repo: \S+/, 'repo: oci://robot$ci:Xk9mP2vL7qR4wN8z@registry.example.com/charts'), secret: 'Xk9mP2vL7qR4wN8z', where: 'charts/cert-manager/chart.yaml: repo' },
  { name: 'chart repo with a GitHub token as user', input: 'charts/alloy/chart.yaml', edit: replaceLine(/repo: https:\/\//, `repo: https://${GITHUB_TOKEN}@`), secret: GITHUB_TOKEN, where: 'charts/alloy/chart.yaml: repo' },
  { name: 'a GitHub token as a chart name (refused as no chart name, never echoed)', input: 'charts/loki/chart.yaml', edit: replaceLine(/^chart: \S+/m, `chart: ${GITHUB_TOKEN.replace('R4n', 'Ch4')}`), secret: GITHUB_TOKEN.replace('R4n', 'Ch4'), where: 'charts/loki/chart.yaml: chart' },
  { name: 'a custom tag in a values file (refused by the strict values parser)', input: VALUES.kyverno, edit: append(`vaultToken: !vault ${SLACK_BOT.replace('xoxb', 'xoxp')}`), secret: SLACK_BOT.replace('xoxb', 'xoxp'), where: `${VALUES.kyverno}: line` },
];

/** Refused by the scan of the rendered tree; these can all be planted at once. */
export const renderPlants: Plant[] = [
  // config values that reach rendered files
  { name: 'a GitHub token as git.branch (valid ref name)', input: 'clusters/dev.yaml', edit: replaceLine(/branch: main/, `branch: ${GITHUB_TOKEN.replace('R4n', 'Br4')}`), secret: GITHUB_TOKEN.replace('R4n', 'Br4'), where: 'fleet/dev/gitrepo.yaml: spec.branch' },
  { name: 'an AWS key id as the ACME e-mail local part', input: 'clusters/dev.yaml', edit: replaceLine(/acmeEmail: \S+/, `acmeEmail: ${AWS_KEY_ID}@example.com`), secret: AWS_KEY_ID, where: 'dist/dev/certs-dns/cluster-issuers/clusterissuer.letsencrypt-prod.yaml: spec.acme.email' },
  // plain values under credential keys
  { name: 'a 31-character random password as grafana.adminPassword', input: VALUES.kps, edit: replaceLine(/^grafana:\n/m, `grafana:\n  adminPassword: "${RANDOM_31}"\n`), secret: RANDOM_31, where: `${VALUES.kps}: grafana.adminPassword` },
  { name: 'a dictionary password', input: VALUES.loki, edit: append('minio:\n  rootPassword: hunter2'), secret: 'hunter2', where: `${VALUES.loki}: minio.rootPassword` },
  { name: '40 lowercase hex characters as a token', input: VALUES.alloy, edit: append(`remoteWrite:\n  token: ${HEX_40}`), secret: HEX_40, where: `${VALUES.alloy}: remoteWrite.token` },
  { name: '32 lowercase hex characters as secretKey', input: VALUES.trivy, edit: append(`s3:\n  secretKey: "${HEX_32}"`), secret: HEX_32, where: `${VALUES.trivy}: s3.secretKey` },
  { name: 'a numeric password', input: VALUES.externalDns, edit: append('smtp:\n  password: 73519024'), secret: '73519024', where: `${VALUES.externalDns}: smtp.password` },
  { name: 'an apiKey in snake case', input: VALUES.certManager, edit: append('webhook_config:\n  api_key: plainApiKeyValue'), secret: 'plainApiKeyValue', where: `${VALUES.certManager}: webhook_config.api_key` },
  { name: 'a clientSecret deep in nested values', input: VALUES.kps, edit: append('oauth:\n  providers:\n    - github:\n        settings:\n          clientSecret: k1ndaS3cr3tClientValue'), secret: 'k1ndaS3cr3tClientValue', where: `${VALUES.kps}: oauth.providers[0].github.settings.clientSecret` },
  { name: 'a credential key in an RKE2 HelmChart (valuesContent)', input: VALUES.longhorn, edit: append('privateRegistry:\n  registryPasswd: Lh0rnRegistry!'), secret: 'Lh0rnRegistry!', where: `${LONGHORN_CHART}: spec.valuesContent>privateRegistry.registryPasswd` },
  { name: 'an env var named like a token', input: VALUES.alloy, edit: append(`extraEnv:\n  - name: GRAFANA_CLOUD_API_TOKEN\n    value: glc_${HEX_32.slice(0, 20)}`), secret: `glc_${HEX_32.slice(0, 20)}`, where: `${VALUES.alloy}: extraEnv[0].value` },
  // plain values under neutral keys: caught by their shape
  { name: 'an AWS secret access key (contains /)', input: VALUES.loki, edit: append(`blob:\n  material: ${AWS_SECRET}`), secret: AWS_SECRET, where: `${VALUES.loki}: blob.material` },
  { name: 'an AWS access key id', input: VALUES.trivy, edit: append(`cloud:\n  id: ${AWS_KEY_ID.replace('2E0', '7Q1')}`), secret: AWS_KEY_ID.replace('2E0', '7Q1'), where: `${VALUES.trivy}: cloud.id` },
  { name: 'an Azure storage connection string', input: VALUES.externalDns, edit: append(`storage:\n  connection: "DefaultEndpointsProtocol=https;AccountName=platform;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net"`), secret: AZURE_KEY, where: `${VALUES.externalDns}: storage.connection` },
  { name: 'an Azure storage key alone (contains / and +)', input: VALUES.certManager, edit: append(`blobStore:\n  material: "${AZURE_KEY.replace('Eby8', 'Qz7+')}"`), secret: AZURE_KEY.replace('Eby8', 'Qz7+'), where: `${VALUES.certManager}: blobStore.material` },
  { name: 'a Slack webhook URL', input: VALUES.kps, edit: replaceLine(/^alertmanager:\n/m, `alertmanager:\n  slackApiUrl: ${SLACK_WEBHOOK}\n`), secret: SLACK_WEBHOOK, where: `${VALUES.kps}: alertmanager.slackApiUrl` },
  { name: 'a Slack bot token', input: VALUES.kyverno, edit: append(`notifier:\n  slack: ${SLACK_BOT}`), secret: SLACK_BOT, where: `${VALUES.kyverno}: notifier.slack` },
  { name: 'a GitLab token', input: VALUES.loki, edit: append(`ruler:\n  gitSource: ${GITLAB_TOKEN.replace('Zq8', 'Yp7')}`), secret: GITLAB_TOKEN.replace('Zq8', 'Yp7'), where: `${VALUES.loki}: ruler.gitSource` },
  { name: 'a JSON Web Token', input: VALUES.trivy, edit: append(`webhook:\n  headerValue: ${JWT}`), secret: JWT, where: `${VALUES.trivy}: webhook.headerValue` },
  { name: 'a Google API key', input: VALUES.alloy, edit: append(`maps:\n  key: ${GOOGLE_KEY}`), secret: GOOGLE_KEY, where: `${VALUES.alloy}: maps.key` },
  { name: 'an npm token', input: VALUES.kyverno, edit: append(`registry:\n  npm: ${NPM_TOKEN}`), secret: NPM_TOKEN, where: `${VALUES.kyverno}: registry.npm` },
  { name: 'a Basic authorization header value', input: VALUES.externalDns, edit: append('proxy:\n  header: "Basic YWRtaW46UHJveHlQYXNzMjAyNg=="'), secret: 'YWRtaW46UHJveHlQYXNzMjAyNg==', where: `${VALUES.externalDns}: proxy.header` },
  { name: 'a bearer token header value', input: VALUES.certManager, edit: append(`probe:\n  header: "Bearer ${HEX_40.slice(0, 24)}Zz9"`), secret: `${HEX_40.slice(0, 24)}Zz9`, where: `${VALUES.certManager}: probe.header` },
  { name: 'base64 user:password in a dockerconfigjson string', input: VALUES.kps, edit: append('registryConfig: \'{"auths":{"registry.example.com":{"auth":"cm9ib3Q6czNjcjN0UmVnUGFzcw=="}}}\''), secret: 'cm9ib3Q6czNjcjN0UmVnUGFzcw==', where: `${VALUES.kps}: registryConfig>auths["registry.example.com"].auth` },
  { name: 'a URL with user:password in a value', input: VALUES.loki, edit: append('objectStore:\n  endpoint: https://admin:Adm1nPassw0rd@minio.example.com:9000'), secret: 'Adm1nPassw0rd', where: `${VALUES.loki}: objectStore.endpoint` },
  { name: 'a database connection string with a password', input: VALUES.trivy, edit: append('database:\n  dsn: postgres://trivy:Pg_Pa55w0rd@db.example.com:5432/trivy'), secret: 'Pg_Pa55w0rd', where: `${VALUES.trivy}: database.dsn` },
  { name: 'a PEM private key', input: VALUES.externalDns, edit: append(`tls:\n  key: |\n    ${PEM}\n    MIIEowIBAAKCAQEAx4fR\n    -----END RSA PRIVATE KEY-----`), secret: 'MIIEowIBAAKCAQEAx4fR', where: `${VALUES.externalDns}: tls.key` },
  { name: 'a password in an RKE2 HelmChart value with a random shape', input: VALUES.ingress, edit: append('defaultBackend:\n  extraArgs:\n    upstream-secret: "Zp4#Lw9!Qm2$Xr7&Kc5"'), secret: 'Zp4#Lw9!Qm2$Xr7&Kc5', where: `${INGRESS_CHART}: spec.valuesContent>defaultBackend.extraArgs.upstream-secret` },
  // comments, keys and tags: only the bytes show them
  { name: 'a password in a comment', input: VALUES.kps, edit: append('# old admin password: W1nter2026Passw0rd!'), secret: 'W1nter2026Passw0rd!', where: `${VALUES.kps}: line` },
  { name: 'an AWS access key id in a comment', input: VALUES.loki, edit: append('# rotated key AKIAQX7R2M9P4L6N8K3J, do not reuse'), secret: 'AKIAQX7R2M9P4L6N8K3J', where: `${VALUES.loki}: line` },
  { name: 'a URL with a token in a comment', input: VALUES.certManager, edit: append('# mirror: https://ci:Gl0balT0kenValue@git.example.com/mirror.git'), secret: 'Gl0balT0kenValue', where: `${VALUES.certManager}: line` },
  { name: 'an AWS access key id as a mapping key', input: VALUES.alloy, edit: append('allowedKeys:\n  AKIAJ3N5B7V9C1X2Z4L6: true'), secret: 'AKIAJ3N5B7V9C1X2Z4L6', where: `${VALUES.alloy}: allowedKeys.<key 1>` },
  { name: 'a random password as a mapping key', input: VALUES.trivy, edit: append('users:\n  "Xk9#mP2$vL7qR4wN8zT1": enabled'), secret: 'Xk9#mP2$vL7qR4wN8zT1', where: `${VALUES.trivy}: users.<key 1>` },
  { name: 'base64 user:password behind !!binary', input: VALUES.kyverno, edit: append('pullAuth: !!binary YWRtaW46U3VwM3JTM2NyM3RCaW4='), secret: 'YWRtaW46U3VwM3JTM2NyM3RCaW4=', where: `${VALUES.kyverno}: pullAuth` },
  { name: 'a GitHub token behind !!binary', input: VALUES.certManager, edit: append(`blob: !!binary ${Buffer.from('ghp_B1n4ryT0k3nH1dd3nB3h1ndTagXyZ12345678').toString('base64')}`), secret: Buffer.from('ghp_B1n4ryT0k3nH1dd3nB3h1ndTagXyZ12345678').toString('base64'), where: `${VALUES.certManager}: blob` },
  { name: 'a Slack token in a comment of an RKE2 chart\'s values (inside valuesContent)', input: VALUES.longhorn, edit: append(`# alerts went to ${SLACK_BOT.replace('xoxb-27', 'xoxb-91')}`), secret: SLACK_BOT.replace('xoxb-27', 'xoxb-91'), where: `${LONGHORN_CHART}: spec.valuesContent` },
  // whole objects in chart values
  { name: 'a Secret in extraObjects', input: VALUES.loki, edit: append('extraObjects:\n  - apiVersion: v1\n    kind: Secret\n    metadata:\n      name: s3\n    stringData:\n      accessKey: minio'), secret: 'accessKey: minio', where: `${VALUES.loki}: extraObjects[0].stringData` },
  { name: 'a Secret with mis-cased Data in an extraObjects template string', input: VALUES.kps, edit: append('extraManifests:\n  - |\n    apiVersion: v1\n    kind: Secret\n    metadata:\n      name: smtp\n    Data:\n      relay: c210cC1yZWxheQ=='), secret: 'c210cC1yZWxheQ==', where: `${VALUES.kps}: extraManifests[0]>Data` },
  { name: 'a Secret inside a v1 List', input: VALUES.alloy, edit: append('extraObjects:\n  - apiVersion: v1\n    kind: List\n    items:\n      - apiVersion: v1\n        kind: Secret\n        metadata:\n          name: listed\n        data:\n          k: dmFsdWU='), secret: 'dmFsdWU=', where: `${VALUES.alloy}: extraObjects[0].items[0].data` },
  { name: 'a ConfigMap with stringData', input: VALUES.trivy, edit: append('extraObjects:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: creds\n    stringData:\n      dbUrl: postgres-main'), secret: 'postgres-main', where: `${VALUES.trivy}: extraObjects[0].stringData` },
];

export const objectPlants: Array<{ name: string; object: Record<string, unknown>; secret: string; where: string }> = [
  { name: 'a Secret with data from phase code', object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'default' }, data: { password: 'cGhhc2VQYXNz' } }, secret: 'cGhhc2VQYXNz', where: 'dist/dev/apps/leaky/secret.default.db.yaml: data' },
  { name: 'a ConfigMap with a DB_PASSWORD literal from phase code', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app', namespace: 'default' }, data: { DB_PASSWORD: 'Ph4seC0dePw' } }, secret: 'Ph4seC0dePw', where: 'dist/dev/apps/leaky/configmap.default.app.yaml: data.DB_PASSWORD' },
  { name: 'a Deployment env var with a literal token from phase code', object: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27', env: [{ name: 'SLACK_TOKEN', value: 'plain-env-literal-1' }] }] } } } }, secret: 'plain-env-literal-1', where: 'dist/dev/apps/leaky/deployment.default.web.yaml: spec.template.spec.containers[0].env[0].value' },
  { name: 'an Ingress annotation with a Basic auth header from phase code', object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'default', annotations: { 'nginx.ingress.kubernetes.io/configuration-snippet': 'proxy_set_header Authorization "Basic dXBzdHJlYW06UGhhc2VCYXNpYw==";' } } }, secret: 'dXBzdHJlYW06UGhhc2VCYXNpYw==', where: 'dist/dev/apps/leaky/ingress.default.web.yaml: metadata.annotations["nginx.ingress.kubernetes.io/configuration-snippet"]' },
];

/** Credentials written into the allow-list itself. */
export const allowListPlants: Plant[] = [
  { name: 'a token in an allow-list reason', input: 'secrets-allowlist.txt', edit: () => `dist/x/y.yaml#a.b sha256:${'0'.repeat(64)}  # was ${GITHUB_TOKEN.replace('R4nd', 'Al0w')}\n`, secret: GITHUB_TOKEN.replace('R4nd', 'Al0w'), where: 'secrets-allowlist.txt: line 1' },
  { name: 'the value itself instead of its fingerprint', input: 'secrets-allowlist.txt', edit: () => `dist/x/y.yaml#grafana.adminPassword ${RANDOM_31.replace('Tr0', 'Al1')}  # default\n`, secret: RANDOM_31.replace('Tr0', 'Al1'), where: 'secrets-allowlist.txt: line 1' },
];

export const allPlants = [...configPlants, ...chartPlants, ...renderPlants, ...allowListPlants];

