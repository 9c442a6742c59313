/** Road edges by their end vertex ids. */
export interface VertexPair {
  fromVertex: string;
  toVertex: string;
}

export interface WeakComponents {
  /** Component index of every vertex; components are numbered by decreasing size (0 is the largest). */
  componentOf: Map<string, number>;
  /** Vertices per component. */
  vertexCounts: number[];
}

/**
 * Weakly connected components of the road graph (one-way restrictions ignored): a vehicle may need a
 * detour to leave a one-way stub, but a part that shares no road with the rest is unreachable.
 * Union-find with path halving.
 */
export function weakComponents(edges: readonly VertexPair[]): WeakComponents {
  const indexOf = new Map<string, number>();
  const parent: number[] = [];
  const vertex = (id: string) => {
    let index = indexOf.get(id);
    if (index === undefined) {
      index = parent.length;
      indexOf.set(id, index);
      parent.push(index);
    }
    return index;
  };
  const root = (index: number) => {
    while (parent[index] !== index) {
      parent[index] = parent[parent[index]!]!;
      index = parent[index]!;
    }
    return index;
  };
  for (const edge of edges) {
    const a = root(vertex(edge.fromVertex));
    const b = root(vertex(edge.toVertex));
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const sizeByRoot = new Map<number, number>();
  for (let index = 0; index < parent.length; index++) sizeByRoot.set(root(index), (sizeByRoot.get(root(index)) ?? 0) + 1);
  const roots = [...sizeByRoot.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const componentOfRoot = new Map(roots.map(([rootIndex], component) => [rootIndex, component]));
  const componentOf = new Map<string, number>();
  for (const [id, index] of indexOf) componentOf.set(id, componentOfRoot.get(root(index))!);
  return { componentOf, vertexCounts: roots.map(([, size]) => size) };
}
