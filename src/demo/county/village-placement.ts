import { Random } from '@rural-dispatch/routing';
import { haversineM, insideBox, offsetPoint, roundLonLat, type BoundingBox, type LonLat } from './geo';

/** A township seat with a surveyed point, the centre its villages are placed around. */
export interface PlacementSeat {
  code: string;
  point: LonLat;
  elevationM: number;
}

export interface PlacementVillage {
  code: string;
  townshipCode: string;
  urban: boolean;
}

export interface PlacedVillage {
  code: string;
  point: LonLat;
  elevationM: number;
}

/**
 * The placement rule (documented in docs/demo-county.md). Radii in metres, elevations in metres.
 * Village committees sit 1.5 km to `reach` from their seat; residents' committees (社区) are part
 * of the town itself and sit 0.3–1.2 km from it.
 */
export const PLACEMENT_RULE = {
  villageMinRadiusM: 1_500,
  reachMinM: 2_500,
  reachMaxM: 8_000,
  urbanMinRadiusM: 300,
  urbanMaxRadiusM: 1_200,
  /** Highest climb of a village above its seat, reached at the edge of the township's reach. */
  villageMaxClimbM: 600,
  urbanMaxClimbM: 30,
  /** Generated points keep this distance from the box edge, so winding roads stay inside too. */
  boxMarginM: 1_500,
  angleTries: 48,
  radiusShrink: 0.85,
  /** Grid used to measure each township's share of the box (a discrete Voronoi diagram). */
  voronoiGridCells: 240,
} as const;

const GOLDEN_ANGLE_RAD = Math.PI * (3 - Math.sqrt(5));

/**
 * Places every village around its township seat. Village i of k gets the angle
 * start + i × golden angle (± a seeded jitter) and the radius
 * minR + (reach − minR) × sqrt((i + u) / k), which spreads k villages evenly over the disc. A point
 * that would lie nearer another seat than its own, or too close to the box edge, is redrawn at a
 * seeded random angle, and after `angleTries` failures the radius shrinks; so every village stays
 * in its township's Voronoi cell. Elevation climbs with the distance from the seat.
 */
export function placeVillages(seats: readonly PlacementSeat[], villages: readonly PlacementVillage[], box: BoundingBox, seed: number): Map<string, PlacedVillage> {
  const reachM = townshipReachM(seats, box);
  const random = new Random(seed);
  const placed = new Map<string, PlacedVillage>();
  seats.forEach((seat, seatIndex) => {
    const own = villages.filter((village) => village.townshipCode === seat.code);
    const startAngle = random.nextFloat() * 2 * Math.PI;
    own.forEach((village, index) => {
      const [minRadiusM, maxRadiusM] = village.urban ? [PLACEMENT_RULE.urbanMinRadiusM, PLACEMENT_RULE.urbanMaxRadiusM] : [PLACEMENT_RULE.villageMinRadiusM, reachM[seatIndex]];
      const spread = Math.sqrt((index + random.nextFloat()) / own.length);
      const radiusM = minRadiusM + (maxRadiusM - minRadiusM) * spread;
      const angle = startAngle + index * GOLDEN_ANGLE_RAD + (random.nextFloat() - 0.5) * 0.6;
      const { point, placedRadiusM } = placeInCell(seats, seatIndex, angle, radiusM, box, random);
      const heightShare = Math.min(1, Math.max(0, (placedRadiusM - minRadiusM) / (maxRadiusM - minRadiusM)));
      const maxClimbM = village.urban ? PLACEMENT_RULE.urbanMaxClimbM : PLACEMENT_RULE.villageMaxClimbM;
      const climbM = Math.round(maxClimbM * heightShare * (0.5 + 0.5 * random.nextFloat()));
      placed.set(village.code, { code: village.code, point: roundLonLat(point), elevationM: seat.elevationM + climbM });
    });
  });
  for (const village of villages) {
    if (!placed.has(village.code)) throw new Error(`Village ${village.code} has no township seat ${village.townshipCode}`);
  }
  return placed;
}

function placeInCell(
  seats: readonly PlacementSeat[],
  seatIndex: number,
  firstAngle: number,
  firstRadiusM: number,
  box: BoundingBox,
  random: Random,
): { point: LonLat; placedRadiusM: number } {
  let radiusM = firstRadiusM;
  let angle = firstAngle;
  // Shrinking by 0.85 reaches a few metres within ~40 rounds; a seat's own point always fits.
  for (let round = 0; round < 60; round++) {
    for (let attempt = 0; attempt < PLACEMENT_RULE.angleTries; attempt++) {
      const point = offsetPoint(seats[seatIndex].point, angle, radiusM);
      if (insideBox(point, box, PLACEMENT_RULE.boxMarginM) && nearestSeatIndex(seats, point) === seatIndex) {
        return { point, placedRadiusM: radiusM };
      }
      angle = random.nextFloat() * 2 * Math.PI;
    }
    radiusM *= PLACEMENT_RULE.radiusShrink;
  }
  throw new Error(`Cannot place a village around township seat ${seats[seatIndex].code}`);
}

function nearestSeatIndex(seats: readonly PlacementSeat[], point: LonLat): number {
  let best = 0;
  let bestM = Infinity;
  seats.forEach((seat, index) => {
    const distanceM = haversineM(seat.point, point);
    if (distanceM < bestM) {
      bestM = distanceM;
      best = index;
    }
  });
  return best;
}

/**
 * Each township's reach: the radius of a disc with the area of its cell in a discrete Voronoi
 * diagram of the seats over the box, clamped to [reachMinM, reachMaxM]. Townships crowded around
 * the county seat get small reaches, remote mountain townships large ones. The county boundary is
 * not in the npm data, hence the box and the clamp.
 */
export function townshipReachM(seats: readonly PlacementSeat[], box: BoundingBox): number[] {
  const cells = PLACEMENT_RULE.voronoiGridCells;
  const cellCounts = new Array<number>(seats.length).fill(0);
  const midLatRad = ((box.south + box.north) / 2) * (Math.PI / 180);
  const lonScale = Math.cos(midLatRad);
  for (let i = 0; i < cells; i++) {
    for (let j = 0; j < cells; j++) {
      const lon = box.west + ((i + 0.5) * (box.east - box.west)) / cells;
      const lat = box.south + ((j + 0.5) * (box.north - box.south)) / cells;
      let best = 0;
      let bestSquared = Infinity;
      seats.forEach((seat, index) => {
        const squared = ((seat.point[0] - lon) * lonScale) ** 2 + (seat.point[1] - lat) ** 2;
        if (squared < bestSquared) {
          bestSquared = squared;
          best = index;
        }
      });
      cellCounts[best]++;
    }
  }
  const boxWidthM = haversineM([box.west, (box.south + box.north) / 2], [box.east, (box.south + box.north) / 2]);
  const boxHeightM = haversineM([box.west, box.south], [box.west, box.north]);
  const cellAreaM2 = (boxWidthM / cells) * (boxHeightM / cells);
  return cellCounts.map((count) => {
    const equalAreaRadiusM = Math.sqrt((count * cellAreaM2) / Math.PI);
    return Math.min(PLACEMENT_RULE.reachMaxM, Math.max(PLACEMENT_RULE.reachMinM, equalAreaRadiusM));
  });
}
