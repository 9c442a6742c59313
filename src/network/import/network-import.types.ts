import type { NodeTier, OpeningHoursRule } from '../network-node.entity';
import type { ServiceCalendar } from '../service-calendar';
import type { RoadClass, RoadClosure, RoadSurface } from '../road-segment.entity';

/** A node feature after validation, ready to write. */
export interface NodeImportRow {
  featureIndex: number;
  code: string;
  tier: NodeTier;
  parentCode: string | null;
  name: string;
  adminCode: string | null;
  lon: number;
  lat: number;
  elevationM: number | null;
  serviceTimeS: number;
  storageCapacityParcels: number | null;
  openingHours: OpeningHoursRule[] | null;
  serviceCalendar: ServiceCalendar | null;
  syntheticLocation: boolean;
}

/** A road segment after validation, ready to write (also what the CLI road import produces). */
export interface RoadImportRow {
  externalId: string;
  fromVertex: string;
  toVertex: string;
  /** [lon, lat] positions, at least two distinct. */
  coordinates: Array<[number, number]>;
  lengthM: number;
  roadClass: RoadClass;
  surface: RoadSurface;
  climbM: number;
  descentM: number;
  oneWay: boolean;
  closures: RoadClosure[];
  synthetic: boolean;
  /** The DEM did not cover the road (or none was given): its climb and descent are unknown, stored as 0. */
  elevationMissing?: boolean;
}

export interface ValidatedNetworkImport {
  nodes: NodeImportRow[];
  roads: RoadImportRow[];
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface NetworkImportResult {
  nodes: ImportCounts;
  roads: ImportCounts;
  networkVersion: number;
}

/** Imports that replace a whole source of roads (an OSM extract) say which ids are theirs. */
export interface RoadReplacement {
  /** External-id prefix of the roads this source owns; its stored roads not in the import are deleted. */
  ownedIdPrefix: string;
}

/** What the validator needs to know about nodes already stored in the county. */
export interface StoredNodeTiers {
  tierByCode: Map<string, NodeTier>;
  hubCode: string | null;
}
