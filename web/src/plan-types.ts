import type { ServiceCalendar } from '../../src/network/service-calendar';
/** The parts of the API's plan answers the console reads (see the OpenAPI document at /docs). */

export interface PlanSummary {
  id: string;
  serviceDate: string;
  wave: number;
  version: number;
  revision: number;
  status: 'queued' | 'running' | 'computed' | 'failed';
  lifecycle: 'draft' | 'published' | 'completed' | 'cancelled';
  parcels: number | null;
  costPerParcelFen: number | null;
  totalDistanceM: number | null;
  unassigned: Array<{ shipmentId: string; villageNodeId: string; reason: string; echelon: string }>;
  late: Array<{ shipmentId: string; villageNodeId: string; reason: string }>;
  error: string | null;
}

export interface PlanStop {
  id: string;
  sequence: number;
  nodeId: string;
  kind: 'station_transfer' | 'village';
  arrivalAt: string;
  parcelsDelivered: number;
  parcelsPickedUp: number;
}

export interface PlanRoute {
  id: string;
  routeNumber: number;
  echelon: 'trunk' | 'last_mile';
  status: string;
  locked: boolean;
  startNodeId: string;
  distanceM: number;
  costFen: number;
  parcelsDelivered: number;
  parcelsPickedUp: number;
  departureAt: string;
  stops: PlanStop[];
}

interface TierFigures {
  routes: number;
  costFen: number;
  distanceM: number;
  parcels: number;
  costPerParcelFen: number | null;
  loadFactor: { weight: number; parcels: number } | null;
}

export interface PlanDetail extends PlanSummary {
  jobProgress: { percent: number; stage: string } | null;
  routes: PlanRoute[];
  figures: {
    consolidated: { tiers: { trunk: TierFigures; lastMile: TierFigures }; total: TierFigures };
    baseline: { total: TierFigures };
    savingPercent: number | null;
  } | null;
}

export interface DeferredShipment {
  shipmentId: string;
  platformShipmentId: string | null;
  village: { id: string; code: string; name: string } | null;
  parcels: number;
  reason: string;
  plannedFor: string;
}

/** A node as GET …/nodes lists it: the id that routes name, and where it is. */
export interface NodeItem {
  id: string;
  tier: 'county_hub' | 'township_station' | 'village_point';
  code: string;
  name: string;
  location: { type: 'Point'; coordinates: [number, number] };
  /** Its own service calendar (GET …/nodes answers carry it); null: none of its own. */
  serviceCalendar?: ServiceCalendar | null;
}
