import type { Problem, Route } from '@rural-dispatch/routing';
import { DepotSolveDependencies, solveDepot } from './depot-solve';
import { MatrixSource, ProblemStatistics, WaveNode, WaveVehicle } from './wave-model';
import { vehicleClassesOf } from './depot-problem';
import { WaveTask } from './wave-tasks';

/**
 * Iterations for a round, by engine: the round only bounds the trunk's drop, and a county station's
 * must-go round is a handful of villages (8-21 jobs on the demo wave), so a short search finds a good
 * enough one; a fixed count keeps the plan replayable. HGS's 100 (after a first population of two
 * per job) found rounds as cheap as ALNS's 300 or cheaper on plan-wave seed 1's six rounds.
 */
const ROUND_ITERATIONS = { alns: 300, hgs: 100 };

/** Solver runs of a station's must-go round are named `round:<station code>`; they start afresh on a replan (no starting routes). */
export const isStationRoundRun = (run: Pick<ProblemStatistics, 'name'>): boolean => run.name.startsWith('round:');

/** A station's must-go round, solved before the trunk to bound when the trunk must have unloaded there. */
export interface StationRound {
  /** The latest the trunk may finish unloading so that the round's routes still keep every window and shift; undefined when nothing was routed. */
  latestUnloadedS: number | undefined;
  statistics: ProblemStatistics;
}

/**
 * Solves the station's must-go deliveries alone, its vehicles free from their shift start, and
 * returns the latest departure those routes allow. The per-village deadlines (station-deadlines.ts)
 * assume one vehicle drives straight to each village, so a trunk that unloads at the last of them
 * leaves the station's vehicles no time for the rest of their round: with HGS's trunk, which drops
 * at a station as late as it may, the last mile then left must-go parcels open for `time_window`
 * (plan-wave seeds 2 and 3). The round is solved for cost, as the last mile will be, so its latest
 * departure is the one the last mile's own plan is likely to need.
 */
export async function solveStationRound(
  spec: { station: WaveNode; tasks: WaveTask[]; vehicles: WaveVehicle[]; serviceDate: string; nodesById: ReadonlyMap<string, WaveNode>; seed: number; timeLimitMs: number },
  deps: DepotSolveDependencies,
): Promise<StationRound> {
  const depotSpec = {
    name: `round:${spec.station.code}`,
    serviceDate: spec.serviceDate,
    depotNodeId: spec.station.id,
    vehicles: spec.vehicles,
    tasks: spec.tasks,
    nodesById: spec.nodesById,
  };
  const { built, solution, statistics } = await solveDepot(depotSpec, deps, { seed: spec.seed, timeLimitMs: spec.timeLimitMs, iterations: ROUND_ITERATIONS });
  let latestUnloadedS: number | undefined;
  if (built.problem && solution) {
    for (const route of solution.routes) latestUnloadedS = Math.min(latestUnloadedS ?? Infinity, latestDepartureS(route, built.problem));
  }
  return { latestUnloadedS, statistics };
}

/**
 * How late the route could leave its depot and still start every service within its window and
 * be back by the shift's end (Savelsbergh's forward time slack): a later departure first eats the
 * waiting before each stop, then pushes it. A later start only shortens the route, so a maximum
 * duration never binds it.
 */
export function latestDepartureS(route: Route, problem: Problem): number {
  const vehicle = problem.vehicles.find((candidate) => candidate.id === route.vehicleId);
  if (!vehicle) throw new RangeError(`route of unknown vehicle ${route.vehicleId}`);
  const jobs = new Map(problem.jobs.map((job) => [job.id, job]));
  let waitedS = 0;
  let slackS = Infinity;
  for (const step of route.steps.slice(1)) {
    waitedS += step.serviceStartS - step.arrivalS;
    const job = step.id === undefined ? undefined : jobs.get(step.id);
    const window = job?.timeWindows.find((candidate) => candidate.startS <= step.serviceStartS && step.serviceStartS <= candidate.endS);
    const latestStartS = step.type === 'end' ? vehicle.shift.endS : (window?.endS ?? Infinity);
    slackS = Math.min(slackS, waitedS + latestStartS - step.serviceStartS);
  }
  return route.steps[0]!.departureS + slackS;
}

/** The earliest a hub vehicle can have unloaded at the station: its shift start, the drive there and the unloading. */
export async function earliestUnloadS(hubNodeId: string, station: WaveNode, hubVehicles: readonly WaveVehicle[], matrices: MatrixSource): Promise<number> {
  let earliest = Infinity;
  for (const vehicleClass of vehicleClassesOf([...hubVehicles])) {
    const driveS = (await matrices([hubNodeId, station.id], vehicleClass)).durationS[1]!;
    if (driveS < 0) continue;
    const startS = Math.min(...hubVehicles.filter((vehicle) => vehicle.vehicleClass === vehicleClass).map((vehicle) => vehicle.shiftStartS));
    earliest = Math.min(earliest, startS + driveS + station.serviceTimeS);
  }
  return earliest;
}
