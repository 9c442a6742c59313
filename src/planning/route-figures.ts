import type { PlannedRoute, PlannedStop } from './planner/wave-model';

/** The route fields that a planned route, its stored row and its API response share name for name. */
export type RouteFigures = Pick<PlannedRoute, 'vehicleId' | 'echelon' | 'startNodeId' | 'distanceM' | 'durationS' | 'costFen' | 'parcelsDelivered' | 'parcelsPickedUp'>;

/** The stop fields that a planned stop, its stored row and its API response share name for name. */
export type StopFigures = Pick<
  PlannedStop,
  'sequence' | 'nodeId' | 'kind' | 'parcelsDelivered' | 'parcelsPickedUp' | 'weightDeliveredG' | 'weightPickedUpG' | 'volumeDeliveredCm3' | 'volumePickedUpCm3' | 'shipmentIds'
>;

export function routeFigures(route: RouteFigures): RouteFigures {
  const { vehicleId, echelon, startNodeId, distanceM, durationS, costFen, parcelsDelivered, parcelsPickedUp } = route;
  return { vehicleId, echelon, startNodeId, distanceM, durationS, costFen, parcelsDelivered, parcelsPickedUp };
}

export function stopFigures(stop: StopFigures): StopFigures {
  const { sequence, nodeId, kind, parcelsDelivered, parcelsPickedUp, weightDeliveredG, weightPickedUpG, volumeDeliveredCm3, volumePickedUpCm3, shipmentIds } = stop;
  return { sequence, nodeId, kind, parcelsDelivered, parcelsPickedUp, weightDeliveredG, weightPickedUpG, volumeDeliveredCm3, volumePickedUpCm3, shipmentIds };
}
