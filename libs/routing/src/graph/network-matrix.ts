import { computeMatrix, listUnreachable, RoadMatrix } from './distance-matrix';
import { assertLonLat, haversineM, LonLat } from './geodesy';
import { buildProfileWeights, ProfileWeights } from './profile-weights';
import { RoadGraph } from './road-graph';
import { VehicleClass } from './road-types';
import { ShortestPathSearch, UNREACHABLE } from './shortest-path-search';
import { stronglyConnectedComponents } from './strongly-connected-components';
import { DEFAULT_TRAVEL_TIME_MODEL, TravelTimeModel } from './travel-time-model';
import { VertexSnapper } from './vertex-snapper';

/**
 * Speed for the off-road access between a network node and the road vertex it snaps to: the last
 * stretch is usually an unmapped lane, yard or footpath where a vehicle crawls or the driver walks.
 */
export const DEFAULT_ACCESS_SPEED_KMH = 10;

export interface SnapOptions {
  accessSpeedKmh?: number;
  /**
   * Snap to the strongly connected component of the vertex nearest this point (e.g. the county hub)
   * instead of the largest component.
   */
  anchorPointIndex?: number;
}

export interface SnappedPoint {
  vertex: number;
  /** Great-circle distance from the point to its vertex, whole metres. */
  accessDistanceM: number;
  accessDurationS: number;
}

export interface SnapResult {
  points: SnappedPoint[];
  /** Number of vertices in the component the points were snapped to. */
  componentVertexCount: number;
}

/**
 * Snaps every point to its nearest vertex of one strongly connected component, so that no node lands
 * on an isolated fragment (a one-way stub, a private yard) from which nothing else is reachable.
 */
export function snapPoints(graph: RoadGraph, points: ReadonlyArray<LonLat>, options: SnapOptions = {}): SnapResult {
  if (graph.vertexCount === 0) throw new RangeError('cannot snap to a graph without vertices');
  points.forEach((point, index) => assertLonLat(point, `point ${index}`));
  const accessSpeedKmh = options.accessSpeedKmh ?? DEFAULT_ACCESS_SPEED_KMH;
  if (!(accessSpeedKmh > 0)) throw new RangeError(`accessSpeedKmh must be > 0, got ${accessSpeedKmh}`);

  const components = stronglyConnectedComponents(graph);
  let component = components.largestComponent;
  if (options.anchorPointIndex !== undefined) {
    const anchor = points[options.anchorPointIndex];
    if (anchor === undefined) throw new RangeError(`anchorPointIndex ${options.anchorPointIndex} is not a point`);
    const everyVertex = Int32Array.from({ length: graph.vertexCount }, (_, v) => v);
    component = components.componentOf[new VertexSnapper(graph, everyVertex).nearest(anchor)];
  }
  const candidates: number[] = [];
  for (let v = 0; v < graph.vertexCount; v++) if (components.componentOf[v] === component) candidates.push(v);

  const snapper = new VertexSnapper(graph, candidates);
  const snapped = points.map((point) => {
    const vertex = snapper.nearest(point);
    const accessDistanceM = Math.round(haversineM(point.lon, point.lat, graph.lon[vertex], graph.lat[vertex]));
    return { vertex, accessDistanceM, accessDurationS: Math.round((accessDistanceM * 3.6) / accessSpeedKmh) };
  });
  return { points: snapped, componentVertexCount: candidates.length };
}

/**
 * Point-to-point matrices: road path between the snapped vertices plus the access legs at both ends.
 * The diagonal is 0; pairs with no road path (a vehicle class barred from a motorway link, say) stay
 * UNREACHABLE and are listed.
 */
export function computeNetworkMatrix(
  graph: RoadGraph,
  weights: ProfileWeights,
  snapped: ReadonlyArray<SnappedPoint>,
  search: ShortestPathSearch = new ShortestPathSearch(graph),
): RoadMatrix {
  const vertices = snapped.map((point) => point.vertex);
  const matrix = computeMatrix(graph, weights, vertices, vertices, { search });
  const size = snapped.length;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const entry = i * size + j;
      if (i === j) {
        matrix.durationS[entry] = 0;
        matrix.distanceM[entry] = 0;
      } else if (matrix.durationS[entry] !== UNREACHABLE) {
        matrix.durationS[entry] += snapped[i].accessDurationS + snapped[j].accessDurationS;
        matrix.distanceM[entry] += snapped[i].accessDistanceM + snapped[j].accessDistanceM;
      }
    }
  }
  matrix.unreachable = listUnreachable(matrix.durationS, size);
  return matrix;
}

export interface NetworkMatrices {
  snap: SnapResult;
  byVehicleClass: Partial<Record<VehicleClass, RoadMatrix>>;
}

/** What the service calls per network version: snap once, then one matrix pair per vehicle class. */
export function computeNetworkMatrices(
  graph: RoadGraph,
  points: ReadonlyArray<LonLat>,
  vehicleClasses: ReadonlyArray<VehicleClass>,
  options: SnapOptions & { model?: TravelTimeModel } = {},
): NetworkMatrices {
  const snap = snapPoints(graph, points, options);
  const search = new ShortestPathSearch(graph);
  const byVehicleClass: Partial<Record<VehicleClass, RoadMatrix>> = {};
  for (const vehicleClass of vehicleClasses) {
    const weights = buildProfileWeights(graph, vehicleClass, options.model ?? DEFAULT_TRAVEL_TIME_MODEL);
    byVehicleClass[vehicleClass] = computeNetworkMatrix(graph, weights, snap.points, search);
  }
  return { snap, byVehicleClass };
}
