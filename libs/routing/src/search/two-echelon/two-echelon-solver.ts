import { echelonRouteCost } from '../../evaluation/cost-evaluator';
import { Random } from '../../random';
import { DESTROY_OPERATORS } from './destroy-operators';
import { improveRoutes } from './local-search';
import { REPAIR_OPERATORS, RepairSettings } from './repair-operators';
import { RouletteWheel } from './roulette-wheel';
import { SearchContext, SearchState } from './search-state';
import { checkTwoEchelonSolution } from './two-echelon-checker';
import { TwoEchelonProblem, TwoEchelonSolution, TwoEchelonSolveOptions } from './two-echelon-problem';
import { validateTwoEchelonProblem } from './two-echelon-validation';

/** Used when the caller gives neither an iteration nor a time limit. */
export const DEFAULT_MAX_ITERATIONS = 5000;
/** Without improvement for this many iterations, the search restarts from the best solution. */
const RESTART_AFTER = 1500;
const SEGMENT = 100;
/** Iterations between penalty updates: often, because the feasible share reacts within a few moves. */
const PENALTY_SEGMENT = 20;

/**
 * Large neighbourhood search for the 2E-CVRP (after Hemmelmayr, Cordeau & Crainic 2012 and
 * Breunig et al. 2016): destroy/repair over the customer → satellite assignment and the
 * second-level routes, local search on those routes, and after every change the first level
 * re-solved exactly for the new satellite loads (few satellites, so that is a lookup). Simulated
 * annealing accepts on the penalised total cost; capacity excess is allowed during the search at an
 * adaptive price, but only feasible solutions become the best.
 */
export function solveTwoEchelon(problem: TwoEchelonProblem, options: TwoEchelonSolveOptions = {}): TwoEchelonSolution {
  validateTwoEchelonProblem(problem);
  const now = options.clock === 'cpu' ? processCpuMs : Date.now;
  const startMs = now();
  const elapsed = (): number => now() - startMs;
  const maxIterations = options.maxIterations ?? (options.timeLimitMs === undefined ? DEFAULT_MAX_ITERATIONS : Infinity);
  const timeLimitMs = options.timeLimitMs ?? Infinity;
  const random = new Random(options.seed ?? 1);
  const context = new SearchContext(problem);
  const customerCount = context.customerCount;
  let penalty = initialPenalty(context);

  const settings = (closedSatellite: number, noise: number, openedSatellite = -1): RepairSettings => ({
    penalty,
    closedSatellite,
    openedSatellite,
    noise,
    random,
  });
  let current = SearchState.empty(context);
  REPAIR_OPERATORS[1].operator(
    current,
    Array.from({ length: customerCount }, (_, c) => c),
    settings(-1, 0),
  );
  improveRoutes(current, penalty);
  let currentValue = current.penalizedCost(penalty);
  let best: SearchState | undefined;
  let bestCost = Infinity;
  let bestIteration = 0;
  let bestMs = elapsed();
  const trajectory: Array<{ ms: number; cost: number }> = [];
  const recordIfBest = (state: SearchState, value: { cost: number; excess: number }, iteration: number): boolean => {
    if (value.excess > 0 || !(value.cost < bestCost)) return false;
    best = state.clone();
    bestCost = value.cost;
    bestIteration = iteration;
    bestMs = elapsed();
    trajectory.push({ ms: bestMs, cost: bestCost });
    options.onProgress?.({ ms: bestMs, cost: bestCost });
    return true;
  };
  recordIfBest(current, currentValue, 0);

  const startTemperature = (0.05 * Math.max(currentValue.cost, 1)) / Math.LN2;
  const endTemperature = startTemperature * 1e-3;
  const destroyWheel = new RouletteWheel(DESTROY_OPERATORS.length);
  const repairWheel = new RouletteWheel(REPAIR_OPERATORS.length);
  let feasibleInSegment = 0;
  let iteration = 0;
  let lastImprovement = 0;
  while (iteration < maxIterations && elapsed() < timeLimitMs) {
    iteration++;
    const progress = Math.min(1, Math.max(iteration / maxIterations, elapsed() / timeLimitMs));
    const temperature = startTemperature * Math.pow(endTemperature / startTemperature, progress);
    const candidate = current.clone();
    const destroyIndex = destroyWheel.pick(random);
    const repairIndex = repairWheel.pick(random);
    const count = removalCount(customerCount, random);
    const destroyed = DESTROY_OPERATORS[destroyIndex].operator(candidate, count, random);
    const noise = random.nextFloat() < 0.3 ? 0.2 : 0;
    REPAIR_OPERATORS[repairIndex].operator(candidate, destroyed.removed, settings(destroyed.closedSatellite, noise, destroyed.openedSatellite));
    improveRoutes(candidate, penalty);
    const value = candidate.penalizedCost(penalty);
    if (value.excess === 0) feasibleInSegment++;
    let score = 0;
    if (recordIfBest(candidate, value, iteration)) {
      score = 3;
      lastImprovement = iteration;
    } else if (value.penalized < currentValue.penalized) {
      score = 2;
    }
    const accept =
      value.penalized < currentValue.penalized || (Number.isFinite(value.penalized) && random.nextFloat() < Math.exp((currentValue.penalized - value.penalized) / temperature));
    if (accept) {
      if (score === 0) score = 1;
      current = candidate;
      currentValue = value;
    }
    destroyWheel.reward(destroyIndex, score);
    repairWheel.reward(repairIndex, score);
    if (iteration % SEGMENT === 0) {
      destroyWheel.updateWeights();
      repairWheel.updateWeights();
    }
    if (iteration % PENALTY_SEGMENT === 0) {
      // Aim for about half the candidates feasible: cheap excess lets the search cross infeasible
      // packings (tight fleets), dear excess brings it back.
      const share = feasibleInSegment / PENALTY_SEGMENT;
      if (share < 0.3) penalty *= 1.5;
      else if (share > 0.6) penalty = Math.max(penalty * 0.8, 1e-3);
      feasibleInSegment = 0;
      currentValue = current.penalizedCost(penalty);
    }
    if (best && iteration - lastImprovement >= RESTART_AFTER) {
      current = best.clone();
      currentValue = current.penalizedCost(penalty);
      lastImprovement = iteration;
    }
  }
  return buildSolution(context, best ?? current, {
    iterations: iteration,
    runtimeMs: elapsed(),
    timeToBestMs: bestMs,
    iterationOfBest: bestIteration,
    trajectory,
  });
}

