import type { KubeSchema } from '../schema-types.js';
import {
  anything,
  boolean,
  core,
  int32,
  labelSelector,
  listOf,
  mapOf,
  object,
  oneOfStrings,
  string,
  stringList,
  stringMap,
} from './builders.js';

/**
 * kyverno.io/v1 ClusterPolicy for Kyverno 1.16 (api/kyverno/v1 at v1.16.4).
 * Modelled closely: the spec, rules, match/exclude, context, preconditions'
 * conditions and validate (including foreach, podSecurity and cel). Free-form
 * where Kyverno itself takes arbitrary JSON (patterns, conditions given as a
 * plain list, deny conditions) and, more loosely, in mutate, generate and
 * verifyImages, whose top-level keys are still checked except verifyImages.
 */

const failureAction = oneOfStrings('Audit', 'Enforce');
/** The spec-level action still accepts the old lower-case spellings. */
const legacyFailureAction = oneOfStrings('audit', 'enforce', 'Audit', 'Enforce');

const conditionOperator = oneOfStrings(
  'Equals',
  'NotEquals',
  'In',
  'AnyIn',
  'AllIn',
  'NotIn',
  'AnyNotIn',
  'AllNotIn',
  'GreaterThanOrEquals',
  'GreaterThan',
  'LessThanOrEquals',
  'LessThan',
  'DurationGreaterThanOrEquals',
  'DurationGreaterThan',
  'DurationLessThanOrEquals',
  'DurationLessThan',
);

const condition = object({ key: anything, operator: conditionOperator, value: anything, message: string });

/**
 * AnyAllConditions as the CRD declares it: typed `any`/`all` lists, other
 * keys preserved (Kyverno also accepts a bare list, handled by `anything`).
 */
const anyAllConditions: KubeSchema = {
  type: 'object',
  properties: { any: listOf(condition), all: listOf(condition) },
  'x-kubernetes-preserve-unknown-fields': true,
};

const contextEntry = object(
  {
    name: string,
    configMap: object({ name: string, namespace: string }, { required: ['name'] }),
    apiCall: object({
      urlPath: string,
      method: oneOfStrings('GET', 'POST'),
      data: listOf(object({ key: string, value: anything }, { required: ['key', 'value'] })),
      service: object(
        {
          url: string,
          headers: listOf(object({ key: string, value: string }, { required: ['key', 'value'] })),
          caBundle: string,
        },
        { required: ['url'] },
      ),
      default: anything,
      jmesPath: string,
    }),
    imageRegistry: object(
      {
        reference: string,
        jmesPath: string,
        imageRegistryCredentials: object({
          allowInsecureRegistry: boolean,
          providers: listOf(oneOfStrings('default', 'amazon', 'azure', 'google', 'github')),
          secrets: stringList,
        }),
      },
      { required: ['reference'] },
    ),
    variable: object({ value: anything, jmesPath: string, default: anything }),
    globalReference: object({ name: string, jmesPath: string }, { required: ['name'] }),
  },
  { required: ['name'] },
);

const resourceDescription = object({
  kinds: stringList,
  name: string,
  names: stringList,
  namespaces: stringList,
  annotations: stringMap,
  selector: labelSelector,
  namespaceSelector: labelSelector,
  operations: listOf(oneOfStrings('CREATE', 'CONNECT', 'UPDATE', 'DELETE')),
});

const userInfo = {
  roles: stringList,
  clusterRoles: stringList,
  subjects: listOf(core('io.k8s.api.rbac.v1.Subject')),
};

/** ResourceFilter: UserInfo inlined plus `resources`. */
const resourceFilter = object({ ...userInfo, resources: resourceDescription });

/** MatchResources: `any`/`all` filters, or the older inline form. */
const matchResources = object({
  any: listOf(resourceFilter),
  all: listOf(resourceFilter),
  ...userInfo,
  resources: resourceDescription,
});

const failureActionOverride = object({
  action: legacyFailureAction,
  namespaces: stringList,
  namespaceSelector: labelSelector,
});

const foreachValidation = object({
  list: string,
  elementScope: boolean,
  context: listOf(contextEntry),
  preconditions: anyAllConditions,
  pattern: anything,
  anyPattern: anything,
  deny: object({ conditions: anything }),
  foreach: anything,
});

