import { error, type Finding } from './finding.js';
import type { Rule } from './rule.js';
import type { KubeObject } from './view.js';

/**
 * Objects whose kind is defined by a CRD in the same set. Fleet applies a
 * bundle in one go, so such an object fails with "no matches for kind"
 * until a retry happens to find the CRD established.
 */
export function resourcesBesideTheirCrd<T extends KubeObject>(objects: readonly T[]): T[] {
  const defined = new Set(
    objects
      .filter((object) => object.kind === 'CustomResourceDefinition')
      .map((crd) => {
        const spec = crd.spec as { group?: string; names?: { kind?: string } } | undefined;
        return `${spec?.group}/${spec?.names?.kind}`;
      }),
  );
  return objects.filter((object) => defined.has(`${String(object.apiVersion ?? '').split('/')[0]}/${String(object.kind)}`));
}

export const crdSplit: Rule = {
  id: 'crd-split',
  summary: 'a CRD and the custom resources of its kind are never in one bundle',
  check(view) {
    const findings: Finding[] = [];
    const groups = new Map<string, Array<KubeObject & { file: string }>>();
    // Fleet bundles are directories with a fleet.yaml; RKE2 manifests are applied per bundle directory too.
    for (const { file, object } of view.documents) {
      const dir = file.slice(0, file.lastIndexOf('/'));
      groups.set(dir, [...(groups.get(dir) ?? []), { ...object, file }]);
    }
    for (const [dir, objects] of groups) {
      for (const object of resourcesBesideTheirCrd(objects)) {
        findings.push(error(this.id, object.file, `a ${String(object.kind)} shares bundle ${dir} with its CRD`, { hint: 'move the custom resources to a bundle that depends on this one' }));
      }
    }
    return findings;
  },
};
