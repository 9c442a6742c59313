import { ProfileWeights } from './profile-weights';
import { RoadGraph } from './road-graph';

export interface StronglyConnectedComponents {
  /** Component id of each vertex, 0 .. componentCount-1. */
  componentOf: Int32Array;
  componentCount: number;
  componentSize: Int32Array;
  /** Id of a component of the largest size (the lowest such id). */
  largestComponent: number;
}

/**
 * Tarjan's algorithm with an explicit stack (a county graph is deep enough to overflow recursion).
 * With `weights`, arcs the vehicle class may not drive are ignored.
 */
export function stronglyConnectedComponents(graph: RoadGraph, weights?: ProfileWeights): StronglyConnectedComponents {
  const n = graph.vertexCount;
  const { arcOffset, arcHead } = graph;
  const blocked = weights?.searchKey;
  const order = new Int32Array(n).fill(-1); // discovery index, -1 = not visited
  const lowLink = new Int32Array(n);
  const componentOf = new Int32Array(n).fill(-1);
  const nextArc = new Int32Array(n);
  const tarjanStack = new Int32Array(n);
  const callStack = new Int32Array(n);
  let tarjanTop = 0;
  let counter = 0;
  let componentCount = 0;
  const sizes: number[] = [];

  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    let callTop = 0;
    callStack[callTop++] = root;
    order[root] = lowLink[root] = counter++;
    nextArc[root] = arcOffset[root];
    tarjanStack[tarjanTop++] = root;

    while (callTop > 0) {
      const vertex = callStack[callTop - 1];
      const arc = nextArc[vertex];
      if (arc < arcOffset[vertex + 1]) {
        nextArc[vertex] = arc + 1;
        if (blocked !== undefined && blocked[arc] === Infinity) continue;
        const head = arcHead[arc];
        if (order[head] === -1) {
          order[head] = lowLink[head] = counter++;
          nextArc[head] = arcOffset[head];
          tarjanStack[tarjanTop++] = head;
          callStack[callTop++] = head;
        } else if (componentOf[head] === -1 && order[head] < lowLink[vertex]) {
          lowLink[vertex] = order[head]; // head is still on the Tarjan stack
        }
        continue;
      }
      callTop--;
      if (callTop > 0) {
        const parent = callStack[callTop - 1];
        if (lowLink[vertex] < lowLink[parent]) lowLink[parent] = lowLink[vertex];
      }
      if (lowLink[vertex] === order[vertex]) {
        let size = 0;
        let member: number;
        do {
          member = tarjanStack[--tarjanTop];
          componentOf[member] = componentCount;
          size++;
        } while (member !== vertex);
        sizes.push(size);
        componentCount++;
      }
    }
  }

  let largestComponent = 0;
  for (let c = 1; c < componentCount; c++) if (sizes[c] > sizes[largestComponent]) largestComponent = c;
  return { componentOf, componentCount, componentSize: Int32Array.from(sizes), largestComponent };
}
