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
