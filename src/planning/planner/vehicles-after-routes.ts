import type { PlannedRoute, WaveInput, WaveVehicle } from './wave-model';

/**
 * The vehicles as a follow-on wave may use them after `routes`: each that drove leaves again from its
 * last return plus its base's loading time, within what is left of its shift and maximum duration,
 * with no second fixed cost; one with nothing left is not offered. Unused vehicles are as they were.
 */
export function vehiclesAfterRoutes(input: Pick<WaveInput, 'nodes' | 'vehicles'>, routes: readonly PlannedRoute[]): WaveVehicle[] {
  const nodesById = new Map(input.nodes.map((node) => [node.id, node]));
  const driven = new Map<string, { returnS: number; durationS: number }>();
  for (const route of routes) {
    const sofar = driven.get(route.vehicleId) ?? { returnS: 0, durationS: 0 };
    driven.set(route.vehicleId, { returnS: Math.max(sofar.returnS, route.returnS), durationS: sofar.durationS + route.returnS - route.departureS });
  }
  return input.vehicles.flatMap((vehicle) => {
    const used = driven.get(vehicle.id);
    if (!used) return [vehicle];
    const shiftStartS = Math.max(vehicle.shiftStartS, used.returnS + (nodesById.get(vehicle.homeNodeId)?.serviceTimeS ?? 0));
    const maxDurationS = vehicle.maxDurationS === null ? null : vehicle.maxDurationS - used.durationS;
    if (shiftStartS >= vehicle.shiftEndS || (maxDurationS !== null && maxDurationS <= 0)) return [];
    return [{ ...vehicle, shiftStartS, maxDurationS, fixedCostFen: 0 }];
  });
}
