import type { NodeTier, OpeningHoursRule } from '../../network/network-node.entity';
import type { Problem, Solution, SolveOptions, UnassignedReason, VehicleClass } from '@rural-dispatch/routing';

/**
 * Plain data the wave planner works on: no entities, no database. The planning service reads the
 * network, fleet and shipments into these shapes; the planner returns routes as plain rows.
 * Times are seconds from local midnight of the service date in the county's time zone.
 */

/** Capacity dimensions, in this order, in every solver amount and capacity: grams, cm³, parcels. */
export interface Load {
  weightG: number;
  volumeCm3: number;
  parcels: number;
}

export interface WaveNode {
  id: string;
  code: string;
  name: string;
  tier: NodeTier;
  parentId: string | null;
  serviceTimeS: number;
  /** Null means always open. */
  openingHours: OpeningHoursRule[] | null;
}

export interface WaveVehicle {
  id: string;
  code: string;
  vehicleClass: VehicleClass;
  homeNodeId: string;
  capacity: Load;
  fixedCostFen: number;
  costPerKmFen: number;
  costPerHourFen: number;
  shiftStartS: number;
  shiftEndS: number;
  maxDurationS: number | null;
}

export type ShipmentDirection = 'delivery' | 'pickup';

/**
 * How much it matters that a shipment goes in this wave (docs/planning.md, "Must go, may go"):
 * `late`, its promise has passed (planned first); `express`, never deferred; `due`, only today keeps
 * its promise; `optional`, it may wait for its village's next service day, the solver weighing
 * `deferralPenaltyFen` (the estimated cost of serving it then) against serving it now.
 */
export const SHIPMENT_URGENCIES = ['late', 'express', 'due', 'optional'] as const;
export type ShipmentUrgency = (typeof SHIPMENT_URGENCIES)[number];

/** One open shipment: an inbound parcel set to deliver to a village, or produce to collect there. */
export interface WaveShipment {
  id: string;
  direction: ShipmentDirection;
  villageNodeId: string;
  weightG: number;
  volumeCm3: number;
  parcelCount: number;
  /** Absent: it must go, as `due`. */
  urgency?: ShipmentUrgency;
  /** For an `optional` shipment: what leaving it for its next service day is estimated to cost, fen. */
  deferralPenaltyFen?: number;
  /**
   * The part of `deferralPenaltyFen` that is the trunk's share of its station's next visit (0 or
   * absent for a village the hub serves): going today saves it only where the trunk goes today anyway.
   */
  deferralTrunkShareFen?: number;
}

/** Integer matrices over `nodeIds` (row-major); -1 marks a pair with no road between them. */
export interface NodeMatrix {
  nodeIds: string[];
  distanceM: Int32Array;
  durationS: Int32Array;
}

export type MatrixSource = (nodeIds: string[], vehicleClass: VehicleClass) => Promise<NodeMatrix>;
/** Asynchronous so that the service can run the solve off its event loop (on a worker thread). */
export type SolveFunction = (problem: Problem, options: SolveOptions) => Promise<Solution>;

/**
 * A route of the plan being replanned, as the replan starts from it: its vehicle and, per stop in
 * order, the shipments handed over or collected there. Shipment ids, not task ids: a replan packs
 * its tasks afresh (starting-routes.ts maps one onto the other).
 */
export interface StartingRoute {
  vehicleId: string;
  stops: string[][];
}

export interface WaveInput {
  /** YYYY-MM-DD, the local date the plan runs on (opening hours depend on its weekday). */
  serviceDate: string;
  hubNodeId: string;
  nodes: WaveNode[];
  vehicles: WaveVehicle[];
  shipments: WaveShipment[];
  seed: number;
  /** Wall-clock budget for all solves together. */
  timeLimitMs: number;
  /** On a replan, the routes it replaces: each depot's solves start from them. */
  startingRoutes?: StartingRoute[];
}

export type Echelon = 'trunk' | 'last_mile';
export type StopKind = 'station_transfer' | 'village';

/**
 * Why a shipment stays open: the solver's reasons, plus the ones the planner finds before solving
 * (`closed`: the village is closed on the service date; `unreachable`: no road from the depot).
 * A shipment the trunk cannot bring to its station keeps the trunk's reason, with echelon `trunk`.
 */
export type PlanUnassignedReason = UnassignedReason | 'closed' | 'unreachable';

export interface UnassignedShipment {
  shipmentId: string;
  villageNodeId: string;
  reason: PlanUnassignedReason;
  echelon: Echelon;
}

export interface PlannedStop {
  /** 1-based order within the route. */
  sequence: number;
  nodeId: string;
  kind: StopKind;
  arrivalS: number;
  departureS: number;
  parcelsDelivered: number;
  parcelsPickedUp: number;
  weightDeliveredG: number;
  weightPickedUpG: number;
  volumeDeliveredCm3: number;
  volumePickedUpCm3: number;
  /** Shipments handed over here (delivered) or collected here (picked up), sorted. */
  shipmentIds: string[];
}

export interface PlannedRoute {
  vehicleId: string;
  echelon: Echelon;
  startNodeId: string;
  distanceM: number;
  durationS: number;
  costFen: number;
  parcelsDelivered: number;
  parcelsPickedUp: number;
  /** Largest load on board at any point of the route. */
  peakLoad: Load;
  departureS: number;
  returnS: number;
  stops: PlannedStop[];
}

/** What one solver run did, kept on the plan for diagnosis. */
export interface ProblemStatistics {
  name: string;
  jobs: number;
  vehicles: number;
  routes: number;
  unassignedJobs: number;
  iterations: number;
  maxIterations: number;
  runtimeMs: number;
  /** True when the iteration budget, not the clock, ended the search: the run replays under its seed. */
  replayable: boolean;
  earliestStartS?: number;
  /** On a replan: how many routes of the plan it replaces the run started from. */
  startingRoutes?: number;
}

export interface WaveTotals {
  costFen: number;
  distanceM: number;
  durationS: number;
  parcels: number;
  costPerParcelFen: number | null;
  vehiclesUsed: number;
}

export interface WavePlan {
  routes: PlannedRoute[];
  /** Ids of every shipment that is on a village stop of some route. */
  plannedShipmentIds: string[];
  unassigned: UnassignedShipment[];
  totals: WaveTotals;
  statistics: ProblemStatistics[];
}

export const LOAD_DIMENSIONS = 3;

export function loadVector(load: Load): number[] {
  return [load.weightG, load.volumeCm3, load.parcels];
}

export function shipmentLoad(shipment: WaveShipment): Load {
  return { weightG: shipment.weightG, volumeCm3: shipment.volumeCm3, parcels: shipment.parcelCount };
}

export function addLoad(a: Load, b: Load): Load {
  return { weightG: a.weightG + b.weightG, volumeCm3: a.volumeCm3 + b.volumeCm3, parcels: a.parcels + b.parcels };
}

export function loadFits(load: Load, capacity: Load): boolean {
  return load.weightG <= capacity.weightG && load.volumeCm3 <= capacity.volumeCm3 && load.parcels <= capacity.parcels;
}

export const EMPTY_LOAD: Load = Object.freeze({ weightG: 0, volumeCm3: 0, parcels: 0 });