/** Removes 5-25% of the customers (2 to 10 at least, 40 at most): small moves, many iterations. */
function removalCount(customerCount: number, random: Random): number {
  const low = Math.min(customerCount, Math.max(2, Math.floor(customerCount * 0.05)));
  const high = Math.min(customerCount, Math.max(low, 10, Math.min(40, Math.ceil(customerCount * 0.25))));
  return low + random.nextInt(high - low + 1);
}

/** CPU time of this process in milliseconds (user + system). */
function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** About the cost of one long detour per unit of average demand: excess is never cheap at first. */
function initialPenalty(context: SearchContext): number {
  let longest = 0;
  for (let i = 0; i < context.problem.distance.length; i++) longest = Math.max(longest, context.problem.distance[i]);
  let totalDemand = 0;
  for (let c = 0; c < context.customerCount; c++) totalDemand += context.demand[c];
  const averageDemand = Math.max(1, totalDemand / context.customerCount);
  return Math.max(1e-3, (context.problem.secondLevel.costPerDistance * longest) / averageDemand);
}

function buildSolution(context: SearchContext, state: SearchState, statistics: TwoEchelonSolution['statistics']): TwoEchelonSolution {
  const problem = context.problem;
  const loads = state.satelliteLoads();
  const firstLevelRoutes = context.firstLevel.routes(loads);
  const secondLevelRoutes = state.routes
    .filter((r) => r.customers.length > 0)
    .map((r) => ({
      satellite: r.satellite,
      customers: r.customers.slice(),
      load: r.load,
      distance: r.distance,
      cost: echelonRouteCost(problem.secondLevel, r.distance),
    }));
  const firstLevelCost = firstLevelRoutes.reduce((sum, r) => sum + r.cost, 0);
  const secondLevelCost = secondLevelRoutes.reduce((sum, r) => sum + r.cost, 0);
  const handlingCost = state.handlingCost(loads);
  const cost = firstLevelCost + secondLevelCost + handlingCost;
  const check = checkTwoEchelonSolution(problem, { firstLevelRoutes, secondLevelRoutes, cost });
  return {
    firstLevelRoutes,
    secondLevelRoutes,
    satelliteLoads: loads,
    cost,
    firstLevelCost,
    secondLevelCost,
    handlingCost,
    feasible: check.feasible,
    violations: check.violations,
    statistics,
  };
}
