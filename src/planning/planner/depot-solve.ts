import { isHgsShaped } from '@rural-dispatch/routing';
import type { Solution, VehicleClass } from '@rural-dispatch/routing';
import { BuiltProblem, buildDepotProblem, depotProblemNodeIds, DepotProblemSpec, vehicleClassesOf } from './depot-problem';
import { companionsServedAlone } from './companion-jobs';
import { MatrixSource, NodeMatrix, ProblemStatistics, SolveFunction } from './wave-model';

export interface DepotSolveDependencies {
  matrices: MatrixSource;
  solve: SolveFunction;
}

export interface DepotSolve {
  built: BuiltProblem;
  solution: Solution | null;
  statistics: ProblemStatistics;
}

/**
 * The engine the planner solves with. HGS takes the planner's problems (issue 14) and, solved alone,
 * matches or beats ALNS's objective on each depot problem, but the plan's cost per parcel is not yet
 * lower on every seed, so ALNS stays; 'hgs' switches it (with HGS's own iteration budget). ALNS stays
 * in the library in any case for paired pickup-and-delivery shipments, which HGS does not take.
 *
 * plan-wave, 8 s, CPU clock (`--clock cpu`, fair on the loaded machine), yuan per parcel:
 * seed 1 ALNS 4.78, HGS 4.44 (but 3 must-go shipments left open, time_window, in that run); seed 2
 * ALNS 4.80, HGS 4.37; seed 3 ALNS 4.10, HGS 4.34, and main's ALNS (before trunk-reroute.ts) 4.04.
 * What was wrong on seed 2 is fixed: HGS's first trunk loaded optional transfers the last mile then
 * declined (a truck at ¥509.93 where a van costs ¥310.16) and kept that vehicle and those detours;
 * the trunk is now solved again for what the last mile took (trunk-reroute.ts). What remains, seed 3:
 * HGS sends a vehicle out for optional work alone at five stations that have nothing else today
 * and where ALNS, inserting one job at a time, sent none: 85 more parcels for ¥472 more (¥764.60 of
 * trunk against ¥539.55). Each last mile is right by its own objective, but its penalties include
 * the trunk's share of the next visit to the station (deferral-cost.ts), a visit that serving today
 * does not save when nothing else goes there today: the trunk must go today instead, a cost the
 * last mile does not see. Next step: leave that share out of the last mile's penalties at such a
 * station (the deferral estimate keeps its meaning; the last mile weighs only what going today saves).
 *
 * Optional solver clients carry the consolidation deferral: an optional task is a job whose
 * `unassignedPenaltyFen` is its shipments' deferral cost, the estimated marginal cost of serving them
 * on their village's next service day (consolidation/deferral-cost.ts). That is the price of what
 * the county would otherwise do with the parcel, in the same fen as the routes, so the solver trades
 * today's marginal cost against tomorrow's. Handling (hub sort, hand-over) is paid once per parcel
 * whichever day it goes, so it is in neither; the day of delay costs nothing while the promise holds
 * (an optional shipment is one whose promise survives the wait). The penalty is not tuned to the
 * one-day cost per parcel: what a plan leaves costs its penalty on a later day, which that figure
 * does not show.
 */
export const PLANNER_ENGINE: PlannerEngine = 'alns';

export type PlannerEngine = 'alns' | 'hgs';

/** How this process's planner solves; only the plan-wave bench changes it. */
export interface PlannerSolverSettings {
  engine: PlannerEngine;
  /** What the time limits measure: the wall clock, or this process's CPU time (fair A/B runs on a loaded machine). */
  clock: 'wall' | 'cpu';
}

let settingsInUse: PlannerSolverSettings = { engine: PLANNER_ENGINE, clock: 'wall' };

/**
 * For the plan-wave bench's A/B comparisons only (`--engine`, `--clock`): how this process's planner
 * solves from now on. The product never calls it; it plans with `PLANNER_ENGINE` on the wall clock.
 */
export function usePlannerSolverInThisProcess(settings: Partial<PlannerSolverSettings>): void {
  settingsInUse = { ...settingsInUse, ...settings };
}

/**
 * Iterations per solver run: with a seed, a run that ends on this count (not on the clock)
 * replays exactly. Small county problems reach it in well under a second. An HGS iteration (a
 * crossover, a split and a full local search) weighs about what 15 to 40 ALNS iterations do: on the
 * demo wave's 21 depot problems 100 + 5 per job matched or beat ALNS's result at its budget, in one
 * to two times its run time (docs/benchmarks.md).
 */
export function iterationBudget(jobCount: number, engine: 'alns' | 'hgs' = 'alns'): number {
  if (engine === 'hgs') return Math.min(1_000, 100 + 5 * jobCount);
  return Math.min(20_000, 1_000 + 200 * jobCount);
}

/** Fetches the matrices a depot problem needs, builds it and solves it (when there is anything to solve). */
export async function solveDepot(spec: DepotProblemSpec, deps: DepotSolveDependencies, budget: { seed: number; timeLimitMs: number }): Promise<DepotSolve> {
  const nodeIds = depotProblemNodeIds(spec);
  const matrices = new Map<VehicleClass, NodeMatrix>();
  if (spec.tasks.length > 0) {
    for (const vehicleClass of vehicleClassesOf(spec.vehicles)) matrices.set(vehicleClass, await deps.matrices(nodeIds, vehicleClass));
  }
  let built = buildDepotProblem(spec, matrices);
  const onHgs = settingsInUse.engine === 'hgs' && built.problem !== null && isHgsShaped(built.problem);
  const maxIterations = iterationBudget(built.problem?.jobs.length ?? 0, onHgs ? 'hgs' : 'alns');
  const engine = onHgs ? 'auto' : 'alns';
  const run = (problem: BuiltProblem['problem']) =>
    problem
      ? deps.solve(problem, { seed: budget.seed, timeLimitMs: Math.max(1, Math.round(budget.timeLimitMs)), maxIterations, engine, clock: settingsInUse.clock })
      : Promise.resolve(null);
  let solution = await run(built.problem);
  let runtimeMs = solution?.statistics.runtimeMs ?? 0;
  for (let repair = 1; solution; repair++) {
    const alone = companionsServedAlone(solution, built.companions);
    if (alone.length === 0) break;
    // Those stops were timed without their service: solve again with it (rare; the answer is not used).
    // After two tries every job keeps its full service time, which cannot be short.
    const fullService = repair <= 2 ? [...(built.spec.fullServiceTaskIds ?? []), ...alone] : spec.tasks.map((task) => task.id);
    built = buildDepotProblem({ ...spec, fullServiceTaskIds: new Set(fullService) }, matrices);
    solution = await run(built.problem);
    runtimeMs += solution?.statistics.runtimeMs ?? 0;
  }
  return {
    built,
    solution,
    statistics: {
      name: spec.name,
      jobs: built.problem?.jobs.length ?? 0,
      vehicles: built.problem?.vehicles.length ?? 0,
      routes: solution?.routes.length ?? 0,
      unassignedJobs: (solution?.unassigned.length ?? 0) + built.excluded.length,
      iterations: solution?.statistics.iterations ?? 0,
      maxIterations,
      runtimeMs,
      replayable: solution === null || solution.statistics.iterations >= maxIterations,
      ...(spec.earliestStartS !== undefined ? { earliestStartS: spec.earliestStartS } : {}),
    },
  };
}
