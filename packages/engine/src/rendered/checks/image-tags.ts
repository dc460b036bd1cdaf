import type { RenderedTree } from '../model.js';
import type { Finding } from '../../rules/finding.js';
import { everyObject, findingFile, podTemplate, subject } from './places.js';
import { containers } from './pss/pod.js';

export const IMAGE_TAG_RULE = 'image-tag';

/** The tag and digest of an image reference, as the distribution reference grammar splits it: the digest after `@`, the tag after a `:` that follows the last `/`. */
export function imageReference(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
  return { ...(tag !== undefined ? { tag } : {}), ...(at >= 0 ? { digest: image.slice(at + 1) } : {}) };
}

/**
 * Images that float: tag `latest`, or no tag and no digest, which the
 * kubelet pulls as `latest` (kubernetes v1.31 pkg/util/parsers/parsers.go,
 * ParseImageName; pkg/apis/core/v1/defaults.go, SetDefaults_Container makes
 * such an image Always pulled), so a node restart can run other code than
 * the merge request reviewed. A digest pins the content whatever the tag
 * says. Every container of every pod a workload creates is read: init,
 * regular and ephemeral containers.
 */
export function checkImageTags(tree: RenderedTree): Finding[] {
  const findings: Finding[] = [];
  for (const place of everyObject(tree)) {
    const template = podTemplate(place.object);
    if (!template) continue;
    for (const { container, name, field } of containers(template.pod.spec)) {
      const image = container.image;
      if (typeof image !== 'string' || image === '') continue;
      const { tag, digest } = imageReference(image);
      if (digest !== undefined || (tag !== undefined && tag !== 'latest')) continue;
      const path = [template.field, 'spec', field, 'image'].filter(Boolean).join('.');
      findings.push({
        rule: IMAGE_TAG_RULE,
        severity: 'error',
        file: findingFile(place),
        field: path,
        message: `${subject(place)}: container ${JSON.stringify(name)} runs ${JSON.stringify(image)}, ${tag === 'latest' ? 'tagged latest' : 'with no tag (pulled as latest)'}: what runs can change without a merge request`,
        hint: 'pin a version tag or a digest (image@sha256:...) in the chart values',
      });
    }
  }
  return findings;
}
