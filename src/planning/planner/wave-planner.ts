import { DepotSolveDependencies } from './depot-solve';
import { summariseRoute, unassignedShipments } from './solution-reader';
import { planDepotTrips } from './depot-trips';
import { rerouteTrunk } from './trunk-reroute';
import { commonCapacity, groupShipments, packTasks, WaveTask } from './wave-tasks';
import { urgencyOf } from './task-penalty';
import { stationDropDeadlines, transferLatestArrivalS } from './station-deadlines';
import { earliestUnloadS, solveStationRound } from './station-round';
import { PlannedRoute, PlannedStop, ProblemStatistics, UnassignedShipment, WaveInput, WaveNode, WavePlan, WaveShipment, WaveTotals, WaveVehicle } from './wave-model';

export { iterationBudget } from './depot-solve';

export interface WavePlannerDependencies extends DepotSolveDependencies {
  /** Called between solver runs with a stage name and a percentage of the whole plan. */
  onStage?: (stage: string, percent: number) => Promise<void> | void;
}

/** Share of the time budget the trunk gets; the township stations share the rest but the re-routed trunk's. */
const TRUNK_TIME_SHARE = 0.4;
/** Share kept for solving the trunk again for what the last mile took (trunk-reroute.ts), with what the stations leave unused. */
const TRUNK_REROUTE_TIME_SHARE = 0.1;
/**
 * Share each station's must-go round may take (station-round.ts); a round is small and ends on its
 * few iterations long before (13-192 ms of the 800 ms this allows at 8 s on plan-wave seed 1, HGS
 * with a cold solver thread), and what it does not use stays with the stations.
 */
const STATION_ROUND_TIME_SHARE = 0.1;

/**
 * Plans one wave in three tiers: trunk first (hub vehicles carry each supplied township's total and
 * serve villages whose township has no vehicle of its own), then each township station's last mile,
 * whose vehicles may leave only once the trunk has unloaded there. Pure apart from the injected
 * matrix source and solver: same input, same seed, same iteration counts ⇒ same plan.
 */
