import { DepotSolveDependencies } from './depot-solve';
import { planDepotTrips } from './depot-trips';
import { packTasks, WaveTask } from './wave-tasks';
import { urgencyOf } from './task-penalty';
import { PlannedRoute, ProblemStatistics, StartingRoute, WaveNode, WaveShipment, WaveVehicle } from './wave-model';

export interface TrunkRerouteInput {
  serviceDate: string;
  hubNodeId: string;
  nodesById: ReadonlyMap<string, WaveNode>;
  hubVehicles: WaveVehicle[];
  /** The size the trunk's tasks are cut to. */
  chunk: WaveVehicle['capacity'];
  /** The first trunk's routes, as solved (before the shipments the last mile declined were taken off them). */
  solvedRoutes: PlannedRoute[];
  /** The same routes restricted to what the last mile serves, routes left with nothing dropped. */
  keptRoutes: PlannedRoute[];
  /** When each station's last mile may leave: the first trunk's unloading there. */
  unloadedAtS: ReadonlyMap<string, number>;
  shipmentsById: ReadonlyMap<string, WaveShipment>;
  seed: number;
  timeLimitMs: number;
}

export interface TrunkReroute {
  /** The re-routed trunk when it costs less than `keptRoutes` and keeps every station's unloading time; else `keptRoutes`. */
  routes: PlannedRoute[];
  statistics: ProblemStatistics[];
}

/**
 * The trunk solved again for exactly what the last mile took. The first trunk weighs an optional
 * transfer against its whole deferral penalty, the village's next visit included, because it cannot
 * know what the station's last mile will decline; so it may load transfers for a station whose last
 * mile then leaves them all (no vehicle goes out there for optional work alone), and its routes keep
 * their size, their vehicle and their detours to stations where nothing is dropped any more. On the
 * plan-wave bench (seed 2, 8 s) HGS's first trunk sent a truck (¥509.93) where a van on the same
 * road costs ¥310.16, for transfers the last mile mostly declined: the main reason HGS's plan cost
 * more per parcel than ALNS's. Here every kept shipment must go, and each station's transfers must
 * arrive in time to be unloaded when the first trunk unloaded them, so the last mile's routes stay
 * as planned. The cheaper of the two trunks is kept.
 */
export async function rerouteTrunk(input: TrunkRerouteInput, deps: DepotSolveDependencies): Promise<TrunkReroute> {
  const tasks = keptTrunkTasks(input);
  // When the last mile took everything, the first trunk was solved for exactly this work already.
  if (tasks.length === 0 || shipmentCount(input.keptRoutes) === shipmentCount(input.solvedRoutes)) return { routes: input.keptRoutes, statistics: [] };
  const rerouted = await planDepotTrips(
    {
      name: 'trunk:reroute',
      serviceDate: input.serviceDate,
      depotNodeId: input.hubNodeId,
      echelonOf: (stops) => (stops.some((stop) => stop.kind === 'station_transfer') ? 'trunk' : 'last_mile'),
      nodesById: input.nodesById,
      vehicles: input.hubVehicles,
      tasks,
      seed: input.seed,
      timeLimitMs: input.timeLimitMs,
      startingRoutes: withoutEmptyStops(input.keptRoutes),
    },
    deps,
  );
  const better = rerouted.unassigned.length === 0 && unloadsInTime(rerouted.routes, input.unloadedAtS, input.shipmentsById) && costFen(rerouted.routes) < costFen(input.keptRoutes);
  // Starting from the kept routes is this step's own business, not a replan's: the statistic that counts a replan's starting routes stays off.
  const statistics = rerouted.statistics.map(({ startingRoutes: _fromKeptRoutes, ...run }) => run);
  return { routes: better ? rerouted.routes : input.keptRoutes, statistics };
}

/**
 * The kept routes as the solve's start, without the stops left with nothing to drop or collect: a
 * feasible start (it is the first trunk's timing, every stop reached no later), so the solve returns
 * nothing dearer. Without it the solve, on its short budget, could miss what the kept routes already
 * do and the kept routes went on driving to stations that no longer get anything (plan-wave seed 3,
 * HGS: ¥614.23 of trunk with six empty stops, against a re-routed ¥634.85 on three vehicles).
 */
function withoutEmptyStops(routes: PlannedRoute[]): StartingRoute[] {
  return routes.map((route) => ({ vehicleId: route.vehicleId, stops: route.stops.map((stop) => stop.shipmentIds).filter((ids) => ids.length > 0) }));
}

/**
 * The kept routes' work as tasks: per node, stop kind and direction, packed again, every shipment
 * must go (the last mile counts on it), and each task at a station must arrive by the first trunk's
 * unloading time there less the station's service time.
 */
export function keptTrunkTasks(input: Pick<TrunkRerouteInput, 'keptRoutes' | 'shipmentsById' | 'nodesById' | 'unloadedAtS' | 'chunk'>): WaveTask[] {
  type Group = { nodeId: string; kind: WaveTask['stopKind']; direction: WaveShipment['direction']; shipments: WaveShipment[]; keptArrivalS: number };
  const groups = new Map<string, Group>();
  for (const route of input.keptRoutes) {
    for (const stop of route.stops) {
      for (const id of stop.shipmentIds) {
        const shipment = input.shipmentsById.get(id)!;
        const key = `${stop.kind}:${stop.nodeId}:${shipment.direction}`;
        const group = groups.get(key) ?? { nodeId: stop.nodeId, kind: stop.kind, direction: shipment.direction, shipments: [], keptArrivalS: -Infinity };
        group.shipments.push(urgencyOf(shipment) === 'optional' ? { ...shipment, urgency: 'due' } : shipment);
        group.keptArrivalS = Math.max(group.keptArrivalS, stop.arrivalS);
        groups.set(key, group);
      }
    }
  }
  const tasks: WaveTask[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    const unloadedAtS = group.kind === 'station_transfer' ? input.unloadedAtS.get(group.nodeId) : undefined;
    const unloadingDueS = unloadedAtS === undefined ? undefined : unloadedAtS - (input.nodesById.get(group.nodeId)?.serviceTimeS ?? 0);
    // Pickups too: served at the same stop after the deliveries, they would hold the unloading up. A
    // kept route that collects them on a later visit may still do so (else the kept routes could not
    // be the solve's start: plan-wave seed 3, HGS).
    const latestArrivalS = unloadingDueS === undefined || group.direction === 'delivery' ? unloadingDueS : Math.max(unloadingDueS, group.keptArrivalS);
    for (const task of packTasks(group.direction, group.nodeId, group.kind, group.shipments, input.chunk)) {
      tasks.push(latestArrivalS === undefined ? task : { ...task, latestArrivalS });
    }
  }
  return tasks;
}

/** Every station the routes drop parcels at is unloaded no later than the last mile there leaves. */
function unloadsInTime(routes: PlannedRoute[], unloadedAtS: ReadonlyMap<string, number>, shipmentsById: ReadonlyMap<string, WaveShipment>): boolean {
  return routes.every((route) =>
    route.stops.every((stop) => {
      if (stop.kind !== 'station_transfer' || !stop.shipmentIds.some((id) => shipmentsById.get(id)?.direction === 'delivery')) return true;
      const limit = unloadedAtS.get(stop.nodeId);
      return limit !== undefined && stop.departureS <= limit;
    }),
  );
}

const shipmentCount = (routes: PlannedRoute[]) => routes.reduce((total, route) => total + route.stops.reduce((sum, stop) => sum + stop.shipmentIds.length, 0), 0);
const costFen = (routes: PlannedRoute[]) => routes.reduce((total, route) => total + route.costFen, 0);
