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
 * Whether HGS's own multi-trip model (reloading at the depot, release times; issue 14) should replace
 * this loop is not decided yet, for want of measurements. For it: one search plans all trips together
 * (this loop plans trip 1 without knowing trip 2, and splits the time 80 % / the rest, so a later trip
 * on HGS is often cut by the clock), and release times say what the loop cannot: that a station's
 * parcels arrive in waves. Two trunk drops at a station would become release times on its last-mile
 * jobs instead of holding the whole station back until the last drop, and hub arrival waves release
 * times on the trunk's. Against it, or to be built first: the last mile still needs the trunk's drop
 * times, so the echelons stay two problems (the trunk solved first, each station's release times read
 * from it); and on the demo wave (plan-wave, 1,700 parcels, 8 s) no depot needed a second trip at all
 * (one seed's station had a trip 2 of one job): the loop matters on busy days only. To measure, with
 * the same seeds and time on both: `bench:plan-wave --parcels 3000` and `--parcels 5000` (the fleet
 * runs out, trips 2 and 3 happen) and `bench:week` (the backlog days), trunk only on the solver's
 * trips, then both echelons; cost per parcel, must-go parcels left open (`no_vehicle`), express on
 * their day, runs replayable and wall time.
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
