/**
 * Rules shared by the render checks (on the model, before writing) and the
 * Fleet lint (on the written files): one definition, so the two cannot drift.
 */

/** An exact chart version (semver, optional leading v); never a range. */
export const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/** The first dependency cycle among `nodes`, as the path that closes it (first node repeated at the end). */
export function findCycle<T>(nodes: Iterable<T>, next: (node: T) => Iterable<T>): T[] | undefined {
  const state = new Map<T, 'visiting' | 'done'>();
  const stack: T[] = [];
  const visit = (node: T): T[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'visiting') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'visiting');
    stack.push(node);
    for (const following of next(node)) {
      const cycle = visit(following);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of nodes) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return undefined;
}

interface TypedObject {
  apiVersion?: unknown;
  kind?: unknown;
  spec?: unknown;
}

/**
 * Objects whose kind is defined by a CRD in the same set. Fleet applies a
 * bundle in one go, so such an object fails with "no matches for kind".
 */
export function resourcesBesideTheirCrd<T extends TypedObject>(objects: readonly T[]): T[] {
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
