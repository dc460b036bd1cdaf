/**
 * @platform/helm: the pinned Helm 3 binary, `helm template` with the values
 * Fleet and RKE2's helm-controller pass, and Helm's kubeVersion semantics.
 */
export { HelmUnavailableError, resolveHelm, type HelmBinary } from './binary.js';
export { chartVersionSatisfies, checkKubeVersion, helmKubeVersion, SEMVER_OF, type KubeVersionCheck, type MastermindsVersion } from './kube-version.js';
export { HELM_OVERRIDE_VARIABLE, PINNED_HELM } from './pin.js';
export { HelmTemplateError, type HelmTemplateErrorKind } from './template/errors.js';
export { helmTemplate, type HelmTemplateOptions, type HelmTemplateResult } from './template/helm-template.js';
export { isCrdsDirSource } from './template/parse-output.js';
export { helmTemplateAll, type HelmTemplateOutcome } from './template/pool.js';
export { describeObject, type RenderedObject } from './template/rendered.js';
export type { FleetValues } from './values/fleet.js';
export { helmControllerRelease, type HelmControllerValues } from './values/helm-controller.js';
