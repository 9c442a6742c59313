import { fallbackMatrix } from '../../src/graph/fallback-matrix';

describe('fallback matrix', () => {
  // 0.01 degree of longitude on the equator is 6,371,008.8 m × 0.01 × π / 180 = 1,111.95 m.
  const points = [
    { lon: 0, lat: 0 },
    { lon: 0.01, lat: 0 },
    { lon: 0.02, lat: 0 },
  ];

  it('multiplies the great-circle distance by the mountain circuity 1.6 and drives it at the class speed', () => {
    const matrix = fallbackMatrix(points, 'van');
    // 1,111.95 × 1.6 = 1,779 m; at 38 km/h: 1,779 × 3.6 / 38 = 168.5 → 169 s.
    expect(Array.from(matrix.distanceM)).toEqual([0, 1779, 3558, 1779, 0, 1779, 3558, 1779, 0]);
    expect(matrix.durationS[1]).toBe(169);
    expect(matrix.durationS[2]).toBe(337); // 3,558 × 3.6 / 38 = 337.07
    expect(matrix.unreachable).toEqual([]);
  });

  it('takes an overridden circuity and speed', () => {
    const matrix = fallbackMatrix(points.slice(0, 2), 'tricycle', { circuityFactor: 1.25, averageSpeedKmh: 20 });
    // 1,111.95 × 1.25 = 1,390 m; at 20 km/h: 250.2 → 250 s.
    expect(Array.from(matrix.distanceM)).toEqual([0, 1390, 1390, 0]);
    expect(Array.from(matrix.durationS)).toEqual([0, 250, 250, 0]);
  });

  it('is slower for a tricycle than for a van', () => {
    expect(fallbackMatrix(points, 'tricycle').durationS[1]).toBeGreaterThan(fallbackMatrix(points, 'van').durationS[1]);
  });

  it('rejects bad options and points', () => {
    expect(() => fallbackMatrix(points, 'van', { circuityFactor: 0.9 })).toThrow(/circuityFactor/);
    expect(() => fallbackMatrix(points, 'van', { averageSpeedKmh: 0 })).toThrow(/averageSpeedKmh/);
    expect(() => fallbackMatrix([{ lon: 200, lat: 0 }], 'van')).toThrow(/point 0/);
  });
});
