import { buildProfileWeights } from '../../src/graph/profile-weights';
import { buildRoadGraph } from '../../src/graph/road-graph';
import { ROAD_CLASSES, SURFACES, VehicleClass } from '../../src/graph/road-types';
import { DEFAULT_TRAVEL_TIME_MODEL, edgeDurationS, edgeSpeedKmh, EdgeTravelInput } from '../../src/graph/travel-time-model';

const flatPrimary: EdgeTravelInput = { lengthM: 1000, roadClass: 'primary', surface: 'paved', climbM: 0, descentM: 0 };
const speed = (vehicleClass: VehicleClass, edge: Partial<EdgeTravelInput>): number => edgeSpeedKmh(DEFAULT_TRAVEL_TIME_MODEL[vehicleClass], { ...flatPrimary, ...edge }) as number;

describe('travel-time model', () => {
  it('gives the documented flat speeds', () => {
    expect(speed('van', {})).toBe(60);
    expect(speed('van', { roadClass: 'track', surface: 'gravel' })).toBeCloseTo(25, 0);
    expect(speed('tricycle', {})).toBe(30);
    expect(edgeDurationS(DEFAULT_TRAVEL_TIME_MODEL.van, flatPrimary)).toBe(60);
  });

  it('never lets a tricycle exceed 30 km/h on any road', () => {
    for (const roadClass of ROAD_CLASSES) {
      for (const surface of SURFACES) {
        const kmh = edgeSpeedKmh(DEFAULT_TRAVEL_TIME_MODEL.tricycle, { ...flatPrimary, roadClass, surface, descentM: 30 });
        expect(kmh === null || kmh <= 30).toBe(true);
      }
    }
  });

  it('slows every class monotonically as the climb steepens', () => {
    for (const vehicleClass of Object.keys(DEFAULT_TRAVEL_TIME_MODEL) as VehicleClass[]) {
      let previous = Infinity;
      for (let climbM = 0; climbM <= 300; climbM += 10) {
        const kmh = speed(vehicleClass, { climbM });
        expect(kmh).toBeLessThanOrEqual(previous);
        previous = kmh;
      }
    }
  });

  it('makes a loaded tricycle crawl up a 10 % grade while a van loses little', () => {
    const tricycleKmh = speed('tricycle', { climbM: 100 });
    expect(tricycleKmh).toBeGreaterThanOrEqual(8);
    expect(tricycleKmh).toBeLessThanOrEqual(10);
    expect(speed('van', { climbM: 100 })).toBeGreaterThan(0.85 * speed('van', {}));
  });

  it('orders classes uphill: tricycle slower than truck, truck slower than van', () => {
    for (const grade of [0.04, 0.08, 0.12]) {
      const climbM = grade * 1000;
      expect(speed('tricycle', { climbM })).toBeLessThan(speed('truck', { climbM }));
      expect(speed('truck', { climbM })).toBeLessThan(speed('van', { climbM }));
    }
  });

  it('slows steep descents mildly and leaves gentle ones alone', () => {
    expect(speed('truck', { descentM: 30 })).toBe(speed('truck', {}));
    const steep = speed('truck', { descentM: 100 });
    expect(steep).toBeLessThan(speed('truck', {}));
    expect(steep).toBeGreaterThan(0.6 * speed('truck', {}));
    expect(speed('van', { descentM: 150 })).toBeLessThanOrEqual(speed('van', { descentM: 100 }));
  });

  it('is slower on worse surfaces', () => {
    for (const vehicleClass of ['truck', 'van', 'tricycle', 'motorcycle'] as VehicleClass[]) {
      expect(speed(vehicleClass, { surface: 'gravel' })).toBeLessThan(speed(vehicleClass, { surface: 'paved' }));
      expect(speed(vehicleClass, { surface: 'dirt' })).toBeLessThan(speed(vehicleClass, { surface: 'gravel' }));
    }
  });

  it('swaps climb and descent on the reverse direction of a two-way edge', () => {
    const graph = buildRoadGraph({
      vertices: { lon: Float64Array.of(105, 105.01), lat: Float64Array.of(34, 34) },
      edges: [{ from: 0, to: 1, lengthM: 1000, roadClass: 'primary', surface: 'paved', climbM: 100, descentM: 0, oneWay: false }],
    });
    const weights = buildProfileWeights(graph, 'tricycle');
    const upArc = graph.arcHead[graph.arcOffset[0]] === 1 ? graph.arcOffset[0] : graph.arcOffset[1];
    const downArc = graph.arcOffset[1];
    expect(weights.durationS[upArc]).toBe(edgeDurationS(DEFAULT_TRAVEL_TIME_MODEL.tricycle, { ...flatPrimary, climbM: 100 }));
    expect(weights.durationS[downArc]).toBe(edgeDurationS(DEFAULT_TRAVEL_TIME_MODEL.tricycle, { ...flatPrimary, descentM: 100 }));
    expect(weights.durationS[upArc]).toBeGreaterThan(2 * weights.durationS[downArc]);
  });
});
