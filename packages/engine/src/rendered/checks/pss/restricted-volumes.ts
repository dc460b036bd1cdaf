import { isPlainObject } from '../../objects.js';
import { HOST_PATH_VOLUMES_ID } from './host-path-volumes.js';
import { ALLOWED, type PolicyCheck } from './policy.js';
import { joinQuote, list, pluralize, present, sortedSet, text } from './pod.js';

/** Inline volume sources restricted allows (policy/check_restrictedVolumes.go: the `continue` branch). */
export const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret'] as const;

/** Every other VolumeSource field, in the order upstream names the first one set. */
export const RESTRICTED_VOLUME_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'gitRepo',
  'nfs',
  'iscsi',
  'glusterfs',
  'rbd',
  'flexVolume',
  'cinder',
  'cephfs',
  'flocker',
  'fc',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
] as const;

/**
 * Restricted: inline volumes only of the allowed types; replaces the
 * baseline hostPath check (policy/check_restrictedVolumes.go, since 1.0). A
 * volume naming no source at all is defaulted to emptyDir before admission
 * (pkg/apis/core/v1/defaults.go, SetDefaults_Volume), so it passes; a source
 * field the API does not know is dropped on decoding, so it counts as none.
 */
export const restrictedVolumes: PolicyCheck = {
  id: 'restrictedVolumes',
  level: 'restricted',
  versions: [
    {
      minimumVersion: 0,
      overrides: [HOST_PATH_VOLUMES_ID],
      checkPod: ({ spec }) => {
        const bad: string[] = [];
        const types: string[] = [];
        for (const volume of list(spec, 'volumes')) {
          if (!isPlainObject(volume) || ALLOWED_VOLUME_SOURCES.some((source) => present(volume, source))) continue;
          const type = RESTRICTED_VOLUME_SOURCES.find((source) => present(volume, source));
          if (!type) continue;
          bad.push(text(volume, 'name'));
          types.push(type);
        }
        const sorted = sortedSet(types);
        return bad.length === 0
          ? ALLOWED
          : { allowed: false, reason: 'restricted volume types', detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('restricted volume type', 'restricted volume types', sorted.length)} ${joinQuote(sorted)}` };
      },
    },
  ],
};