export async function planWave(input: WaveInput, deps: WavePlannerDependencies): Promise<WavePlan> {
  const nodesById = new Map(input.nodes.map((node) => [node.id, node]));
  if (!nodesById.has(input.hubNodeId)) throw new RangeError(`hub ${input.hubNodeId} is not among the nodes`);
  const vehiclesByHome = groupBy(input.vehicles, (vehicle) => vehicle.homeNodeId);
  const shipmentsById = new Map(input.shipments.map((shipment) => [shipment.id, shipment]));
  const unassigned: UnassignedShipment[] = [];
  const statistics: ProblemStatistics[] = [];

  // Which township station serves each village: its parent, if that station has vehicles of its own.
  const servingStation = (shipment: WaveShipment): WaveNode | null => {
    const parent = nodesById.get(nodesById.get(shipment.villageNodeId)?.parentId ?? '');
    return parent?.tier === 'township_station' && vehiclesByHome.has(parent.id) ? parent : null;
  };
  const known = input.shipments.filter((shipment) => {
    if (nodesById.get(shipment.villageNodeId)?.tier === 'village_point') return true;
    unassigned.push({ shipmentId: shipment.id, villageNodeId: shipment.villageNodeId, reason: 'unreachable', echelon: 'last_mile' });
    return false;
  });
  const byStation = groupShipments(
    known.filter((shipment) => servingStation(shipment) !== null),
    (shipment) => servingStation(shipment)!.id,
  );
  const direct = known.filter((shipment) => servingStation(shipment) === null);
  const stationIds = [...byStation.keys()].sort((a, b) => compareCodes(nodesById, a, b));

  // Trunk: hub vehicles take station transfers and the directly served villages.
  await deps.onStage?.('trunk', 10);
  const hubVehicles = vehiclesByHome.get(input.hubNodeId) ?? [];
  const hubChunk = commonCapacity(hubVehicles.map((vehicle) => vehicle.capacity));
  const trunkTasks: WaveTask[] = [];
  let roundsRuntimeMs = 0;
  for (const stationId of stationIds) {
    const station = nodesById.get(stationId)!;
    const atStation = byStation.get(stationId)!;
    const mustGoVillages = [...new Set(atStation.filter((shipment) => urgencyOf(shipment) !== 'optional').map((shipment) => shipment.villageNodeId))].map((id) =>
      nodesById.get(id)!,
    );
    const stationVehicles = vehiclesByHome.get(stationId)!;
    const deadlines = await stationDropDeadlines(station, mustGoVillages, stationVehicles, input.serviceDate, deps.matrices);
    // Express and late parcels for a village none of the station's vehicles can still reach, whenever
    // the trunk drops (in a follow-on wave they leave again only late in the afternoon), go from the hub
    // directly. Due work waits for the station (a van from the hub for each would cost more than the
    // promise is worth).
    const firstStartS = Math.min(...stationVehicles.map((vehicle) => vehicle.shiftStartS));
    const outOfReach = (shipment: WaveShipment) => {
      const deadline = deadlines.get(shipment.villageNodeId);
      return isUrgent(shipment) && deadline !== undefined && isFinite(deadline) && deadline < firstStartS;
    };
    direct.push(...atStation.filter(outOfReach));
    const viaStation = atStation.filter((shipment) => !outOfReach(shipment));
    const round = await solveStationRound(
      {
        station,
        tasks: mustGoDeliveryTasks(viaStation, commonCapacity(stationVehicles.map((vehicle) => vehicle.capacity))),
        vehicles: stationVehicles,
        serviceDate: input.serviceDate,
        nodesById,
        seed: input.seed,
        timeLimitMs: input.timeLimitMs * STATION_ROUND_TIME_SHARE,
      },
      deps,
    );
    roundsRuntimeMs += round.statistics.runtimeMs;
    if (round.statistics.jobs > 0) statistics.push(round.statistics);
    // A round no trunk can supply in time would only make the trunk leave the transfer open: then as early as the trunk can be there.
    const roundDeadlineS =
      round.latestUnloadedS === undefined ? undefined : Math.max(round.latestUnloadedS, await earliestUnloadS(input.hubNodeId, station, hubVehicles, deps.matrices));
    for (const task of directionTasks(stationId, 'station_transfer', viaStation, hubChunk)) {
      const latestArrivalS = task.direction === 'delivery' ? transferLatestArrivalS(task.shipments, deadlines, station.serviceTimeS, roundDeadlineS) : undefined;
      trunkTasks.push(latestArrivalS === undefined ? task : { ...task, latestArrivalS });
    }
  }
  for (const [villageId, shipments] of groupShipments(direct, (shipment) => shipment.villageNodeId)) {
    trunkTasks.push(...directionTasks(villageId, 'village', shipments, hubChunk));
  }
  const stationCount = Math.max(1, stationIds.length);
  const trunk = await planDepotTrips(
    {
      name: 'trunk',
      serviceDate: input.serviceDate,
      depotNodeId: input.hubNodeId,
      echelonOf: (stops) => (stops.some(isTransfer) ? 'trunk' : 'last_mile'),
      nodesById,
      vehicles: hubVehicles,
      tasks: trunkTasks,
      seed: input.seed,
      timeLimitMs: input.timeLimitMs * (stationIds.length ? TRUNK_TIME_SHARE : 1),
      startingRoutes: input.startingRoutes,
    },
    deps,
  );
  statistics.push(...trunk.statistics);
  unassigned.push(...unassignedShipments(trunk.unassigned, 'trunk'));
  const trunkRoutes = trunk.routes;

  // Last mile: per station, only what the trunk brings (deliveries) or takes away (pickups).
  const suppliedIds = new Set(trunkRoutes.flatMap((route) => route.stops.filter(isTransfer).flatMap((stop) => stop.shipmentIds)));
  const lastMileRoutes: PlannedRoute[] = [];
  const unloadedAtS = new Map<string, number>();
  const rerouteReserveMs = stationIds.length ? input.timeLimitMs * TRUNK_REROUTE_TIME_SHARE : 0;
  let remainingMs = input.timeLimitMs - rerouteReserveMs - roundsRuntimeMs - trunk.statistics.reduce((total, run) => total + run.runtimeMs, 0);
  const stationTasks = stationIds.map((stationId) => {
    const supplied = withoutUnsavedTrunkShare(byStation.get(stationId)!.filter((shipment) => suppliedIds.has(shipment.id)));
    const chunk = commonCapacity(vehiclesByHome.get(stationId)!.map((vehicle) => vehicle.capacity));
    return [...groupShipments(supplied, (shipment) => shipment.villageNodeId)].flatMap(([villageId, shipments]) => directionTasks(villageId, 'village', shipments, chunk));
  });
  let tasksToCome = stationTasks.reduce((total, tasks) => total + tasks.length, 0);
  for (const [position, stationId] of stationIds.entries()) {
    await deps.onStage?.(`last_mile:${nodesById.get(stationId)!.code}`, 40 + Math.round((50 * position) / stationCount));
    const stationVehicles = vehiclesByHome.get(stationId)!;
    const tasks = stationTasks[position]!;
    // Each station's share of the time left is its share of the tasks left: an even split starved
    // the busy stations (HGS at 8 s under load: 23 of 200 iterations on one, while stations of a few
    // optional tasks ended on their budget in a fraction of theirs).
    const timeLimitMs = tasksToCome > 0 ? (remainingMs * tasks.length) / tasksToCome : 0;
    tasksToCome -= tasks.length;
    const earliestStartS = trunkUnloadedAtS(trunkRoutes, stationId, shipmentsById);
    if (earliestStartS !== undefined) unloadedAtS.set(stationId, earliestStartS);
    const lastMile = await planDepotTrips(
      {
        name: `last_mile:${nodesById.get(stationId)!.code}`,
        serviceDate: input.serviceDate,
        depotNodeId: stationId,
        earliestStartS,
        echelonOf: () => 'last_mile',
        nodesById,
        vehicles: stationVehicles,
        tasks,
        seed: input.seed + position + 1,
        // What earlier runs left unused (they stopped on their iteration budget) goes to the stations still to come.
        timeLimitMs,
        startingRoutes: input.startingRoutes,
      },
      deps,
    );
    remainingMs -= lastMile.statistics.reduce((total, run) => total + run.runtimeMs, 0);
    statistics.push(...lastMile.statistics);
    unassigned.push(...unassignedShipments(lastMile.unassigned, 'last_mile'));
    lastMileRoutes.push(...lastMile.routes);
  }

  // Parcels the last mile cannot take stay at the hub: drop them from the trunk's transfer stops.
  const servedIds = new Set([...trunkRoutes, ...lastMileRoutes].flatMap((route) => route.stops.filter((stop) => stop.kind === 'village').flatMap((stop) => stop.shipmentIds)));
  // A trunk route left with nothing to drop or collect (every last mile it supplied declined its load) does not run.
  const carrying = (route: PlannedRoute) => route.stops.some((stop) => stop.shipmentIds.length > 0);
  const keptRoutes = trunkRoutes.map((route) => keepOnlyServed(route, servedIds, shipmentsById)).filter(carrying);
  await deps.onStage?.('trunk:reroute', 88);
  const rerouted = !stationIds.length
    ? { routes: keptRoutes, statistics: [] }
    : await rerouteTrunk(
        {
          serviceDate: input.serviceDate,
          hubNodeId: input.hubNodeId,
          nodesById,
          hubVehicles,
          chunk: hubChunk,
          solvedRoutes: trunkRoutes,
          keptRoutes,
          unloadedAtS,
          shipmentsById,
          seed: input.seed,
          timeLimitMs: Math.max(rerouteReserveMs, remainingMs),
        },
        deps,
      );
  statistics.push(...rerouted.statistics);
  await deps.onStage?.('assemble', 90);
  const routes = [...rerouted.routes, ...lastMileRoutes];
  unassigned.sort((a, b) => (a.shipmentId < b.shipmentId ? -1 : a.shipmentId > b.shipmentId ? 1 : 0));
  const plannedShipmentIds = [...servedIds].sort();
  return { routes, plannedShipmentIds, unassigned, totals: waveTotals(routes, plannedShipmentIds, shipmentsById), statistics };
}

