import { ROAD_CLASS_CODE, RoadClass, RoadNetworkInputError, SURFACE_CODE, Surface } from './road-types';

/** One road edge between two vertices, as the service loads it (a stored segment) or a parser yields it. */
export interface RoadEdgeInput {
  from: number;
  to: number;
  /** Length along the road; fractional metres are kept until an arc's integer weight is computed. */
  lengthM: number;
  roadClass: RoadClass;
  surface: Surface;
  /** Total ascent and descent travelling from `from` to `to`; they swap on the reverse direction. */
  climbM: number;
  descentM: number;
  /** Drivable only from `from` to `to`. */
  oneWay: boolean;
  /** Left out of the graph; the service decides it from closure periods and the plan's time. */
  closed?: boolean;
}

export interface RoadGraphInput {
  vertices: { lon: Float64Array; lat: Float64Array };
  edges: ReadonlyArray<RoadEdgeInput>;
}

/**
 * A directed road graph in compressed sparse row form: the arcs leaving vertex `v` are
 * `arcOffset[v] .. arcOffset[v + 1] - 1`. Each arc keeps the attributes of its direction (climb and
 * descent already swapped on reverse arcs), so a travel-time profile is one pass over flat arrays.
 */
export interface RoadGraph {
  vertexCount: number;
  arcCount: number;
  lon: Float64Array;
  lat: Float64Array;
  arcOffset: Int32Array;
  arcHead: Int32Array;
  /** Index of the input edge the arc comes from (for path geometry and debugging). */
  arcEdge: Int32Array;
  arcLengthM: Float64Array;
  arcClimbM: Float64Array;
  arcDescentM: Float64Array;
  /** Codes into ROAD_CLASSES / SURFACES. */
  arcRoadClass: Uint8Array;
  arcSurface: Uint8Array;
}

/** True when `atMs` falls inside any closure period; periods are half-open [startMs, endMs). */
export function isClosedAt(closures: ReadonlyArray<{ startMs: number; endMs: number }>, atMs: number): boolean {
  for (const closure of closures) {
    if (closure.startMs <= atMs && atMs < closure.endMs) return true;
  }
  return false;
}

/**
 * Builds the CSR graph. Two-way edges give an arc each way; closed edges and self-loops (which can
 * never shorten a path) are left out. Bad references or lengths throw RoadNetworkInputError.
 */
export function buildRoadGraph(input: RoadGraphInput): RoadGraph {
  const vertexCount = input.vertices.lon.length;
  if (input.vertices.lat.length !== vertexCount) {
    throw new RoadNetworkInputError(`vertices.lon has ${vertexCount} entries but vertices.lat has ${input.vertices.lat.length}`);
  }
  validateVertices(input.vertices.lon, input.vertices.lat);

  const outDegree = new Int32Array(vertexCount + 1);
  input.edges.forEach((edge, index) => {
    validateEdge(edge, index, vertexCount);
    if (edge.closed || edge.from === edge.to) return;
    outDegree[edge.from]++;
    if (!edge.oneWay) outDegree[edge.to]++;
  });

  const arcOffset = new Int32Array(vertexCount + 1);
  for (let v = 0; v < vertexCount; v++) arcOffset[v + 1] = arcOffset[v] + outDegree[v];
  const arcCount = arcOffset[vertexCount];
  const graph: RoadGraph = {
    vertexCount,
    arcCount,
    lon: input.vertices.lon,
    lat: input.vertices.lat,
    arcOffset,
    arcHead: new Int32Array(arcCount),
    arcEdge: new Int32Array(arcCount),
    arcLengthM: new Float64Array(arcCount),
    arcClimbM: new Float64Array(arcCount),
    arcDescentM: new Float64Array(arcCount),
    arcRoadClass: new Uint8Array(arcCount),
    arcSurface: new Uint8Array(arcCount),
  };

  const nextArc = arcOffset.slice(0, vertexCount);
  input.edges.forEach((edge, index) => {
    if (edge.closed || edge.from === edge.to) return;
    placeArc(graph, nextArc[edge.from]++, edge, index, edge.to, edge.climbM, edge.descentM);
    if (!edge.oneWay) placeArc(graph, nextArc[edge.to]++, edge, index, edge.from, edge.descentM, edge.climbM);
  });
  return graph;
}

function placeArc(graph: RoadGraph, arc: number, edge: RoadEdgeInput, edgeIndex: number, head: number, climbM: number, descentM: number): void {
  graph.arcHead[arc] = head;
  graph.arcEdge[arc] = edgeIndex;
  graph.arcLengthM[arc] = edge.lengthM;
  graph.arcClimbM[arc] = climbM;
  graph.arcDescentM[arc] = descentM;
  graph.arcRoadClass[arc] = ROAD_CLASS_CODE[edge.roadClass];
  graph.arcSurface[arc] = SURFACE_CODE[edge.surface];
}

function validateVertices(lon: Float64Array, lat: Float64Array): void {
  for (let v = 0; v < lon.length; v++) {
    if (!(Math.abs(lon[v]) <= 180) || !(Math.abs(lat[v]) <= 90)) {
      throw new RoadNetworkInputError(`vertex ${v}: coordinates (${lon[v]}, ${lat[v]}) are not a valid longitude/latitude`);
    }
  }
}

function validateEdge(edge: RoadEdgeInput, index: number, vertexCount: number): void {
  const where = `edge ${index}`;
  for (const end of [edge.from, edge.to]) {
    if (!Number.isInteger(end) || end < 0 || end >= vertexCount) {
      throw new RoadNetworkInputError(`${where}: vertex ${end} does not exist (the graph has ${vertexCount} vertices)`);
    }
  }
  if (!(edge.lengthM > 0) || !Number.isFinite(edge.lengthM)) {
    throw new RoadNetworkInputError(`${where}: lengthM must be a finite number > 0, got ${edge.lengthM}`);
  }
  if (!(edge.climbM >= 0) || !(edge.descentM >= 0) || !Number.isFinite(edge.climbM + edge.descentM)) {
    throw new RoadNetworkInputError(`${where}: climbM and descentM must be finite numbers >= 0`);
  }
  if (!(edge.roadClass in ROAD_CLASS_CODE)) throw new RoadNetworkInputError(`${where}: unknown roadClass '${edge.roadClass}'`);
  if (!(edge.surface in SURFACE_CODE)) throw new RoadNetworkInputError(`${where}: unknown surface '${edge.surface}'`);
}
