import { Problem, Solution, SolveOptions } from '../../model/problem';
import { Random } from '../../random';
import { AlnsInstance, compileInstance, travelM, travelS } from './alns-instance';
import { AlnsSolution } from './alns-solution';
import { createSearchState, runAlns } from './alns-search';
import { BestTracker } from './best-tracker';
import { OperatorContext } from './operators/operator-context';
import { regret2Insertion } from './operators/regret-insertion';
import { buildRelatedness } from './relatedness';
import { minimiseRoutes } from './route-minimisation';
import { SearchBudget } from './search-budget';
import { SimulatedAnnealing } from './simulated-annealing';
import { buildSolution } from './solution-builder';
import { seedGivenRoutes } from './starting-solution';

/** Share of the budget spent removing vehicles under the hierarchical objective. */
const ROUTE_MINIMISATION_SHARE = 0.3;
/** Number of reheated annealing cycles in the distance/cost phase. */
const ANNEALING_CYCLES = 4;
/** Acceptance price of a mandatory request waiting in the pool, in largest-arc costs. */
const POOL_PENALTY_ARCS = 2;

/**
 * Adaptive large neighbourhood search (after Ropke & Pisinger 2006) for the general model:
 * heterogeneous vehicles, jobs, shipments, time windows, skills, optional tasks.
 *
 * 1. regret-2 construction (completing the caller's starting solution, if any);
 * 2. for `vehicles-then-distance`, a route-minimisation phase (empty a route, reinsert its requests);
 * 3. ALNS with simulated annealing on the objective until the budget runs out.
 *
 * Deterministic for a given seed when only `maxIterations` bounds the run. The input is assumed
 * validated (`validateProblem`); the returned routes are re-checked independently.
 */
export function solveWithAlns(problem: Problem, options: SolveOptions = {}): Solution {
  const budget = new SearchBudget(options);
  const instance = compileInstance(problem);
  const context: OperatorContext = {
    rng: new Random(options.seed ?? 1),
    maxRoutes: instance.vehicleCount,
    noiseAmplitude: 0,
    relatedness: buildRelatedness(instance),
  };
  let current = new AlnsSolution(instance);
  // The caller's starting solution, kept where feasible; regret-2 inserts the rest.
  if (options.initialRoutes) seedGivenRoutes(current, options.initialRoutes);
  regret2Insertion.insert(current, context);
  const tracker = new BestTracker(current, budget, options);
  const state = createSearchState(context, budget, tracker, largestArcCost(instance));

  if (problem.objective === 'vehicles-then-distance' && instance.requestCount > 0) {
    current = minimiseRoutes(current, state, ROUTE_MINIMISATION_SHARE, variableCost(current));
    tracker.offer(current);
  }
  if (instance.requestCount > 0) {
    const hierarchical = problem.objective === 'vehicles-then-distance';
    // Under the hierarchical objective the route count is settled: keep it, and let requests that
    // do not fit right now wait in the pool at a moderate price instead of forcing an extra route.
    if (hierarchical) context.maxRoutes = tracker.best.usedRoutes();
    // Several annealing cycles, each restarting hot from the best solution: one cycle converges
    // within a few thousand iterations, so further cycles are further chances, not wasted time.
    const startProgress = budget.progress();
    for (let cycle = 0; cycle < ANNEALING_CYCLES && !budget.exhausted(); cycle++) {
      current.copyFrom(tracker.best);
      runAlns(current, state, {
        fromProgress: Math.max(budget.progress(), startProgress + ((1 - startProgress) * cycle) / ANNEALING_CYCLES),
        untilProgress: startProgress + ((1 - startProgress) * (cycle + 1)) / ANNEALING_CYCLES,
        annealing: new SimulatedAnnealing(variableCost(current)),
        mandatoryPenalty: hierarchical ? POOL_PENALTY_ARCS * state.largestArcCost : undefined,
      });
    }
    context.maxRoutes = instance.vehicleCount;
  }
  return buildSolution(tracker.best, {
    iterations: budget.iterations,
    runtimeMs: budget.elapsedMs(),
    timeToBestMs: tracker.timeToBestMs,
    trajectory: tracker.trajectory,
  });
}

/** Route costs without their fixed parts: the scale the annealing temperature is set against. */
function variableCost(solution: AlnsSolution): number {
  let total = 0;
  for (const route of solution.routes) if (!route.isEmpty()) total += route.cost - solution.instance.vehicleFixedCost[route.vehicle];
  return Math.max(1, total);
}

/** Largest priced arc between the locations in use, for the insertion-noise amplitude. */
function largestArcCost(instance: AlnsInstance): number {
  if (instance.vehicleCount === 0) return 0;
  const locations = new Set<number>(instance.stopLocation);
  locations.add(instance.vehicleStart[0]);
  if (instance.vehicleEnd[0] >= 0) locations.add(instance.vehicleEnd[0]);
  let largest = 0;
  for (const a of locations) {
    for (const b of locations) {
      const cost = instance.vehicleCostPerM[0] * travelM(instance, 0, a, b) + instance.vehicleCostPerS[0] * travelS(instance, 0, a, b);
      if (cost > largest) largest = cost;
    }
  }
  return largest;
}