/**
 * A node's tasks, deliveries then pickups. Optional shipments are tasks of their own, so the solver
 * can leave them for a later day without leaving what must go. At a station too: packed with what must
 * go, the backlog a consolidating county carries would swell every transfer to a truckload that only
 * the biggest vehicles can take; the optional transfers the trunk brings, the station's last mile
 * weighs again.
 */
export function directionTasks(nodeId: string, stopKind: PlannedStop['kind'], shipments: WaveShipment[], chunk: WaveVehicle['capacity']): WaveTask[] {
  return (['delivery', 'pickup'] as const).flatMap((direction) => {
    const ofDirection = shipments.filter((shipment) => shipment.direction === direction);
    const optional = (shipment: WaveShipment) => urgencyOf(shipment) === 'optional';
    return [
      ...packTasks(
        direction,
        nodeId,
        stopKind,
        ofDirection.filter((shipment) => !optional(shipment)),
        chunk,
      ),
      ...packTasks(direction, nodeId, stopKind, ofDirection.filter(optional), chunk, 'optional'),
    ];
  });
}

/**
 * A station's supplied shipments as its last mile weighs them. An optional shipment's penalty holds
 * the trunk's share of the station's next visit; where the trunk brings nothing that must go, going
 * today does not save that visit (the trunk must come today instead, a cost the last mile does not
 * see), so the last mile weighs the rest only. Without this, on plan-wave seed 3 HGS sent vehicles
 * out for optional work alone at five such stations: 85 parcels more for ¥472 more, ¥225 of it trunk.
 */
