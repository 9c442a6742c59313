import { addLoad, EMPTY_LOAD, Load, loadFits, shipmentLoad, ShipmentDirection, StopKind, WaveShipment } from './wave-model';
import { urgencyRank } from './task-penalty';

/**
 * A solver job: shipments of one direction handed over at one node by one vehicle. Demand is
 * aggregated per node so that a van stops once at a village for all its parcels, and split into
 * several tasks only when it exceeds what one vehicle can carry.
 */
export interface WaveTask {
  id: string;
  direction: ShipmentDirection;
  nodeId: string;
  stopKind: StopKind;
  shipments: WaveShipment[];
  load: Load;
  /** A must-go station transfer: the trunk must arrive by then (station-deadlines.ts). */
  latestArrivalS?: number;
}

/**
 * Packs shipments (most urgent first, then in id order, so the result does not depend on database
 * order) first-fit into tasks no bigger than `chunkCapacity`. A shipment that does not fit even alone
 * gets a task of its own, which the solver then reports as unassigned for capacity instead of dragging
 * a whole village down with it. `group` tells apart two task sets at one node (a village's optional work).
 */
export function packTasks(direction: ShipmentDirection, nodeId: string, stopKind: StopKind, shipments: WaveShipment[], chunkCapacity: Load, group = ''): WaveTask[] {
  const sorted = [...shipments].sort((a, b) => urgencyRank(a) - urgencyRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chunks: Array<{ shipments: WaveShipment[]; load: Load }> = [];
  for (const shipment of sorted) {
    const load = shipmentLoad(shipment);
    const open = chunks.find((chunk) => loadFits(chunk.load, chunkCapacity) && loadFits(addLoad(chunk.load, load), chunkCapacity));
    if (open) {
      open.shipments.push(shipment);
      open.load = addLoad(open.load, load);
    } else {
      chunks.push({ shipments: [shipment], load });
    }
  }
  const prefix = `${stopKind === 'station_transfer' ? 'station' : 'village'}:${direction}:${nodeId}${group ? `:${group}` : ''}`;
  return chunks.map((chunk, index) => ({ id: `${prefix}:${index + 1}`, direction, nodeId, stopKind, shipments: chunk.shipments, load: chunk.load }));
}

/** The capacity of the vehicle that carries the most weight (then volume): the size tasks are cut to. */
export function largestCapacity(capacities: Load[]): Load {
  let largest: Load = EMPTY_LOAD;
  for (const capacity of capacities) {
    if (capacity.weightG > largest.weightG || (capacity.weightG === largest.weightG && capacity.volumeCm3 > largest.volumeCm3)) largest = capacity;
  }
  return largest;
}

/**
 * The size a depot's tasks are cut to: the largest capacity that at least half of its vehicles have
 * (by weight, then volume). Cut to the largest vehicle, a busy day's tasks fit only the few biggest
 * (a hub's two trucks), which then run out of trips while the vans wait; cut to the common size, any
 * of most vehicles can take any task, and a big vehicle takes several.
 */
export function commonCapacity(capacities: Load[]): Load {
  const sorted = [...capacities].sort((a, b) => b.weightG - a.weightG || b.volumeCm3 - a.volumeCm3);
  return sorted[Math.ceil(sorted.length / 2) - 1] ?? EMPTY_LOAD;
}

/** Groups shipments by a key, keeping keys in first-seen order of the id-sorted input. */
export function groupShipments<T extends WaveShipment>(shipments: T[], keyOf: (shipment: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  const sorted = [...shipments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const shipment of sorted) {
    const key = keyOf(shipment);
    const group = groups.get(key);
    if (group) group.push(shipment);
    else groups.set(key, [shipment]);
  }
  return groups;
}
