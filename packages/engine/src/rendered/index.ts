/**
 * What every cluster would receive, compared and checked: the model
 * (model.ts), the diff of two rendered trees (diff/), its formats (format/)
 * and the checks over rendered objects (checks/). Pure functions over data:
 * no paths, no processes; see README.md.
 */
export type { BundleKind, ChartVersion, HelmRelease, ObjectSource, RenderedBundle, RenderedCluster, RenderedObject, RenderedTree } from './model.js';
export { compareKeys, displayKey, groupOf, keyOf, type ObjectKey } from './identity.js';
export { expandDocument } from './objects.js';
export { diffRendered, type DiffOptions } from './diff/diff-rendered.js';
export { REDACTED, REDACTED_CHANGED, isSecret, type SecretFieldChange } from './diff/redact.js';
export {
  RENDERED_DIFF_FORMAT,
  type BundleChange,
  type ChangeStatus,
  type ClusterChange,
  type DiffTotals,
  type ObjectChange,
  type ObjectCounts,
  type ObjectMove,
  type ReleaseChanges,
  type ReleaseOnOneSide,
  type ReleaseReinstall,
  type ReleaseUpgrade,
  type RenderedDiff,
  type Sides,
} from './diff/result.js';
export { renderDiffText } from './format/text.js';
export { renderDiffJson } from './format/json.js';
export { renderDiffMarkdown, GITLAB_NOTE_LIMIT, type MarkdownOptions } from './format/markdown.js';
export { checkImageTags, imageReference, IMAGE_TAG_RULE } from './checks/image-tags.js';
export { checkCrdsDir, CRDS_DIR_RULE } from './checks/crds-dir.js';
export { checkPodSecurity, namespaceLevels, ENFORCE_LABEL, POD_SECURITY_RULE, type NamespaceLevels, type PodSecurityOptions } from './checks/pod-security.js';
export { evaluatePod, strictestPassingLevel, policyMinor, type PolicyFailure } from './checks/pss/registry.js';