const podSecurity = object({
  level: oneOfStrings('privileged', 'baseline', 'restricted'),
  version: oneOfStrings(
    ...['19', '20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '32'].map((minor) => `v1.${minor}`),
    'latest',
  ),
  exclude: listOf(
    object(
      {
        controlName: oneOfStrings(
          'HostProcess',
          'Host Namespaces',
          'Privileged Containers',
          'Capabilities',
          'HostPath Volumes',
          'Host Ports',
          'AppArmor',
          'SELinux',
          '/proc Mount Type',
          'Seccomp',
          'Sysctls',
          'Volume Types',
          'Privilege Escalation',
          'Running as Non-root',
          'Running as Non-root user',
        ),
        images: stringList,
        restrictedField: string,
        values: stringList,
      },
      { required: ['controlName'] },
    ),
  ),
});

const cel = object({
  generate: boolean,
  expressions: listOf(core('io.k8s.api.admissionregistration.v1.Validation')),
  paramKind: core('io.k8s.api.admissionregistration.v1.ParamKind'),
  paramRef: core('io.k8s.api.admissionregistration.v1.ParamRef'),
  auditAnnotations: listOf(core('io.k8s.api.admissionregistration.v1.AuditAnnotation')),
  variables: listOf(core('io.k8s.api.admissionregistration.v1.Variable')),
});

const validate = object({
  failureAction,
  failureActionOverrides: listOf(failureActionOverride),
  allowExistingViolations: boolean,
  message: string,
  manifests: anything,
  foreach: listOf(foreachValidation),
  pattern: anything,
  anyPattern: anything,
  deny: object({ conditions: anything }),
  podSecurity,
  cel,
  assert: anything,
});

const resourceSpec = { apiVersion: string, kind: string, namespace: string, name: string, uid: string };

const mutate = object({
  mutateExistingOnPolicyUpdate: boolean,
  targets: listOf(
    object({ ...resourceSpec, selector: labelSelector, context: listOf(contextEntry), preconditions: anything }),
  ),
  patchStrategicMerge: anything,
  patchesJson6902: string,
  foreach: listOf({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
});

const generate = object({
  generateExisting: boolean,
  synchronize: boolean,
  orphanDownstreamOnPolicyDelete: boolean,
  ...resourceSpec,
  data: anything,
  clone: object({ namespace: string, name: string }),
  cloneList: object({ namespace: string, kinds: stringList, selector: labelSelector }),
  foreach: listOf({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
});

const rule = object(
  {
    name: { type: 'string', maxLength: 63 },
    context: listOf(contextEntry),
    reportProperties: stringMap,
    match: matchResources,
    exclude: matchResources,
    imageExtractors: mapOf(
      listOf(object({ path: string, value: string, name: string, key: string, jmesPath: string }, { required: ['path'] })),
    ),
    preconditions: anything,
    celPreconditions: listOf(core('io.k8s.api.admissionregistration.v1.MatchCondition')),
    mutate,
    validate,
    generate,
    verifyImages: listOf({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
    skipBackgroundRequests: boolean,
  },
  { required: ['name', 'match'] },
);

export const clusterPolicy: KubeSchema = object(
  {
    spec: object({
      rules: listOf(rule),
      applyRules: oneOfStrings('All', 'One'),
      failurePolicy: oneOfStrings('Ignore', 'Fail'),
      validationFailureAction: legacyFailureAction,
      validationFailureActionOverrides: listOf(failureActionOverride),
      emitWarning: boolean,
      admission: boolean,
      background: boolean,
      schemaValidation: boolean,
      webhookTimeoutSeconds: int32,
      mutateExistingOnPolicyUpdate: boolean,
      generateExistingOnPolicyUpdate: boolean,
      generateExisting: boolean,
      useServerSideApply: boolean,
      webhookConfiguration: object({
        failurePolicy: oneOfStrings('Ignore', 'Fail'),
        timeoutSeconds: int32,
        matchConditions: listOf(core('io.k8s.api.admissionregistration.v1.MatchCondition')),
      }),
    }),
    status: anything,
  },
  { required: ['spec'] },
);
