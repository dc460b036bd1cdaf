import type { KubeSchema } from '../schema-types.js';
import { boolean, labelSelector, nullable, object, string } from './builders.js';

/** Types shared by the GitRepo CRD and fleet.yaml in Fleet v0.13.15 (pkg/apis/fleet.cattle.io/v1alpha1). */

/** GitTarget: a GitRepo target, also fleet.yaml `overrideTargets`. */
export const gitTarget: KubeSchema = object({
  name: nullable(string),
  clusterName: nullable(string),
  clusterSelector: nullable(labelSelector),
  clusterGroup: nullable(string),
  clusterGroupSelector: nullable(labelSelector),
});

/** CorrectDrift: re-apply resources that were changed in the cluster. */
export const correctDrift: KubeSchema = object({
  enabled: boolean,
  force: boolean,
  keepFailHistory: boolean,
});
