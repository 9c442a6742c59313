import type { HandlingCosts } from '../../counties/handling-costs';

/**
 * A plan's figures, computed from its stored routes and stops (never from the solver's report), for
 * the consolidated plan and beside it the unconsolidated baseline. Kept pure: the rows come in, the
 * figures go out, so a test can check them against its own sums over the same rows.
 */

export type Tier = 'trunk' | 'last_mile';

export interface FigureStop {
  kind: 'station_transfer' | 'village';
  arrivalAt: Date;
  parcelsDelivered: number;
  parcelsPickedUp: number;
  shipmentIds: string[];
}

export interface FigureRoute {
  id: string;
  tier: Tier;
  costFen: number;
  distanceM: number;
  durationS: number;
  peakLoadWeightG: number;
  peakLoadParcels: number;
  capacityWeightG: number;
  capacityParcels: number;
  stops: FigureStop[];
}

/** What figures need of a shipment: its parcels and its promise. */
export interface FigureShipment {
  parcelCount: number;
  promisedBy: Date | null;
}

export interface LoadFactor {
  /** Peak weight on board against the vehicle's capacity (0..1, three decimals). */
  weight: number;
  /** Peak parcels on board against the vehicle's capacity (0..1, three decimals). */
  parcels: number;
}

export interface TierFigures {
  routes: number;
  costFen: number;
  distanceM: number;
  durationS: number;
  /** `durationS` in hours, two decimals: the vehicle-hours. */
  vehicleHours: number;
  /** Parcels the tier's routes hand over or collect (a trunk counts what it drops at stations and at villages). */
  parcels: number;
  costPerParcelFen: number | null;
  /** Weighted by capacity: the tier's peak loads summed over its capacities summed. */
  loadFactor: LoadFactor | null;
}

export interface RouteLoadFactor extends LoadFactor {
  routeId: string;
  tier: Tier;
}

export interface ScenarioFigures {
  tiers: { trunk: TierFigures; lastMile: TierFigures };
  /** Per-parcel handling at the transfers, charged to the consolidated plan only (zero in the baseline). */
  handling: { hubSortParcels: number; townshipHandoverParcels: number; costFen: number };
  /** Routes plus handling; `parcels` are the parcels delivered or collected at villages, each once. */
  total: TierFigures;
  routeLoadFactors: RouteLoadFactor[];
  /** Parcels at a village after their promise (planned arrival later than `promisedBy`). */
  parcelsLate: number;
  /** Parcels left open by the plan (unassigned with a reason). */
  parcelsLeftOpen: number;
  /** Parcels moved to a later service day. */
  parcelsDeferred: number;
}

export interface HandlingSensitivity {
  /** The county's handling costs multiplied by this. */
  factor: number;
  consolidatedCostFen: number;
  consolidatedCostPerParcelFen: number | null;
  savingPercent: number | null;
}

export interface PlanFigures {
  handlingCosts: HandlingCosts;
  consolidated: ScenarioFigures;
  baseline: ScenarioFigures;
  /** How much lower the consolidated cost per parcel is than the baseline's, in percent (one decimal); null without parcels. */
  savingPercent: number | null;
  /** The saving with the handling costs halved, as set, and doubled. */
  handlingSensitivity: HandlingSensitivity[];
}

export interface ScenarioRows {
  routes: FigureRoute[];
  /** Shipments of the scenario left open, with what they weigh in parcels. */
  leftOpenShipmentIds: string[];
  deferredParcels: number;
}

export const HANDLING_FACTORS = [0.5, 1, 2] as const;

export function planFigures(consolidated: ScenarioRows, baseline: ScenarioRows, shipments: ReadonlyMap<string, FigureShipment>, handlingCosts: HandlingCosts): PlanFigures {
  const ours = scenarioFigures(consolidated, shipments, handlingCosts);
  const theirs = scenarioFigures(baseline, shipments, null);
  const sensitivity = HANDLING_FACTORS.map((factor): HandlingSensitivity => {
    const costFen = ours.total.costFen - ours.handling.costFen + handlingCostFen(ours.handling, handlingCosts, factor);
    return {
      factor,
      consolidatedCostFen: costFen,
      consolidatedCostPerParcelFen: perParcel(costFen, ours.total.parcels),
      savingPercent: savingPercent(costFen, ours.total.parcels, theirs.total.costFen, theirs.total.parcels),
    };
  });
  return {
    handlingCosts,
    consolidated: ours,
    baseline: theirs,
    savingPercent: savingPercent(ours.total.costFen, ours.total.parcels, theirs.total.costFen, theirs.total.parcels),
    handlingSensitivity: sensitivity,
  };
}

