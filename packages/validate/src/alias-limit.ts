/**
 * How far a parsed document's aliases expand it. js-yaml shares an aliased
 * node by reference, so parsing a "billion laughs" document is quick, but
 * everything that walks the value afterwards (null pruning, ajv) would visit
 * every expanded copy and never finish.
 *
 * The rule is go-yaml's, which Kubernetes tooling and kubeconform read YAML
 * with (gopkg.in/yaml.v2 decode.go, allowedAliasRatio and the "document
 * contains excessive aliasing" check): up to 400,000 decoded values nearly
 * any share may come from aliases (99%); from there the allowed share falls
 * linearly to 10% at 4,000,000 values. Counting is memoised per shared node,
 * so it is linear in the document's own size however far it would expand.
 */
export function excessiveAliasing(value: unknown): { expanded: number } | undefined {
  const sizes = new Map<object, number>();
  let unique = 0;
  const size = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) return known;
    sizes.set(node, 1); // a cycle (not producible by js-yaml) counts once
    // Values read once: this node and its scalars, the first time the node is met.
    unique += 1;
    let total = 1;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child === null || typeof child !== 'object') unique += 1;
      total += size(child);
    }
    sizes.set(node, total);
    return total;
  };
  const expanded = size(value);
  if (expanded <= 400_000) return undefined;
  // Values reached a second time or more came through an alias.
  const aliased = expanded - unique;
  const ratio = expanded >= 4_000_000 ? 0.1 : 0.99 - (0.89 * (expanded - 400_000)) / 3_600_000;
  return aliased / expanded > ratio ? { expanded } : undefined;
}
