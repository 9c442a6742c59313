import { openingWindows } from './opening-windows';
import type { MatrixSource, WaveNode, WaveShipment, WaveVehicle } from './wave-model';
import { vehicleClassesOf } from './depot-problem';

/**
 * The trunk's deadline at a station, per village: the latest the trunk may finish unloading there so
 * that one of the station's vehicles can still reach the village (before it closes, and back before
 * its shift ends). The trunk is solved first and for cost alone; without a deadline it supplied far
 * stations late in the morning, and their last mile could no longer reach the farthest villages with
 * parcels that had to go that day (express, due), which were then left open for `time_window`.
 */
export async function stationDropDeadlines(
  station: WaveNode,
  villages: readonly WaveNode[],
  vehicles: readonly WaveVehicle[],
  serviceDate: string,
  matrices: MatrixSource,
): Promise<Map<string, number>> {
  const deadlines = new Map<string, number>();
  if (vehicles.length === 0 || villages.length === 0) return deadlines;
  const nodeIds = [station.id, ...villages.map((village) => village.id)];
  for (const vehicleClass of vehicleClassesOf([...vehicles])) {
    const matrix = await matrices(nodeIds, vehicleClass);
    const size = nodeIds.length;
    const shiftEndS = Math.max(...vehicles.filter((vehicle) => vehicle.vehicleClass === vehicleClass).map((vehicle) => vehicle.shiftEndS));
    villages.forEach((village, index) => {
      const out = matrix.durationS[index + 1]!;
      const back = matrix.durationS[(index + 1) * size]!;
      if (out < 0 || back < 0) return;
      const windows = openingWindows(village.openingHours, serviceDate, village.serviceTimeS);
      const latestServiceStartS = windows === null ? Infinity : (windows[windows.length - 1]?.endS ?? -Infinity);
      const latestS = Math.min(shiftEndS - back - village.serviceTimeS - out, latestServiceStartS - out);
      deadlines.set(village.id, Math.max(deadlines.get(village.id) ?? -Infinity, latestS));
    });
  }
  return deadlines;
}

/**
 * The latest arrival of a must-go transfer task at its station: its most demanding village's drop
 * deadline, or the station's must-go round's (station-round.ts) if earlier, less the unloading (the
 * station's service time). Undefined when nothing in it must go, or nothing gives a deadline.
 */
export function transferLatestArrivalS(
  shipments: readonly WaveShipment[],
  deadlines: ReadonlyMap<string, number>,
  unloadingS: number,
  roundDeadlineS?: number,
): number | undefined {
  let latest: number | undefined;
  for (const shipment of shipments) {
    if ((shipment.urgency ?? 'due') === 'optional') continue;
    const deadline = Math.min(deadlines.get(shipment.villageNodeId) ?? Infinity, roundDeadlineS ?? Infinity);
    if (deadline !== Infinity) latest = Math.min(latest ?? Infinity, deadline - unloadingS);
  }
  return latest;
}
