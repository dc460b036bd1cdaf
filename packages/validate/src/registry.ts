import { coreModel } from './core/model.js';
import type { KubeSchema } from './schema-types.js';
import { clusterIssuer, issuer } from './schemas/cert-manager.js';
import { gitRepo } from './schemas/fleet-gitrepo.js';
import { fleetYaml } from './schemas/fleet-yaml.js';
import { helmChart, helmChartConfig } from './schemas/helm-controller.js';
import { clusterPolicy } from './schemas/kyverno.js';

/**
 * The custom resources the platform emits, keyed `apiVersion kind`, each
 * schema written for the exact upstream version named in its module.
 * Adding a CRD is one line here plus its schema module.
 */
export const CUSTOM_RESOURCES: Readonly<Record<string, KubeSchema>> = {
  'helm.cattle.io/v1 HelmChart': helmChart, // helm-controller v0.16.16 (RKE2 v1.31.14)
  'helm.cattle.io/v1 HelmChartConfig': helmChartConfig, // helm-controller v0.16.16
  'fleet.cattle.io/v1alpha1 GitRepo': gitRepo, // Fleet v0.13.15
  'cert-manager.io/v1 ClusterIssuer': clusterIssuer, // cert-manager v1.19
  'cert-manager.io/v1 Issuer': issuer, // cert-manager v1.19
  'kyverno.io/v1 ClusterPolicy': clusterPolicy, // Kyverno 1.16
};

/** fleet.yaml / fleet.yml is a Fleet bundle descriptor, not a Kubernetes object. */
export const FLEET_YAML_SCHEMA: KubeSchema = fleetYaml;

export function isFleetYamlPath(path: string): boolean {
  return /(^|[\\/])fleet\.ya?ml$/.test(path);
}

export type SchemaEntry =
  | { source: 'core'; definition: string }
  | { source: 'custom'; schema: KubeSchema }
  /** From --crd or --schema-location: already a root schema for ajv; `origin` names the file. */
  | { source: 'added'; schema: Record<string, unknown>; origin: string };

/** Schemas a run adds (--crd, --schema-location), looked up before the built-in ones. */
export interface AddedSchemas {
  lookup(apiVersion: string, kind: string, strict: boolean): SchemaEntry | undefined;
}

/**
 * The schema for an object, or undefined when none is known. Added schemas
 * come first, as kubeconform tries its -schema-location list in order
 * (pkg/validator/validator.go, downloadSchema), so a CRD given on the command
 * line can replace a built-in one.
 */
export function lookupSchema(apiVersion: string, kind: string, kubernetesVersion?: string, added?: AddedSchemas, strict = true): SchemaEntry | undefined {
  const extra = added?.lookup(apiVersion, kind, strict);
  if (extra) return extra;
  const key = `${apiVersion} ${kind}`;
  const custom = CUSTOM_RESOURCES[key];
  if (custom) return { source: 'custom', schema: custom };
  const definition = coreModel(kubernetesVersion).kinds[key];
  return definition ? { source: 'core', definition } : undefined;
}
