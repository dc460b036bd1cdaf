import { isPlainObject } from '../../objects.js';
import { ALLOWED, type PolicyCheck } from './policy.js';
import { joinQuote, list, pluralize, present, text } from './pod.js';

export const HOST_PATH_VOLUMES_ID = 'hostPathVolumes';

/** Baseline: no hostPath volume (policy/check_hostPathVolumes.go, since 1.0). */
export const hostPathVolumes: PolicyCheck = {
  id: HOST_PATH_VOLUMES_ID,
  level: 'baseline',
  versions: [
    {
      minimumVersion: 0,
      checkPod: ({ spec }) => {
        const bad = list(spec, 'volumes')
          .filter((volume) => isPlainObject(volume) && present(volume, 'hostPath'))
          .map((volume) => text(volume, 'name'));
        return bad.length === 0 ? ALLOWED : { allowed: false, reason: 'hostPath volumes', detail: `${pluralize('volume', 'volumes', bad.length)} ${joinQuote(bad)}` };
      },
    },
  ],
};