export function withoutUnsavedTrunkShare(supplied: WaveShipment[]): WaveShipment[] {
  if (supplied.some((shipment) => urgencyOf(shipment) !== 'optional')) return supplied;
  return supplied.map((shipment) =>
    shipment.deferralTrunkShareFen ? { ...shipment, deferralPenaltyFen: Math.max(1, (shipment.deferralPenaltyFen ?? 0) - shipment.deferralTrunkShareFen) } : shipment,
  );
}

/** The must-go deliveries among a station's shipments, as its last mile would get them (one task per village and chunk). */
function mustGoDeliveryTasks(shipments: WaveShipment[], chunk: WaveVehicle['capacity']): WaveTask[] {
  const mustGo = shipments.filter((shipment) => shipment.direction === 'delivery' && urgencyOf(shipment) !== 'optional');
  return [...groupShipments(mustGo, (shipment) => shipment.villageNodeId)].flatMap(([villageId, ofVillage]) => directionTasks(villageId, 'village', ofVillage, chunk));
}

const isTransfer = (stop: PlannedStop) => stop.kind === 'station_transfer';
const isUrgent = (shipment: WaveShipment) => urgencyOf(shipment) === 'express' || urgencyOf(shipment) === 'late';

/** When the last trunk stop that drops parcels at the station has finished unloading; undefined if none does. */
function trunkUnloadedAtS(trunkRoutes: PlannedRoute[], stationId: string, shipmentsById: Map<string, WaveShipment>): number | undefined {
  let latest: number | undefined;
  for (const route of trunkRoutes) {
    for (const stop of route.stops) {
      const drops = stop.nodeId === stationId && stop.shipmentIds.some((id) => shipmentsById.get(id)?.direction === 'delivery');
      if (drops) latest = Math.max(latest ?? 0, stop.departureS);
    }
  }
  return latest;
}

/** The route with its transfer stops restricted to shipments the last mile actually serves. */
function keepOnlyServed(route: PlannedRoute, servedIds: Set<string>, shipmentsById: Map<string, WaveShipment>): PlannedRoute {
  const stops = route.stops.map((stop) => {
    if (stop.kind !== 'station_transfer') return stop;
    const kept = stop.shipmentIds.filter((id) => servedIds.has(id)).map((id) => shipmentsById.get(id)!);
    const sum = (direction: WaveShipment['direction'], pick: (shipment: WaveShipment) => number) =>
      kept.filter((shipment) => shipment.direction === direction).reduce((total, shipment) => total + pick(shipment), 0);
    return {
      ...stop,
      parcelsDelivered: sum('delivery', (shipment) => shipment.parcelCount),
      parcelsPickedUp: sum('pickup', (shipment) => shipment.parcelCount),
      weightDeliveredG: sum('delivery', (shipment) => shipment.weightG),
      weightPickedUpG: sum('pickup', (shipment) => shipment.weightG),
      volumeDeliveredCm3: sum('delivery', (shipment) => shipment.volumeCm3),
      volumePickedUpCm3: sum('pickup', (shipment) => shipment.volumeCm3),
      shipmentIds: kept.map((shipment) => shipment.id),
    };
  });
  return summariseRoute({ ...route, stops });
}

export function waveTotals(routes: PlannedRoute[], plannedShipmentIds: string[], shipmentsById: Map<string, WaveShipment>): WaveTotals {
  const costFen = routes.reduce((total, route) => total + route.costFen, 0);
  const parcels = plannedShipmentIds.reduce((total, id) => total + shipmentsById.get(id)!.parcelCount, 0);
  return {
    costFen,
    distanceM: routes.reduce((total, route) => total + route.distanceM, 0),
    durationS: routes.reduce((total, route) => total + route.durationS, 0),
    parcels,
    costPerParcelFen: parcels > 0 ? Math.round(costFen / parcels) : null,
    vehiclesUsed: new Set(routes.map((route) => route.vehicleId)).size,
  };
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

function compareCodes(nodesById: Map<string, WaveNode>, a: string, b: string): number {
  const codeA = nodesById.get(a)!.code;
  const codeB = nodesById.get(b)!.code;
  return codeA < codeB ? -1 : codeA > codeB ? 1 : 0;
}
