import { Random } from '../../src/random';
import { RoadEdgeInput, RoadGraphInput } from '../../src/graph/road-graph';
import { ROAD_CLASSES, SURFACES } from '../../src/graph/road-types';

/** A small random road network (not planar, any mix of attributes) for checking searches against brute force. */
export function randomRoadGraphInput(seed: number, vertexCount: number, edgeCount: number): RoadGraphInput {
  const random = new Random(seed);
  const lon = Float64Array.from({ length: vertexCount }, () => 105 + random.nextFloat() * 0.1);
  const lat = Float64Array.from({ length: vertexCount }, () => 34 + random.nextFloat() * 0.1);
  const edges: RoadEdgeInput[] = [];
  for (let e = 0; e < edgeCount; e++) {
    const lengthM = 1 + random.nextInt(3000) + random.nextFloat();
    edges.push({
      from: random.nextInt(vertexCount),
      to: random.nextInt(vertexCount),
      lengthM,
      roadClass: ROAD_CLASSES[random.nextInt(ROAD_CLASSES.length)],
      surface: SURFACES[random.nextInt(SURFACES.length)],
      climbM: random.nextFloat() < 0.5 ? random.nextFloat() * lengthM * 0.15 : 0,
      descentM: random.nextFloat() < 0.5 ? random.nextFloat() * lengthM * 0.15 : 0,
      oneWay: random.nextFloat() < 0.3,
      closed: random.nextFloat() < 0.05,
    });
  }
  return { vertices: { lon, lat }, edges };
}

/** A straight chain of vertices 0 - 1 - 2 ... along a parallel, `stepM` metres apart on flat paved primary road. */
export function chainInput(vertexCount: number, stepM = 1000): RoadGraphInput & { edges: RoadEdgeInput[] } {
  const lon = Float64Array.from({ length: vertexCount }, (_, v) => 105 + (v * stepM) / 92_000);
  const lat = new Float64Array(vertexCount).fill(34);
  const edges: RoadEdgeInput[] = [];
  for (let v = 0; v + 1 < vertexCount; v++) {
    edges.push({ from: v, to: v + 1, lengthM: stepM, roadClass: 'primary', surface: 'paved', climbM: 0, descentM: 0, oneWay: false });
  }
  return { vertices: { lon, lat }, edges };
}
