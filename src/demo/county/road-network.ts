import type { RoadClass, Surface } from '@rural-dispatch/routing';
import { haversineM, type LonLat } from './geo';
import type { RoadEnd } from './road-geometry';

/** A road to build: which two nodes it joins and what kind of road it is. */
export interface PlannedRoad {
  from: RoadEnd;
  to: RoadEnd;
  roadClass: RoadClass;
  surface: Surface;
}

export interface TrunkEnd extends RoadEnd {
  /** GeoNames population of the place; the hub counts as the largest. */
  population: number;
}

/** The road-network rule (documented in docs/demo-county.md). */
export const ROAD_NETWORK_RULE = {
  /** Both ends this populous (GeoNames) or one end the hub: a secondary (county) road. */
  secondaryMinPopulation: 20_000,
  /** Extra township-to-township links that close loops in the tree. */
  maxLoopRoads: 4,
  loopMaxStraightM: 12_000,
  /** A link closes a loop only if the tree path is at least this many times the straight line. */
  loopMinDetour: 2,
  /** Village-to-village roads steeper than this (net climb over straight distance) are dirt tracks. */
  trackMinGrade: 0.12,
} as const;

/**
 * Trunk roads between the hub and the township seats: the minimum spanning tree of the straight
 * distances (grown from the hub, as roads follow the valleys out of the county seat), plus a few
 * links that save the most detour, so some townships can be reached two ways.
 */
export function planTrunkRoads(hub: TrunkEnd, seats: readonly TrunkEnd[]): PlannedRoad[] {
  const ends = [hub, ...seats];
  const treeEdges = primTree(ends.map((end) => end.point));
  const loopEdges = pickLoopEdges(
    ends.map((end) => end.point),
    treeEdges,
  );
  return [...treeEdges, ...loopEdges].map(([a, b]) => {
    const from = ends[a];
    const to = ends[b];
    const major = a === 0 || b === 0 || (from.population >= ROAD_NETWORK_RULE.secondaryMinPopulation && to.population >= ROAD_NETWORK_RULE.secondaryMinPopulation);
    return { from, to, roadClass: major ? 'secondary' : 'tertiary', surface: 'paved' };
  });
}

/**
 * Village roads of one township: a spanning tree grown from the seat, each village joining the
 * nearest point already reached (the seat or another village), so villages up a valley chain one
 * after the other. The first hop out of the seat is a hardened village road (村村通); a steep
 * village-to-village link is a dirt track, a gentler one gravel; a residents' committee in town is
 * a residential street.
 */
export function planVillageRoads(seat: RoadEnd, villages: readonly (RoadEnd & { urban: boolean })[]): PlannedRoad[] {
  const ends: (RoadEnd & { urban: boolean })[] = [{ ...seat, urban: true }, ...villages];
  return primTree(ends.map((end) => end.point)).map(([a, b]) => {
    const from = ends[a];
    const to = ends[b];
    if (to.urban) return { from, to, roadClass: 'residential', surface: 'paved' };
    if (a === 0) return { from, to, roadClass: 'unclassified', surface: 'paved' };
    const grade = Math.abs(to.elevationM - from.elevationM) / Math.max(1, haversineM(from.point, to.point));
    return grade >= ROAD_NETWORK_RULE.trackMinGrade ? { from, to, roadClass: 'track', surface: 'dirt' } : { from, to, roadClass: 'unclassified', surface: 'gravel' };
  });
}

/** Prim's minimum spanning tree over straight distances, rooted at index 0: [parent, child] pairs. */
export function primTree(points: readonly LonLat[]): [number, number][] {
  const inTree = new Array<boolean>(points.length).fill(false);
  const bestM = new Array<number>(points.length).fill(Infinity);
  const bestParent = new Array<number>(points.length).fill(-1);
  const edges: [number, number][] = [];
  let current = 0;
  inTree[0] = true;
  for (let added = 1; added < points.length; added++) {
    let next = -1;
    for (let i = 0; i < points.length; i++) {
      if (inTree[i]) continue;
      const distanceM = haversineM(points[current], points[i]);
      if (distanceM < bestM[i]) {
        bestM[i] = distanceM;
        bestParent[i] = current;
      }
      if (next < 0 || bestM[i] < bestM[next]) next = i;
    }
    inTree[next] = true;
    edges.push([bestParent[next], next]);
    current = next;
  }
  return edges;
}

function pickLoopEdges(points: readonly LonLat[], treeEdges: readonly [number, number][]): [number, number][] {
  const neighbours = points.map(() => [] as number[]);
  for (const [a, b] of treeEdges) {
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  const candidates: { a: number; b: number; detour: number }[] = [];
  for (let a = 0; a < points.length; a++) {
    const treeM = treeDistancesFrom(a, points, neighbours);
    for (let b = a + 1; b < points.length; b++) {
      const straightM = haversineM(points[a], points[b]);
      if (neighbours[a].includes(b) || straightM > ROAD_NETWORK_RULE.loopMaxStraightM) continue;
      const detour = treeM[b] / straightM;
      if (detour >= ROAD_NETWORK_RULE.loopMinDetour) candidates.push({ a, b, detour });
    }
  }
  candidates.sort((x, y) => y.detour - x.detour || x.a - y.a || x.b - y.b);
  const used = new Set<number>();
  const picked: [number, number][] = [];
  for (const { a, b } of candidates) {
    if (picked.length >= ROAD_NETWORK_RULE.maxLoopRoads) break;
    // One loop per place keeps the extra links spread over the county.
    if (used.has(a) || used.has(b)) continue;
    used.add(a).add(b);
    picked.push([a, b]);
  }
  return picked;
}

function treeDistancesFrom(root: number, points: readonly LonLat[], neighbours: readonly number[][]): number[] {
  const distanceM = new Array<number>(points.length).fill(Infinity);
  distanceM[root] = 0;
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as number;
    for (const next of neighbours[node]) {
      if (distanceM[next] !== Infinity) continue;
      distanceM[next] = distanceM[node] + haversineM(points[node], points[next]);
      stack.push(next);
    }
  }
  return distanceM;
}
