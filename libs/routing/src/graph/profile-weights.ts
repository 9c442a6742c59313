import { RoadGraph } from './road-graph';
import { ROAD_CLASSES, SURFACES, VehicleClass } from './road-types';
import { DEFAULT_TRAVEL_TIME_MODEL, TravelTimeModel, edgeDurationS } from './travel-time-model';

/**
 * Searches minimise duration first and distance second, so the distance of "the fastest path" is
 * well defined even when two paths tie on whole seconds. Both are packed into one float64 key,
 * `durationS * SEARCH_KEY_DISTANCE_SPAN + distanceM`, which stays exact (below 2^53) while a path is
 * shorter than 67,108 km and faster than 4 years: far beyond any county.
 */
export const SEARCH_KEY_DISTANCE_SPAN = 2 ** 26;

/** Integer arc weights of one vehicle class, computed once per graph and class. */
export interface ProfileWeights {
  vehicleClass: VehicleClass;
  /** Whole seconds per arc; -1 where the class may not drive. */
  durationS: Int32Array;
  /** Whole metres per arc. */
  distanceM: Int32Array;
  /** Packed search key per arc (see SEARCH_KEY_DISTANCE_SPAN); +Infinity where the class may not drive. */
  searchKey: Float64Array;
}

export function buildProfileWeights(graph: RoadGraph, vehicleClass: VehicleClass, model: TravelTimeModel = DEFAULT_TRAVEL_TIME_MODEL): ProfileWeights {
  const profile = model[vehicleClass];
  const durationS = new Int32Array(graph.arcCount);
  const distanceM = new Int32Array(graph.arcCount);
  const searchKey = new Float64Array(graph.arcCount);
  for (let arc = 0; arc < graph.arcCount; arc++) {
    const lengthM = graph.arcLengthM[arc];
    const seconds = edgeDurationS(profile, {
      lengthM,
      roadClass: ROAD_CLASSES[graph.arcRoadClass[arc]],
      surface: SURFACES[graph.arcSurface[arc]],
      climbM: graph.arcClimbM[arc],
      descentM: graph.arcDescentM[arc],
    });
    distanceM[arc] = Math.round(lengthM);
    durationS[arc] = seconds ?? -1;
    searchKey[arc] = seconds === null ? Infinity : seconds * SEARCH_KEY_DISTANCE_SPAN + distanceM[arc];
  }
  return { vehicleClass, durationS, distanceM, searchKey };
}
