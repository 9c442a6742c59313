import { DepotSolveDependencies, solveDepot } from './depot-solve';
import { readRoutes, UnassignedTask, unassignedTasks } from './solution-reader';
import { WaveTask } from './wave-tasks';
import { isOptionalTask } from './task-penalty';
import { Echelon, PlannedRoute, PlannedStop, ProblemStatistics, StartingRoute, WaveNode, WaveVehicle } from './wave-model';

/** A vehicle goes out at most this many times a wave. */
export const MAX_TRIPS = 3;

export interface DepotTripsInput {
  /** `trunk` or `last_mile:<station code>`; later trips add `:trip<n>`. */
  name: string;
  serviceDate: string;
  depotNodeId: string;
  /** No vehicle may leave before this (the last mile waits for the trunk). */
  earliestStartS?: number;
  echelonOf: (stops: PlannedStop[]) => Echelon;
  nodesById: ReadonlyMap<string, WaveNode>;
  vehicles: WaveVehicle[];
  tasks: WaveTask[];
  seed: number;
  timeLimitMs: number;
  /** On a replan, the routes it replaces; every trip starts from them. */
  startingRoutes?: StartingRoute[];
}

export interface DepotTripsResult {
  routes: PlannedRoute[];
  unassigned: UnassignedTask[];
  statistics: ProblemStatistics[];
}

/**
 * A depot's routes, in trips: when the fleet runs out of room, the vehicles that came back go out
 * again (from their return plus the depot's loading time, within what is left of their shift and
 * maximum duration, with no second fixed cost) for what is still waiting. A station the trunk already
 * supplied is not topped up by a later trip: its last mile leaves after the trunk's drop, and a later
 * drop would hold back the whole station.
 *
 * Decided for now (issue 14): this loop stays, and the solver's multi-trip model (reloading at the
 * depot with release times, which HGS solves on mixed fleets with optional jobs) does not replace it
 * yet. For the solver: one search would plan all trips together (this loop plans trip 1 without
 * knowing trip 2 and splits the time 80 % / the rest), and release times could say that a station's
 * parcels arrive in waves instead of holding the station back until the last drop. Why not yet, each
 * measured or checked:
 * - the model has no loading time at a reload, which this loop charges (the depot's service time);
 * - "a supplied station is not topped up" has no expression in one depot problem: the last mile reads
 *   the trunk's drop times, so the echelons stay two problems, coupled through release times first;
 * - need: on the demo wave (`bench:plan-wave`, 1,700 parcels, 8 s, seeds 1-3) no depot needed a second
 *   trip, bar one trip of one job on one seed;
 * - price: an HGS iteration on a mixed fleet that may reload cost about twice one without reloads
 *   (48 against 23.5 ms on R202R0.25 made mixed; profile: the chain walk per move), and the planner's
 *   depot problems run against the clock. The walk is gone since (a move changing one trip is priced
 *   in O(1) in the vehicle's trips, trip-chain-aggregates.ts: 20-25 % less per priced move on chains
 *   of several trips), but every vehicle that may reload still brings a slot per trip to search.
 * What would flip it: a reload time in the model, and `bench:plan-wave --parcels 3000` / `--parcels
 * 5000` and `bench:week` with the trunk on the solver's trips at the same seeds and time: cost per
 * parcel, must-go parcels left open (`no_vehicle`), express on their day, runs replayable, wall time.
 */
export async function planDepotTrips(input: DepotTripsInput, deps: DepotSolveDependencies): Promise<DepotTripsResult> {
  const routes: PlannedRoute[] = [];
  const unassigned: UnassignedTask[] = [];
  const statistics: ProblemStatistics[] = [];
  const suppliedStations = new Set<string>();
  let fleet = input.vehicles;
  let tasks = input.tasks;
  let remainingMs = input.timeLimitMs;
  const loadingS = input.nodesById.get(input.depotNodeId)?.serviceTimeS ?? 0;

  for (let trip = 1; tasks.length > 0; trip++) {
    const result = await solveDepot(
      {
        name: trip === 1 ? input.name : `${input.name}:trip${trip}`,
        serviceDate: input.serviceDate,
        depotNodeId: input.depotNodeId,
        vehicles: fleet,
        tasks,
        nodesById: input.nodesById,
        startingRoutes: input.startingRoutes,
        ...(trip === 1 && input.earliestStartS !== undefined ? { earliestStartS: input.earliestStartS } : {}),
      },
      deps,
      // The first trip takes most of the time; later trips are what is left over.
      { seed: input.seed + 1_000 * (trip - 1), timeLimitMs: trip === 1 ? remainingMs * 0.8 : remainingMs / (MAX_TRIPS - trip + 1) },
    );
    statistics.push(result.statistics);
    remainingMs -= result.statistics.runtimeMs;
    const tripRoutes = result.solution ? readRoutes(result.built, result.solution, input.echelonOf) : [];
    routes.push(...tripRoutes);
    for (const route of tripRoutes) {
      for (const stop of route.stops) if (stop.kind === 'station_transfer' && stop.parcelsDelivered > 0) suppliedStations.add(stop.nodeId);
    }
    const left = unassignedTasks(result.built, result.solution);
    fleet = nextTripFleet(fleet, tripRoutes, loadingS);
    const canGoAgain = (entry: UnassignedTask) =>
      trip < MAX_TRIPS && fleet.length > 0 && (entry.task.stopKind === 'village' || entry.task.direction === 'pickup' || !suppliedStations.has(entry.task.nodeId));
    const mustRetry = left.some((entry) => entry.reason === 'no_vehicle' && canGoAgain(entry));
    // Work that must go is why a vehicle goes out again; optional work left out then gets another
    // chance on that trip, weighed against its penalty again. No trip goes out for optional work alone.
    const retry = (entry: UnassignedTask) => canGoAgain(entry) && (entry.reason === 'no_vehicle' || (mustRetry && entry.reason === 'not_profitable' && isOptionalTask(entry.task)));
    unassigned.push(...left.filter((entry) => !retry(entry)));
    tasks = left.filter(retry).map((entry) => entry.task);
  }
  return { routes, unassigned, statistics };
}

/**
 * Vehicles that drove this trip, made available again after it: a vehicle that stayed at the hub
 * could not help with what is left (same start, same limits), so it is not offered again.
 */
function nextTripFleet(fleet: WaveVehicle[], tripRoutes: PlannedRoute[], loadingS: number): WaveVehicle[] {
  const next: WaveVehicle[] = [];
  for (const vehicle of fleet) {
    const route = tripRoutes.find((candidate) => candidate.vehicleId === vehicle.id);
    if (!route) continue;
    const shiftStartS = route.returnS + loadingS;
    const maxDurationS = vehicle.maxDurationS === null ? null : vehicle.maxDurationS - (route.returnS - route.departureS);
    if (shiftStartS >= vehicle.shiftEndS || (maxDurationS !== null && maxDurationS <= 0)) continue;
    next.push({ ...vehicle, shiftStartS, maxDurationS, fixedCostFen: 0 });
  }
  return next;
}
