/** Offline Kubernetes manifest validation: kubeconform semantics, on ajv. */
export { validate, ValidationRun, normalizeKubernetesVersion, SUPPORTED_KUBERNETES_VERSIONS, UnsupportedKubernetesVersionError } from './validator.js';
/** Kubernetes minors (`'1.31'`) this validator serves; the cluster config accepts exactly these. */
export { SUPPORTED_KUBERNETES_VERSIONS as SERVED_KUBERNETES_VERSIONS } from './validator.js';
export { formatReport, summaryLine, OUTPUT_FORMATS, type OutputFormat } from './output.js';
export { runValidateCommand, HELP as VALIDATE_HELP, type CommandIo } from './command.js';
export { CUSTOM_RESOURCES, FLEET_YAML_SCHEMA, isFleetYamlPath } from './registry.js';
export type { KubeSchema } from './schema-types.js';
export type {
  FileResult,
  ResourceResult,
  ResourceStatus,
  ValidateOptions,
  ValidationError,
  ValidationInput,
  ValidationReport,
  ValidationSummary,
} from './types.js';
export { closest, editDistance } from './did-you-mean.js';
export { loadAddedSchemas } from './added-schemas.js';
