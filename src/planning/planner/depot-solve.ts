import { isHgsShaped } from '@rural-dispatch/routing';
import type { Solution, VehicleClass } from '@rural-dispatch/routing';
import { BuiltProblem, buildDepotProblem, depotProblemNodeIds, DepotProblemSpec, vehicleClassesOf } from './depot-problem';
import { companionsServedAlone } from './companion-jobs';
import { initialRoutesOption, startingRoutesStatistic } from './starting-routes';
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
 * The engine the planner solves with: HGS (issue 14), which takes every depot problem the planner
 * builds, the stations' must-go rounds (station-round.ts) included; ALNS remains for what HGS refuses.
 * plan-wave A/B (`npm run bench:plan-wave -- --time-limit T --seed N --engine E --clock cpu`, back
 * to back, 2026-11-30 16:20-16:32 UTC, machine shared with three solver helpers, so time counts
 * in CPU), yuan per parcel ALNS / HGS, nothing that must go left open by either:
 * - T = 8 (the product's budget): 4.82 / 4.82, 4.59 / 4.52, 4.08 / 3.98, 4.58 / 4.53, 4.62 / 4.19
 *   for seeds 1-5, mean 4.54 / 4.41 (2.9 % less); about half of HGS's runs end on the clock;
 * - the product exactly (wall clock, 8 s, quiet machine, 17:10-17:13 UTC): 4.82 / 4.82, 4.59 / 4.50,
 *   4.08 / 3.98, 4.58 / 4.53, 4.62 / 4.19;
 * - T = 40, so that (nearly) every run ends on its iteration budget and the plan replays: the same
 *   HGS plans; ALNS 3.98 on seed 3.
 * HGS's last mile costs less on seeds 2-5 (the same on 1); its trunk is the same on 1-4 and cheaper on 5.
 * Since the rounds run on HGS too and small problems build a smaller first population, every run of
 * seeds 1-5 ends on its iteration budget with either engine (wall clock, 8 s, quiet machine,
 * 2026-11-30 21:30-21:40 UTC): ALNS 4.82, 4.59, 3.98, 4.58, 4.62; HGS 4.82, 4.52, 3.98, 4.53, 4.19
 * (mean 4.52 / 4.41, 2.4 % less); docs/benchmarks.md has the table.
 * The main's planner (ALNS, before these changes) gave 4.82, 4.59, 3.98 or 4.08, 4.58, 4.20 or 4.62:
 * its runs did not replay (search-budget.ts says why), so two runs of a seed differed.
 * Before the stations' must-go rounds, HGS's plans left must-go work open (seed 2: 4 shipments,
 * `time_window`): a station's transfers carried only the per-village deadline of
 * station-deadlines.ts, as if one vehicle drove straight to each village, and HGS's cheaper trunk
 * dropped at the last of them.
 *
 * Earlier A/B runs (nice 10, load 4-5, before 498049f) gave ALNS / HGS 4.82 / 4.82, 4.62 / 4.58,
 * 4.08 / 4.08 on the wall clock and 4.10 / 4.15 on seed 3 with `--clock cpu`. Two things that made
 * HGS's plans dearer are fixed and serve ALNS too: its first trunk loaded optional transfers the last
 * mile then declined and kept that vehicle and those detours (seed 2: a truck at ¥509.93 where a van
 * costs ¥310.16; trunk-reroute.ts solves the trunk again for what the last mile took); and at
 * stations with only optional work today it sent vehicles out for part of it, weighed against
 * penalties that held the trunk's share of the station's next visit, which going today does not
 * save there (seed 3: 85 parcels more for ¥472 more; withoutUnsavedTrunkShare in wave-planner.ts).
 * With them ALNS's plans went from ¥5.35-5.59 to ¥4.82 (seed 1) and ¥5.30 to ¥4.62-4.99 (seed 2).
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
export const PLANNER_ENGINE: PlannerEngine = 'hgs';

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
export async function solveDepot(
  spec: DepotProblemSpec,
  deps: DepotSolveDependencies,
  budget: { seed: number; timeLimitMs: number; /** Instead of `iterationBudget`'s, for the engine in use. */ iterations?: Record<PlannerEngine, number> },
): Promise<DepotSolve> {
  const nodeIds = depotProblemNodeIds(spec);
  const matrices = new Map<VehicleClass, NodeMatrix>();
  if (spec.tasks.length > 0) {
    for (const vehicleClass of vehicleClassesOf(spec.vehicles)) matrices.set(vehicleClass, await deps.matrices(nodeIds, vehicleClass));
  }
  let built = buildDepotProblem(spec, matrices);
  const onHgs = settingsInUse.engine === 'hgs' && built.problem !== null && isHgsShaped(built.problem);
  const maxIterations = budget.iterations?.[onHgs ? 'hgs' : 'alns'] ?? iterationBudget(built.problem?.jobs.length ?? 0, onHgs ? 'hgs' : 'alns');
  const engine = onHgs ? 'auto' : 'alns';
  const run = (problem: BuiltProblem['problem']) =>
    problem
      ? deps.solve(problem, {
          seed: budget.seed,
          timeLimitMs: Math.max(1, Math.round(budget.timeLimitMs)),
          maxIterations,
          engine,
          clock: settingsInUse.clock,
          ...initialRoutesOption(problem, spec),
        })
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
      ...startingRoutesStatistic(built),
    },
  };
}
