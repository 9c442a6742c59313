import { isServiceDay, VillageCalendars } from '../../network/service-calendar';
import type { MatrixSource, NodeMatrix, WaveInput, WaveNode, WaveVehicle } from '../planner/wave-model';
import { OfferedShipment, servingDepotId } from './shipment-urgency';

/**
 * The penalty of an optional shipment: what serving it on its village's next service day is estimated
 * to cost, so that the solver serves it today only when that is cheaper (docs/planning.md).
 *
 * A visit's marginal cost on that day is estimated as the detour of a vehicle already passing the
 * village's nearest neighbour that is served that day (its depot, or a village of the same depot whose
 * calendar serves that day): a round trip neighbour → village → neighbour, plus the village's service
 * time, priced with the cost table of the depot's largest vehicle. A station's village also needs the
 * trunk to bring the parcels to the station again: the station's detour from its nearest neighbour on
 * the trunk (the hub or another station with vehicles), priced with the hub's largest vehicle, plus its
 * service time. Each visit is shared by the parcels known to wait for it: the optional parcels of the
 * village (of the station, for the trunk). Future demand would share it too; leaving it out makes the
 * later day look dearer, so the estimate leans towards going today.
 */
export async function deferralPenalties(
  input: Pick<WaveInput, 'hubNodeId' | 'nodes' | 'vehicles'>,
  offered: readonly OfferedShipment[],
  calendars: ReadonlyMap<string, VillageCalendars>,
  matrices: MatrixSource,
): Promise<Map<string, DeferralPenalty>> {
  const optional = offered.filter((entry) => entry.urgency === 'optional' && entry.nextServiceDay !== null);
  const nodesById = new Map(input.nodes.map((node) => [node.id, node]));
  const fleetByDepot = new Map<string, WaveVehicle[]>();
  for (const vehicle of input.vehicles) fleetByDepot.set(vehicle.homeNodeId, [...(fleetByDepot.get(vehicle.homeNodeId) ?? []), vehicle]);
  const depotOf = (villageId: string) => servingDepotId(nodesById.get(villageId)!, nodesById, fleetByDepot, input.hubNodeId);
  const noCalendar: VillageCalendars = { own: null, station: null };

  // The villages each depot serves: the candidates for a village's neighbour on its next service day.
  const villagesByDepot = new Map<string, string[]>();
  for (const node of input.nodes) {
    if (node.tier !== 'village_point') continue;
    const depotId = depotOf(node.id);
    villagesByDepot.set(depotId, [...(villagesByDepot.get(depotId) ?? []), node.id]);
  }

  const villageVisitFen = new Map<string, number>();
  for (const depotId of new Set(optional.map((entry) => depotOf(entry.shipment.villageNodeId)))) {
    const vehicle = largestVehicle(fleetByDepot.get(depotId));
    if (!vehicle) continue;
    const nodeIds = [depotId, ...(villagesByDepot.get(depotId) ?? [])];
    const legs = legCosts(await matrices(nodeIds, vehicle.vehicleClass), vehicle);
    for (const entry of optional.filter((candidate) => depotOf(candidate.shipment.villageNodeId) === depotId)) {
      const villageId = entry.shipment.villageNodeId;
      if (villageVisitFen.has(villageId)) continue;
      const servedThatDay = (id: string) => id === depotId || (id !== villageId && isServiceDay(calendars.get(id) ?? noCalendar, entry.nextServiceDay!));
      villageVisitFen.set(villageId, visitCostFen(legs, nodeIds.indexOf(villageId), nodeIds.map(servedThatDay), nodesById.get(villageId)!, vehicle));
    }
  }

  const stationVisitFen = new Map<string, number>();
  const stations = [...fleetByDepot.keys()].filter((id) => id !== input.hubNodeId && nodesById.get(id)?.tier === 'township_station').sort();
  const trunkVehicle = largestVehicle(fleetByDepot.get(input.hubNodeId));
  const stationsWithOptional = new Set(optional.map((entry) => depotOf(entry.shipment.villageNodeId)).filter((id) => id !== input.hubNodeId));
  if (trunkVehicle && stationsWithOptional.size > 0) {
    const nodeIds = [input.hubNodeId, ...stations];
    const legs = legCosts(await matrices(nodeIds, trunkVehicle.vehicleClass), trunkVehicle);
    for (const stationId of stationsWithOptional) {
      stationVisitFen.set(
        stationId,
        visitCostFen(
          legs,
          nodeIds.indexOf(stationId),
          nodeIds.map(() => true),
          nodesById.get(stationId)!,
          trunkVehicle,
        ),
      );
    }
  }

  // Each visit shared by the optional parcels waiting for it.
  const parcelsAt = new Map<string, number>();
  for (const entry of optional) {
    for (const key of [entry.shipment.villageNodeId, depotOf(entry.shipment.villageNodeId)]) parcelsAt.set(key, (parcelsAt.get(key) ?? 0) + entry.shipment.parcelCount);
  }
  const penalties = new Map<string, DeferralPenalty>();
  for (const entry of optional) {
    const villageId = entry.shipment.villageNodeId;
    const depotId = depotOf(villageId);
    const trunkPerParcel = (stationVisitFen.get(depotId) ?? 0) / parcelsAt.get(depotId)!;
    const perParcel = (villageVisitFen.get(villageId) ?? 0) / parcelsAt.get(villageId)! + trunkPerParcel;
    const penaltyFen = Math.max(1, Math.round(perParcel * entry.shipment.parcelCount));
    penalties.set(entry.shipment.id, { penaltyFen, trunkShareFen: Math.min(penaltyFen - 1, Math.round(trunkPerParcel * entry.shipment.parcelCount)) });
  }
  return penalties;
}

/** An optional shipment's estimated cost of waiting, and the trunk's share of it (its station's next visit). */
export interface DeferralPenalty {
  penaltyFen: number;
  trunkShareFen: number;
}

/** The depot's vehicle that carries the most (the one tasks are cut to): its cost table prices the estimate. */
function largestVehicle(vehicles: WaveVehicle[] | undefined): WaveVehicle | undefined {
  return [...(vehicles ?? [])].sort((a, b) => b.capacity.weightG - a.capacity.weightG || b.capacity.volumeCm3 - a.capacity.volumeCm3 || (a.id < b.id ? -1 : 1))[0];
}

/** Cost of each leg, fen (unrounded), or null where there is no road. */
function legCosts(matrix: NodeMatrix, vehicle: WaveVehicle): Array<number | null> {
  return Array.from(matrix.distanceM, (distanceM, index) => {
    const durationS = matrix.durationS[index]!;
    return distanceM < 0 || durationS < 0 ? null : (distanceM * vehicle.costPerKmFen) / 1000 + (durationS * vehicle.costPerHourFen) / 3600;
  });
}

/** Cheapest round trip from a neighbour served that day, plus the node's service time; the service time alone when none is reachable. */
function visitCostFen(legs: Array<number | null>, at: number, served: boolean[], node: WaveNode, vehicle: WaveVehicle): number {
  const size = served.length;
  let detour = Infinity;
  for (let other = 0; other < size; other++) {
    if (other === at || !served[other]) continue;
    const out = legs[other * size + at];
    const back = legs[at * size + other];
    if (out !== null && out !== undefined && back !== null && back !== undefined) detour = Math.min(detour, out + back);
  }
  return (Number.isFinite(detour) ? detour : 0) + (node.serviceTimeS * vehicle.costPerHourFen) / 3600;
}
