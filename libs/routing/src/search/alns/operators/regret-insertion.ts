import { AlnsSolution } from '../alns-solution';
import { InsertionMove, bestInsertion, noInsertion } from '../insertion-evaluator';
import { InsertionOperator, OperatorContext } from './operator-context';

/** Stand-in for "no k-th route" in regret sums: keeps such requests first without overflowing. */
const MISSING_OPTION_COST = 1e15;

/**
 * Regret-k insertion (k = 1 is greedy): repeatedly inserts the request whose cost would grow most
 * if it did not get its best route now, i.e. the largest sum over i < k of (i-th best − best).
 * Higher-priority requests go first. Insertion costs are cached per (request, route) and only the
 * changed route's column is recomputed after each insertion, as in Ropke & Pisinger.
 *
 * Only one empty route per vehicle type is offered (identical empty routes would give identical
 * costs and a zero regret), and none once the solution already uses `context.maxRoutes` routes.
 */
export function regretInsertion(name: string, k: number): InsertionOperator {
  return {
    name,
    insert(solution: AlnsSolution, context: OperatorContext): void {
      insertWithRegret(solution, context, k);
    },
  };
}

export const greedyInsertion = regretInsertion('greedy', 1);
export const regret2Insertion = regretInsertion('regret-2', 2);
export const regret3Insertion = regretInsertion('regret-3', 3);

function insertWithRegret(solution: AlnsSolution, context: OperatorContext, k: number): void {
  const instance = solution.instance;
  const vehicleCount = instance.vehicleCount;
  let pending = solution.unassignedRequests();
  if (pending.length === 0) return;
  const moves: InsertionMove[] = [];
  for (let i = 0; i < pending.length * vehicleCount; i++) moves.push(noInsertion());
  const row = new Map<number, number>(pending.map((request, index) => [request, index]));
  const offered = new Uint8Array(vehicleCount);
  const scratch = noInsertion();

  const evaluate = (request: number, v: number): void => {
    const move = moves[row.get(request)! * vehicleCount + v];
    if (!offered[v]) {
      move.cost = Infinity;
      return;
    }
    bestInsertion(solution.routes[v], request, scratch);
    move.after = scratch.after;
    move.deliveryAfter = scratch.deliveryAfter;
    move.cost = scratch.cost;
    if (scratch.cost !== Infinity && context.noiseAmplitude > 0) {
      move.cost += context.noiseAmplitude * (2 * context.rng.nextFloat() - 1);
    }
  };
  const refreshOffers = (): boolean[] => {
    const before = Array.from(offered, (x) => x === 1);
    const canOpen = solution.usedRoutes() < context.maxRoutes;
    const typeOffered = new Set<number>();
    for (let v = 0; v < vehicleCount; v++) {
      const route = solution.routes[v];
      if (!route.isEmpty()) offered[v] = 1;
      else if (canOpen && !typeOffered.has(instance.vehicleType[v])) {
        offered[v] = 1;
        typeOffered.add(instance.vehicleType[v]);
      } else offered[v] = 0;
    }
    return before;
  };

  refreshOffers();
  for (const request of pending) for (let v = 0; v < vehicleCount; v++) evaluate(request, v);

  const best = new Float64Array(k);
  const bestVehicle = new Int32Array(k);
  while (pending.length > 0) {
    let chosen = -1;
    let chosenVehicle = -1;
    let chosenPriority = -Infinity;
    let chosenRegret = -Infinity;
    let chosenCost = Infinity;
    const stuck: number[] = [];
    for (const request of pending) {
      best.fill(Infinity);
      bestVehicle.fill(-1);
      const base = row.get(request)! * vehicleCount;
      for (let v = 0; v < vehicleCount; v++) {
        const cost = moves[base + v].cost;
        if (cost >= best[k - 1]) continue;
        let slot = k - 1;
        while (slot > 0 && best[slot - 1] > cost) {
          best[slot] = best[slot - 1];
          bestVehicle[slot] = bestVehicle[slot - 1];
          slot--;
        }
        best[slot] = cost;
        bestVehicle[slot] = v;
      }
      // Optional requests stay out when serving them costs more than their penalty.
      if (best[0] === Infinity || best[0] >= instance.requestPenalty[request]) {
        stuck.push(request);
        continue;
      }
      let regret = 0;
      for (let i = 1; i < k; i++) regret += (best[i] === Infinity ? MISSING_OPTION_COST : best[i]) - best[0];
      const priority = instance.requestPriority[request];
      const better = priority > chosenPriority || (priority === chosenPriority && (regret > chosenRegret || (regret === chosenRegret && best[0] < chosenCost)));
      if (better) {
        chosen = request;
        chosenVehicle = bestVehicle[0];
        chosenPriority = priority;
        chosenRegret = regret;
        chosenCost = best[0];
      }
    }
    if (stuck.length > 0) pending = pending.filter((request) => !stuck.includes(request));
    if (chosen < 0) return;
    const move = moves[row.get(chosen)! * vehicleCount + chosenVehicle];
    const wasEmpty = solution.routes[chosenVehicle].isEmpty();
    solution.insert(chosen, chosenVehicle, move.after, move.deliveryAfter);
    pending = pending.filter((request) => request !== chosen);
    if (wasEmpty) {
      const before = refreshOffers();
      for (let v = 0; v < vehicleCount; v++) {
        if (v === chosenVehicle || before[v] !== (offered[v] === 1)) for (const request of pending) evaluate(request, v);
      }
    } else {
      for (const request of pending) evaluate(request, chosenVehicle);
    }
  }
}
