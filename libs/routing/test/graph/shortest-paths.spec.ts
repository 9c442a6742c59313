import { buildContractionHierarchy } from '../../src/graph/contraction-hierarchy';
import { computeMatrix } from '../../src/graph/distance-matrix';
import { HierarchyMatrixSearch } from '../../src/graph/hierarchy-matrix';
import { generateSyntheticRoadNetwork } from '../../src/graph/synthetic-road-network';
import { Random } from '../../src/random';
import { buildProfileWeights, ProfileWeights } from '../../src/graph/profile-weights';
import { buildRoadGraph, RoadGraph } from '../../src/graph/road-graph';
import { VEHICLE_CLASSES } from '../../src/graph/road-types';
import { ShortestPathSearch, UNREACHABLE } from '../../src/graph/shortest-path-search';
import { chainInput, randomRoadGraphInput } from './random-road-graph';

/** All-pairs (duration, distance) minimised lexicographically, by Floyd-Warshall over the arcs. */
function floydWarshall(graph: RoadGraph, weights: ProfileWeights): { durationS: number[][]; distanceM: number[][] } {
  const n = graph.vertexCount;
  const durationS = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
  const distanceM = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)));
  const better = (d: number, x: number, i: number, j: number): boolean => d < durationS[i][j] || (d === durationS[i][j] && x < distanceM[i][j]);
  for (let u = 0; u < n; u++) {
    for (let arc = graph.arcOffset[u]; arc < graph.arcOffset[u + 1]; arc++) {
      const v = graph.arcHead[arc];
      if (weights.durationS[arc] < 0) continue;
      if (better(weights.durationS[arc], weights.distanceM[arc], u, v)) {
        durationS[u][v] = weights.durationS[arc];
        distanceM[u][v] = weights.distanceM[arc];
      }
    }
  }
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const d = durationS[i][k] + durationS[k][j];
        const x = distanceM[i][k] + distanceM[k][j];
        if (better(d, x, i, j)) {
          durationS[i][j] = d;
          distanceM[i][j] = x;
        }
      }
    }
  }
  return { durationS, distanceM };
}

describe('shortest paths', () => {
  it.each([1, 2, 3, 4, 5, 6])('match Floyd-Warshall on random graph %i for every vehicle class', (seed) => {
    const graph = buildRoadGraph(randomRoadGraphInput(seed, 25, 60));
    const every = Int32Array.from({ length: graph.vertexCount }, (_, v) => v);
    for (const vehicleClass of VEHICLE_CLASSES) {
      const weights = buildProfileWeights(graph, vehicleClass);
      const expected = floydWarshall(graph, weights);
      const matrix = computeMatrix(graph, weights, every, every);
      let unreachable = 0;
      for (let i = 0; i < graph.vertexCount; i++) {
        for (let j = 0; j < graph.vertexCount; j++) {
          const entry = i * graph.vertexCount + j;
          if (expected.durationS[i][j] === Infinity) {
            unreachable++;
            expect([matrix.durationS[entry], matrix.distanceM[entry]]).toEqual([UNREACHABLE, UNREACHABLE]);
          } else {
            expect([matrix.durationS[entry], matrix.distanceM[entry]]).toEqual([expected.durationS[i][j], expected.distanceM[i][j]]);
          }
        }
      }
      expect(matrix.unreachable).toHaveLength(unreachable);
    }
  });

  it('stops early without changing the answers for the targets asked for', () => {
    const graph = buildRoadGraph(randomRoadGraphInput(11, 40, 120));
    const weights = buildProfileWeights(graph, 'van');
    const search = new ShortestPathSearch(graph);
    const every = Int32Array.from({ length: graph.vertexCount }, (_, v) => v);
    const full = search.oneToMany(weights, 3, every);
    const targets = [7, 7, 3, 12];
    const some = search.oneToMany(weights, 3, targets);
    expect(Array.from(some.durationS)).toEqual(targets.map((t) => full.durationS[t]));
    expect(Array.from(some.distanceM)).toEqual(targets.map((t) => full.distanceM[t]));
  });

  it('follows one-way edges only forward', () => {
    const input = chainInput(3);
    input.edges[1] = { ...input.edges[1], oneWay: true }; // 1 -> 2 only
    const graph = buildRoadGraph(input);
    const matrix = computeMatrix(graph, buildProfileWeights(graph, 'van'), [0, 2], [0, 2]);
    // 0 -> 2 drives two 1 km primary edges at 60 km/h: 60 s each.
    expect(Array.from(matrix.durationS)).toEqual([0, 120, UNREACHABLE, 0]);
    expect(Array.from(matrix.distanceM)).toEqual([0, 2000, UNREACHABLE, 0]);
    expect(matrix.unreachable).toEqual([{ sourceIndex: 1, targetIndex: 0 }]);
  });

  it('prefers the faster road over the shorter one and reports the distance actually driven', () => {
    const input = chainInput(2, 1000);
    input.edges.push({ from: 0, to: 1, lengthM: 800, roadClass: 'track', surface: 'dirt', climbM: 0, descentM: 0, oneWay: false });
    const graph = buildRoadGraph(input);
    const matrix = computeMatrix(graph, buildProfileWeights(graph, 'van'), [0], [1]);
    expect([matrix.durationS[0], matrix.distanceM[0]]).toEqual([60, 1000]);
  });

  it('reports vertices in another component as unreachable, never as a large number', () => {
    const input = chainInput(4);
    input.edges.splice(1, 1); // 0-1 and 2-3 remain
    const graph = buildRoadGraph(input);
    const matrix = computeMatrix(graph, buildProfileWeights(graph, 'truck'), [0, 1], [1, 2, 3]);
    expect(Array.from(matrix.durationS.slice(1, 3))).toEqual([UNREACHABLE, UNREACHABLE]);
    expect(matrix.unreachable).toEqual([
      { sourceIndex: 0, targetIndex: 1 },
      { sourceIndex: 0, targetIndex: 2 },
      { sourceIndex: 1, targetIndex: 1 },
      { sourceIndex: 1, targetIndex: 2 },
    ]);
  });

  it('keeps tricycles off motorways', () => {
    const input = chainInput(2);
    input.edges[0] = { ...input.edges[0], roadClass: 'motorway' };
    const graph = buildRoadGraph(input);
    expect(computeMatrix(graph, buildProfileWeights(graph, 'tricycle'), [0], [1]).durationS[0]).toBe(UNREACHABLE);
    expect(computeMatrix(graph, buildProfileWeights(graph, 'van'), [0], [1]).durationS[0]).toBe(40); // 1 km at 90 km/h
  });

  it('rejects a source that is not a vertex', () => {
    const graph = buildRoadGraph(chainInput(2));
    expect(() => computeMatrix(graph, buildProfileWeights(graph, 'van'), [5], [0])).toThrow(RangeError);
  });
});

