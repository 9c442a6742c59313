import type { FleetSeed } from '../../fleet/fleet-seed.service';
import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import type { NodeTier, OpeningHoursRule } from '../../network/network-node.entity';
import type { ServiceCalendar } from '../../network/service-calendar';
import type { RoadClass, Surface } from '@rural-dispatch/routing';

/** Node properties, as in docs/network-geojson.md. */
export interface DemoNodeProperties {
  kind: 'node';
  tier: NodeTier;
  code: string;
  parent?: string;
  name: string;
  adminCode?: string;
  elevationM: number;
  serviceTimeS: number;
  storageCapacityParcels: number;
  openingHours: OpeningHoursRule[];
  /** Township stations: their villages' service calendar (service-calendars.ts). */
  serviceCalendar?: ServiceCalendar;
  syntheticLocation: boolean;
}

/** Road properties, as in docs/network-geojson.md. */
export interface DemoRoadProperties {
  kind: 'road';
  id: string;
  from: string;
  to: string;
  lengthM: number;
  roadClass: RoadClass;
  surface: Surface;
  climbM: number;
  descentM: number;
  oneWay: boolean;
  synthetic: boolean;
}

export type DemoNodeFeature = Feature<Point, DemoNodeProperties>;
export type DemoRoadFeature = Feature<LineString, DemoRoadProperties>;
export type DemoNetwork = FeatureCollection<Point | LineString, DemoNodeProperties | DemoRoadProperties>;

/** A demo vehicle is a fleet seed row (nodes by code, shifts as local 'HH:MM'), always with a max duration. */
export type DemoVehicle = FleetSeed['vehicles'][number] & { maxDurationS: number };

export interface DemoDriver {
  name: string;
  /** Clearly fake: 1380000 followed by a 4-digit serial. */
  phone: string;
  homeNodeCode: string;
  /** The vehicle this driver usually drives. */
  vehicleCode: string;
}

export interface DemoCountyInfo {
  name: string;
  nameEn: string;
  adminCode: string;
  timeZone: string;
}

/** Where each township's point came from: its GeoNames match, or null when it was placed by the synthetic rule (flagged `syntheticLocation`). */
export interface TownshipProvenance {
  code: string;
  name: string;
  geonameId: number | null;
  geonameName: string | null;
}

export interface DemoCountySummary {
  countyHubs: number;
  townshipStations: number;
  villagePoints: number;
  roads: number;
  roadLengthM: number;
  roadsByClass: Record<string, number>;
  vehicles: number;
  vehiclesByClass: Record<string, number>;
  drivers: number;
}

export interface DemoCounty {
  county: DemoCountyInfo;
  network: DemoNetwork;
  fleet: { vehicles: DemoVehicle[]; drivers: DemoDriver[] };
  summary: DemoCountySummary;
  townshipSources: TownshipProvenance[];
  /** Credits the data licences require, to show wherever the demo county is shown. */
  attribution: string[];
}
