import { buildRoadGraph, isClosedAt, RoadEdgeInput } from '../../src/graph/road-graph';
import { RoadNetworkInputError } from '../../src/graph/road-types';

const vertices = { lon: Float64Array.of(105, 105.01, 105.02), lat: Float64Array.of(34, 34, 34) };
const edge = (overrides: Partial<RoadEdgeInput>): RoadEdgeInput => ({
  from: 0,
  to: 1,
  lengthM: 900,
  roadClass: 'tertiary',
  surface: 'paved',
  climbM: 0,
  descentM: 0,
  oneWay: false,
  ...overrides,
});
const arcsOf = (graph: ReturnType<typeof buildRoadGraph>, v: number): number[] => Array.from(graph.arcHead.slice(graph.arcOffset[v], graph.arcOffset[v + 1]));

describe('road graph', () => {
  it('gives two-way edges an arc each way and one-way edges one arc', () => {
    const graph = buildRoadGraph({ vertices, edges: [edge({}), edge({ from: 1, to: 2, oneWay: true })] });
    expect(graph.arcCount).toBe(3);
    expect(arcsOf(graph, 0)).toEqual([1]);
    expect(arcsOf(graph, 1).sort()).toEqual([0, 2]);
    expect(arcsOf(graph, 2)).toEqual([]);
  });

  it('leaves out closed edges and self-loops', () => {
    const graph = buildRoadGraph({ vertices, edges: [edge({ closed: true }), edge({ from: 2, to: 2 }), edge({ from: 1, to: 2 })] });
    expect(graph.arcCount).toBe(2);
    expect(arcsOf(graph, 0)).toEqual([]);
    expect(Array.from(graph.arcEdge)).toEqual([2, 2]);
  });

  it.each([
    [edge({ to: 3 }), /edge 0: vertex 3 does not exist/],
    [edge({ lengthM: 0 }), /lengthM/],
    [edge({ lengthM: NaN }), /lengthM/],
    [edge({ climbM: -1 }), /climbM/],
    [edge({ roadClass: 'footway' as never }), /roadClass/],
  ])('rejects a bad edge %#', (bad, message) => {
    expect(() => buildRoadGraph({ vertices, edges: [bad] })).toThrow(RoadNetworkInputError);
    expect(() => buildRoadGraph({ vertices, edges: [bad] })).toThrow(message);
  });

  it('rejects coordinates out of range', () => {
    expect(() => buildRoadGraph({ vertices: { lon: Float64Array.of(181), lat: Float64Array.of(0) }, edges: [] })).toThrow(/vertex 0/);
  });

  it('treats closure periods as half-open', () => {
    const closures = [
      { startMs: 1000, endMs: 2000 },
      { startMs: 5000, endMs: 6000 },
    ];
    expect(isClosedAt(closures, 999)).toBe(false);
    expect(isClosedAt(closures, 1000)).toBe(true);
    expect(isClosedAt(closures, 1999)).toBe(true);
    expect(isClosedAt(closures, 2000)).toBe(false);
    expect(isClosedAt(closures, 5500)).toBe(true);
    expect(isClosedAt([], 5500)).toBe(false);
  });
});