describe('contraction hierarchy matrices', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('equal the Dijkstra matrices on random graph %i for every vehicle class', (seed) => {
    const graph = buildRoadGraph(randomRoadGraphInput(seed, 60, 150));
    const every = Int32Array.from({ length: graph.vertexCount }, (_, v) => v);
    for (const vehicleClass of VEHICLE_CLASSES) {
      const weights = buildProfileWeights(graph, vehicleClass);
      const byDijkstra = computeMatrix(graph, weights, every, every, { method: 'dijkstra' });
      const byHierarchy = computeMatrix(graph, weights, every, every, { method: 'hierarchy' });
      expect(Array.from(byHierarchy.durationS)).toEqual(Array.from(byDijkstra.durationS));
      expect(Array.from(byHierarchy.distanceM)).toEqual(Array.from(byDijkstra.distanceM));
      expect(byHierarchy.unreachable).toEqual(byDijkstra.unreachable);
    }
  });

  it('equals Dijkstra on a synthetic grid network with a core, for sources and targets that repeat', () => {
    const graph = buildRoadGraph(generateSyntheticRoadNetwork({ seed: 3, edgeCount: 4000 }));
    const weights = buildProfileWeights(graph, 'tricycle');
    const hierarchy = buildContractionHierarchy(graph, weights);
    expect(hierarchy.contractedCount).toBeLessThan(graph.vertexCount);
    const random = new Random(4);
    const sources = Int32Array.from({ length: 40 }, () => random.nextInt(graph.vertexCount));
    const targets = Int32Array.from({ length: 50 }, (_, i) => (i === 49 ? sources[0] : random.nextInt(graph.vertexCount)));
    const byDijkstra = computeMatrix(graph, weights, sources, targets, { method: 'dijkstra' });
    const durationS = new Int32Array(40 * 50);
    const distanceM = new Int32Array(40 * 50);
    new HierarchyMatrixSearch(hierarchy).fillRows(sources, targets, durationS, distanceM);
    expect(Array.from(durationS)).toEqual(Array.from(byDijkstra.durationS));
    expect(Array.from(distanceM)).toEqual(Array.from(byDijkstra.distanceM));
    expect(durationS[49]).toBe(0);
  });

  it('equals Dijkstra when rows fill a partial sweep batch and sources and targets lie in the core', () => {
    const graph = buildRoadGraph(generateSyntheticRoadNetwork({ seed: 5, edgeCount: 3000 }));
    const weights = buildProfileWeights(graph, 'van');
    const hierarchy = buildContractionHierarchy(graph, weights);
    const coreVertices = Array.from({ length: graph.vertexCount }, (_, v) => v).filter((v) => hierarchy.rank[v] >= hierarchy.contractedCount);
    expect(coreVertices.length).toBeGreaterThan(2);
    const random = new Random(6);
    // 43 rows: five full batches of eight and one of three; the first rows and columns start in the core.
    const sources = Int32Array.from({ length: 43 }, (_, i) => (i < 2 ? coreVertices[i] : random.nextInt(graph.vertexCount)));
    const targets = Int32Array.from({ length: 31 }, (_, i) => (i < 3 ? coreVertices[i] : random.nextInt(graph.vertexCount)));
    const byDijkstra = computeMatrix(graph, weights, sources, targets, { method: 'dijkstra' });
    const durationS = new Int32Array(43 * 31);
    const distanceM = new Int32Array(43 * 31);
    new HierarchyMatrixSearch(hierarchy).fillRows(sources, targets, durationS, distanceM);
    expect(Array.from(durationS)).toEqual(Array.from(byDijkstra.durationS));
    expect(Array.from(distanceM)).toEqual(Array.from(byDijkstra.distanceM));
  });
});
