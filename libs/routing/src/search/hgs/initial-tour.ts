import { Random } from '../../random';
import { HgsData } from './hgs-data';

/**
 * A randomised nearest-neighbour giant tour: start at a random client, then repeatedly go to one of
 * the (up to) three nearest unvisited granular neighbours, chosen at random, falling back to the
 * nearest unvisited client. Local search from such a tour is far cheaper than from a random one,
 * which matters for large instances under short time limits; the random choices keep diversity.
 */
export function nearestNeighbourTour(data: HgsData, random: Random, tour: Int32Array, visited: Uint8Array): void {
  const { n, neighbours, arcCost, stride } = data;
  visited.fill(0);
  let current = 1 + random.nextInt(n);
  const candidates = new Int32Array(3);
  for (let k = 0; k < n; k++) {
    tour[k] = current;
    visited[current] = 1;
    if (k === n - 1) break;
    let found = 0;
    // neighbours are not sorted during a run (local search shuffles them), so pick by cost
    const list = neighbours[current];
    for (let i = 0; i < list.length; i++) {
      const c = list[i];
      if (visited[c]) continue;
      if (found < 3) candidates[found++] = c;
      else {
        let worst = 0;
        for (let j = 1; j < 3; j++) if (arcCost[current * stride + candidates[j]] > arcCost[current * stride + candidates[worst]]) worst = j;
        if (arcCost[current * stride + c] < arcCost[current * stride + candidates[worst]]) candidates[worst] = c;
      }
    }
    if (found > 0) {
      current = candidates[random.nextInt(found)];
      continue;
    }
    let best = -1;
    for (let c = 1; c <= n; c++) {
      if (!visited[c] && (best < 0 || arcCost[current * stride + c] < arcCost[current * stride + best])) best = c;
    }
    current = best;
  }
}
