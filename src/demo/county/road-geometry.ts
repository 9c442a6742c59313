import { Random } from '@rural-dispatch/routing';
import { haversineM, initialBearingRad, offsetPoint, polylineLengthM, roundLonLat, type LonLat } from './geo';

/** One end of a road: a node's code, point and elevation. */
export interface RoadEnd {
  code: string;
  point: LonLat;
  elevationM: number;
}

export interface RoadShape {
  coordinates: LonLat[];
  lengthM: number;
  climbM: number;
  descentM: number;
}

/** The mountain-road rule (documented in docs/demo-county.md). */
export const ROAD_SHAPE_RULE = {
  minCircuity: 1.4,
  maxCircuity: 1.8,
  /** One bend (intermediate vertex) per this many metres of straight distance. */
  bendSpacingM: 700,
  maxBends: 24,
  /** Ups and downs on top of the net elevation change, per km of road, drawn in this range. */
  minUndulationMPerKm: 5,
  maxUndulationMPerKm: 25,
} as const;

/**
 * A winding polyline from `from` to `to`: bends at even steps along the straight line, pushed
 * alternately left and right by a seeded share of one amplitude, which is found by bisection so
 * that the road is a seeded 1.4–1.8 times longer than the straight line, as valley roads are.
 * Climb and descent are the net elevation change plus a seeded undulation per km.
 */
export function windingRoad(from: RoadEnd, to: RoadEnd, random: Random): RoadShape {
  const straightM = haversineM(from.point, to.point);
  const circuity = ROAD_SHAPE_RULE.minCircuity + (ROAD_SHAPE_RULE.maxCircuity - ROAD_SHAPE_RULE.minCircuity) * random.nextFloat();
  const bendCount = Math.min(ROAD_SHAPE_RULE.maxBends, Math.max(1, Math.round(straightM / ROAD_SHAPE_RULE.bendSpacingM)));
  const bendShares = Array.from({ length: bendCount }, (_, index) => (index % 2 === 0 ? 1 : -1) * (0.6 + 0.4 * random.nextFloat()));
  const bearing = initialBearingRad(from.point, to.point);
  const shape = (amplitudeM: number): LonLat[] => {
    const points: LonLat[] = [from.point];
    bendShares.forEach((share, index) => {
      const along = offsetPoint(from.point, bearing, (straightM * (index + 1)) / (bendCount + 1));
      points.push(offsetPoint(along, bearing + Math.PI / 2, share * amplitudeM));
    });
    points.push(to.point);
    return points;
  };
  // Length grows monotonically with the amplitude; 40 halvings of [0, 2 × straight] are ample.
  let lowM = 0;
  let highM = 2 * straightM;
  for (let step = 0; step < 40; step++) {
    const midM = (lowM + highM) / 2;
    if (polylineLengthM(shape(midM)) < circuity * straightM) lowM = midM;
    else highM = midM;
  }
  const coordinates = shape(lowM).map((point, index, all) => (index === 0 || index === all.length - 1 ? point : roundLonLat(point)));
  const lengthM = Math.max(1, Math.round(polylineLengthM(coordinates)));
  const undulationPerKm = ROAD_SHAPE_RULE.minUndulationMPerKm + (ROAD_SHAPE_RULE.maxUndulationMPerKm - ROAD_SHAPE_RULE.minUndulationMPerKm) * random.nextFloat();
  const undulationM = Math.round((lengthM / 1000) * undulationPerKm);
  const netM = to.elevationM - from.elevationM;
  return { coordinates, lengthM, climbM: Math.max(0, netM) + undulationM, descentM: Math.max(0, -netM) + undulationM };
}
