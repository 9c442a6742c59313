import { toWgs84 } from '../../src/infra/geo/coordinate-system';

/**
 * Known pairs: AMap (GCJ-02) centres of Longnan townships and their WGS 84 positions as published
 * with the Vonng/adcode data (CC BY 4.0), and a point outside China, where GCJ-02 is WGS 84.
 */
const KNOWN_PAIRS: Array<{ place: string; gcj02: [number, number]; wgs84: [number, number] }> = [
  { place: '江北街道, 武都区', gcj02: [104.965496, 33.369432], wgs84: [104.962481, 33.371331] },
  { place: '江南街道, 武都区', gcj02: [104.943427, 33.366438], wgs84: [104.940495, 33.368385] },
  { place: '城关镇', gcj02: [104.924474, 33.393016], wgs84: [104.921593, 33.394973] },
];

describe('coordinate systems', () => {
  it.each(KNOWN_PAIRS)('converts GCJ-02 to WGS 84 within a metre: $place', ({ gcj02, wgs84 }) => {
    const [lon, lat] = toWgs84(gcj02, 'gcj02');
    expect(Math.abs(lon - wgs84[0])).toBeLessThan(1e-5);
    expect(Math.abs(lat - wgs84[1])).toBeLessThan(1e-5);
  });

  it('leaves WGS 84 alone, and GCJ-02 outside China too', () => {
    expect(toWgs84([104.965496, 33.369432], 'wgs84')).toEqual([104.965496, 33.369432]);
    expect(toWgs84([1.521247, 42.506939], 'gcj02')).toEqual([1.521247, 42.506939]);
  });
});