/** One scenario's figures; `handlingCosts` null for the baseline, which makes no transfer. */
export function scenarioFigures(rows: ScenarioRows, shipments: ReadonlyMap<string, FigureShipment>, handlingCosts: HandlingCosts | null): ScenarioFigures {
  const parcelsOf = (ids: string[]) => ids.reduce((total, id) => total + (shipments.get(id)?.parcelCount ?? 0), 0);
  const stopParcels = (stop: FigureStop) => stop.parcelsDelivered + stop.parcelsPickedUp;
  const villageStops = rows.routes.flatMap((route) => route.stops.filter((stop) => stop.kind === 'village'));
  const villageParcels = villageStops.reduce((total, stop) => total + stopParcels(stop), 0);
  const transferParcels = rows.routes.flatMap((route) => route.stops.filter((stop) => stop.kind === 'station_transfer')).reduce((total, stop) => total + stopParcels(stop), 0);
  const handling = handlingCosts
    ? { hubSortParcels: villageParcels, townshipHandoverParcels: transferParcels, costFen: 0 }
    : { hubSortParcels: 0, townshipHandoverParcels: 0, costFen: 0 };
  if (handlingCosts) handling.costFen = handlingCostFen(handling, handlingCosts, 1);

  const tier = (routes: FigureRoute[], parcels: number, extraCostFen = 0): TierFigures => {
    const costFen = routes.reduce((total, route) => total + route.costFen, 0) + extraCostFen;
    const durationS = routes.reduce((total, route) => total + route.durationS, 0);
    return {
      routes: routes.length,
      costFen,
      distanceM: routes.reduce((total, route) => total + route.distanceM, 0),
      durationS,
      vehicleHours: round(durationS / 3600, 2),
      parcels,
      costPerParcelFen: perParcel(costFen, parcels),
      loadFactor: weightedLoadFactor(routes),
    };
  };
  const inTier = (name: Tier) => rows.routes.filter((route) => route.tier === name);
  const tierParcels = (routes: FigureRoute[]) => routes.reduce((total, route) => total + route.stops.reduce((sum, stop) => sum + stopParcels(stop), 0), 0);
  const late = villageStops.flatMap((stop) => stop.shipmentIds.filter((id) => isLate(shipments.get(id), stop.arrivalAt)));
  return {
    tiers: { trunk: tier(inTier('trunk'), tierParcels(inTier('trunk'))), lastMile: tier(inTier('last_mile'), tierParcels(inTier('last_mile'))) },
    handling,
    total: tier(rows.routes, villageParcels, handling.costFen),
    routeLoadFactors: rows.routes.map((route) => ({
      routeId: route.id,
      tier: route.tier,
      ...loadFactor(route.peakLoadWeightG, route.capacityWeightG, route.peakLoadParcels, route.capacityParcels),
    })),
    parcelsLate: parcelsOf(late),
    parcelsLeftOpen: parcelsOf(rows.leftOpenShipmentIds),
    parcelsDeferred: rows.deferredParcels,
  };
}

/** Handling at `factor` times the county's costs, rounded to the fen. */
function handlingCostFen(handling: { hubSortParcels: number; townshipHandoverParcels: number }, costs: HandlingCosts, factor: number): number {
  return Math.round(factor * (handling.hubSortParcels * costs.hubSortFenPerParcel + handling.townshipHandoverParcels * costs.townshipHandoverFenPerParcel));
}

function isLate(shipment: FigureShipment | undefined, arrivalAt: Date): boolean {
  return shipment?.promisedBy !== null && shipment?.promisedBy !== undefined && arrivalAt.getTime() > shipment.promisedBy.getTime();
}

function weightedLoadFactor(routes: FigureRoute[]): LoadFactor | null {
  if (routes.length === 0) return null;
  const sum = (pick: (route: FigureRoute) => number) => routes.reduce((total, route) => total + pick(route), 0);
  return loadFactor(
    sum((route) => route.peakLoadWeightG),
    sum((route) => route.capacityWeightG),
    sum((route) => route.peakLoadParcels),
    sum((route) => route.capacityParcels),
  );
}

function loadFactor(weightG: number, capacityWeightG: number, parcels: number, capacityParcels: number): LoadFactor {
  return { weight: capacityWeightG > 0 ? round(weightG / capacityWeightG, 3) : 0, parcels: capacityParcels > 0 ? round(parcels / capacityParcels, 3) : 0 };
}

function perParcel(costFen: number, parcels: number): number | null {
  return parcels > 0 ? Math.round(costFen / parcels) : null;
}

/** 1 − (ours per parcel) / (theirs per parcel), in percent, one decimal; exact ratios, not the rounded fen. */
export function savingPercent(oursFen: number, oursParcels: number, theirsFen: number, theirsParcels: number): number | null {
  if (oursParcels === 0 || theirsParcels === 0 || theirsFen === 0) return null;
  return round(100 * (1 - (oursFen * theirsParcels) / (theirsFen * oursParcels)), 1);
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
