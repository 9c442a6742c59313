import { haversineM } from '../../src/graph/geodesy';
import { computeNetworkMatrices, snapPoints } from '../../src/graph/network-matrix';
import { buildRoadGraph, RoadEdgeInput, RoadGraphInput } from '../../src/graph/road-graph';
import { stronglyConnectedComponents } from '../../src/graph/strongly-connected-components';
import { generateSyntheticRoadNetwork } from '../../src/graph/synthetic-road-network';
import { VertexSnapper } from '../../src/graph/vertex-snapper';
import { Random } from '../../src/random';
import { chainInput } from './random-road-graph';

/** A 5-vertex two-way chain (vertices 0-4, 1 km apart) plus a two-vertex fragment (5, 6) far north-east. */
function chainWithFragment(): RoadGraphInput {
  const chain = chainInput(5);
  const lon = Float64Array.from([...chain.vertices.lon, 105.2, 105.201]);
  const lat = Float64Array.from([...chain.vertices.lat, 34.2, 34.2]);
  const fragmentEdge: RoadEdgeInput = { from: 5, to: 6, lengthM: 92, roadClass: 'service', surface: 'paved', climbM: 0, descentM: 0, oneWay: false };
  return { vertices: { lon, lat }, edges: [...chain.edges, fragmentEdge] };
}

describe('strongly connected components', () => {
  it('splits a one-way dead end from the two-way core', () => {
    const input = chainInput(3);
    input.edges.push({ ...input.edges[0], from: 2, to: 3, oneWay: true });
    const graph = buildRoadGraph({ vertices: { lon: Float64Array.of(...input.vertices.lon, 105.5), lat: Float64Array.of(...input.vertices.lat, 34) }, edges: input.edges });
    const components = stronglyConnectedComponents(graph);
    expect(components.componentCount).toBe(2);
    expect(components.componentSize[components.largestComponent]).toBe(3);
    expect(components.componentOf[3]).not.toBe(components.largestComponent);
  });
});

describe('snapping', () => {
  it('snaps to the largest component even when a fragment is nearer', () => {
    const graph = buildRoadGraph(chainWithFragment());
    const result = snapPoints(graph, [{ lon: 105.2, lat: 34.2001 }]);
    expect(result.componentVertexCount).toBe(5);
    expect(result.points[0].vertex).toBe(4); // the chain's north-east end
  });

  it('snaps to the component of the anchor point when one is named', () => {
    const graph = buildRoadGraph(chainWithFragment());
    const result = snapPoints(
      graph,
      [
        { lon: 105.2003, lat: 34.2001 },
        { lon: 105.0, lat: 34.0 },
      ],
      { anchorPointIndex: 0 },
    );
    expect(result.componentVertexCount).toBe(2);
    expect(result.points.map((point) => point.vertex)).toEqual([5, 5]);
  });

  it('adds off-road access at the documented 10 km/h to both ends of each leg', () => {
    const graph = buildRoadGraph(chainInput(5));
    // 0.001 degree of latitude north of vertices 0 and 2: 111 m off the road.
    const points = [
      { lon: graph.lon[0], lat: 34.001 },
      { lon: graph.lon[2], lat: 34.001 },
    ];
    const { snap, byVehicleClass } = computeNetworkMatrices(graph, points, ['van']);
    expect(snap.points).toEqual([
      { vertex: 0, accessDistanceM: 111, accessDurationS: 40 },
      { vertex: 2, accessDistanceM: 111, accessDurationS: 40 },
    ]);
    // Road: 2 km of flat primary at 60 km/h = 120 s.
    expect(Array.from(byVehicleClass.van!.durationS)).toEqual([0, 200, 200, 0]);
    expect(Array.from(byVehicleClass.van!.distanceM)).toEqual([0, 2222, 2222, 0]);
  });

  it('finds the same nearest vertex as brute force', () => {
    const graph = buildRoadGraph(generateSyntheticRoadNetwork({ seed: 5, edgeCount: 3000 }));
    const every = Int32Array.from({ length: graph.vertexCount }, (_, v) => v);
    const snapper = new VertexSnapper(graph, every);
    const random = new Random(9);
    for (let k = 0; k < 200; k++) {
      // Some points fall outside the network's box, to exercise the clamped grid search.
      const point = { lon: 105.25 + random.nextFloat() * 0.3, lat: 33.95 + random.nextFloat() * 0.3 };
      let bestM = Infinity;
      for (let v = 0; v < graph.vertexCount; v++) bestM = Math.min(bestM, haversineM(point.lon, point.lat, graph.lon[v], graph.lat[v]));
      const chosen = snapper.nearest(point);
      expect(haversineM(point.lon, point.lat, graph.lon[chosen], graph.lat[chosen])).toBeLessThanOrEqual(bestM * 1.001 + 0.01);
    }
  });
});
