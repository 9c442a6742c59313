import { SolverInternalError } from '../../model/problem';

/**
 * Splits each satellite's load among the trucks allowed to visit it: a max-flow on
 * source → truck (capacity) → satellite (if the truck may visit it) → sink (load).
 * Returns `quantities[truck][satellite]`. The caller has checked feasibility (Hall's condition), so
 * a flow short of the total load is a bug. Graphs are tiny (trucks + satellites), so a plain
 * breadth-first augmenting-path search is enough.
 */
export function splitDeliveries(routeSatellites: readonly number[][], loads: ArrayLike<number>, satelliteCount: number, truckCapacity: number): number[][] {
  const trucks = routeSatellites.length;
  const size = trucks + satelliteCount + 2;
  const source = size - 2;
  const sink = size - 1;
  const capacity = new Float64Array(size * size);
  let needed = 0;
  routeSatellites.forEach((satellites, r) => {
    capacity[source * size + r] = truckCapacity;
    for (const s of satellites) capacity[r * size + trucks + s] = Infinity;
  });
  for (let s = 0; s < satelliteCount; s++) {
    capacity[(trucks + s) * size + sink] = loads[s];
    needed += loads[s];
  }
  const flow = new Float64Array(size * size);
  const parent = new Int32Array(size);
  let total = 0;
  for (;;) {
    parent.fill(-1);
    parent[source] = source;
    const queue = [source];
    for (let head = 0; head < queue.length && parent[sink] < 0; head++) {
      const u = queue[head];
      for (let v = 0; v < size; v++) {
        if (parent[v] < 0 && capacity[u * size + v] - flow[u * size + v] > 0) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[sink] < 0) break;
    let push = Infinity;
    for (let v = sink; v !== source; v = parent[v]) push = Math.min(push, capacity[parent[v] * size + v] - flow[parent[v] * size + v]);
    for (let v = sink; v !== source; v = parent[v]) {
      flow[parent[v] * size + v] += push;
      flow[v * size + parent[v]] -= push;
    }
    total += push;
  }
  if (total !== needed) throw new SolverInternalError(`first-level split delivers ${total} of ${needed}`);
  return routeSatellites.map((_, r) => {
    const row: number[] = [];
    for (let s = 0; s < satelliteCount; s++) row.push(Math.max(0, flow[r * size + trucks + s]));
    return row;
  });
}
