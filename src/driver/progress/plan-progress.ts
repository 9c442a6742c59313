import { instantToLocalIso } from '../../planning/planner/local-time';
import type { RouteContext, RouteStopContext } from '../../planning/driver-routes.service';
import type { ReportedParcel } from '../../shipments/parcel-reports.service';
import { isLater, stageOf } from '../events/status-rule';
import { ParcelOutcome, parcelOutcomes } from '../events/parcel-outcomes';
import type { StoredDriverEvent } from '../events/stored-events.service';
import { PlanProgressResponse, RouteProgressResponse, StopProgressResponse } from './plan-progress.response';

/** A stop reached (or expected) this long after its planned arrival is late. */
export const LATE_AFTER_S = 15 * 60;

export interface ProgressInput {
  timeZone: string;
  plan: { id: string; serviceDate: string; wave: number };
  routes: readonly RouteContext[];
  /** The accepted events of these routes. */
  events: readonly StoredDriverEvent[];
  parcelsByShipment: ReadonlyMap<string, readonly ReportedParcel[]>;
}

/** The first event matching, by corrected time then id. */
function first(events: readonly StoredDriverEvent[], matches: (event: StoredDriverEvent) => boolean): StoredDriverEvent | null {
  return events.reduce<StoredDriverEvent | null>((best, event) => (matches(event) && (best === null || isLater(eventKey(best), eventKey(event))) ? event : best), null);
}

function last(events: readonly StoredDriverEvent[], matches: (event: StoredDriverEvent) => boolean): StoredDriverEvent | null {
  return events.reduce<StoredDriverEvent | null>((best, event) => (matches(event) && (best === null || isLater(eventKey(event), eventKey(best))) ? event : best), null);
}

const eventKey = (event: StoredDriverEvent) => ({ eventId: event.id, occurredAtMs: event.occurredAtMs, parcelId: null, status: 'delivered' as const });

/**
 * A plan's progress from its drivers' reports: a function of the plan and the set of accepted events
 * (never of the clock or of the order the reports came in), so every server and every replay agrees.
 */
export function planProgress(input: ProgressInput): PlanProgressResponse {
  const local = (ms: number) => instantToLocalIso(new Date(ms), input.timeZone);
  const directions = new Map([...input.parcelsByShipment.values()].flat().map((parcel) => [parcel.parcelId, parcel.direction]));
  const outcomes = parcelOutcomes(input.events, directions);
  const routes = input.routes.map((route) =>
    routeProgress(
      route,
      input.events.filter((event) => event.routeId === route.id),
      outcomes,
      input.parcelsByShipment,
      local,
    ),
  );
  const sum = (pick: (route: RouteProgressResponse) => number) => routes.reduce((total, route) => total + pick(route), 0);
  return {
    planId: input.plan.id,
    serviceDate: input.plan.serviceDate,
    wave: input.plan.wave,
    totals: {
      routes: routes.length,
      stops: sum((route) => route.stops),
      stopsDone: sum((route) => route.stopsDone),
      stopsLate: sum((route) => route.stopsLate),
      stopsFailed: sum((route) => route.stopsFailed),
      parcelsOnBoard: sum((route) => route.parcelsOnBoard),
      parcelsDelivered: sum((route) => route.parcelsDelivered),
      parcelsFailed: sum((route) => route.parcelsFailed),
    },
    routes,
  };
}

function routeProgress(
  route: RouteContext,
  events: readonly StoredDriverEvent[],
  outcomes: ReadonlyMap<string, ParcelOutcome>,
  parcelsByShipment: ReadonlyMap<string, readonly ReportedParcel[]>,
  local: (ms: number) => string,
): RouteProgressResponse {
  const departed = first(events, (event) => event.type === 'departed' && event.stopId === null);
  const returned = first(events, (event) => event.type === 'arrived' && event.stopId === null);
  const delayS = currentDelayS(route, events);
  const stopProgress = route.stops.map((stop) => stopProgressOf(stop, events, outcomes, parcelsByShipment, delayS, local));
  const stopParcels = (stop: RouteStopContext) => stop.shipmentIds.flatMap((id) => parcelsByShipment.get(id) ?? []);
  const inbound = route.stops.flatMap(stopParcels).filter((parcel) => parcel.direction === 'inbound');
  const pickups = route.stops.flatMap(stopParcels).filter((parcel) => parcel.direction === 'outbound_pickup');
  // Delivered and failed count where the delivery is tried: at this route's villages, not at a station it supplies.
  const atVillages = route.stops.filter((stop) => stop.kind === 'village').flatMap(stopParcels);
  const reported = (parcel: ReportedParcel, statuses: string[]) => statuses.includes(outcomes.get(parcel.parcelId)?.status ?? '');
  const started = events.length > 0;
  const onBoard = started
    ? inbound.filter((parcel) => !reported(parcel, ['delivered', 'at_township'])).length + pickups.filter((parcel) => reported(parcel, ['picked_up'])).length
    : 0;
  const position = last(events, (event) => event.location !== null);
  return {
    routeId: route.id,
    routeNumber: route.routeNumber,
    driverId: route.driverId,
    status: route.status,
    departedAt: departed && local(departed.occurredAtMs),
    returnedAt: returned && local(returned.occurredAtMs),
    delayS,
    lastPosition: position && { coordinates: position.location!.coordinates, accuracyM: position.location!.accuracyM, at: local(position.occurredAtMs) },
    stops: stopProgress.length,
    stopsDone: stopProgress.filter((stop) => stop.state === 'done').length,
    stopsLate: stopProgress.filter((stop) => stop.late).length,
    stopsFailed: stopProgress.filter((stop) => stop.failed).length,
    parcelsOnBoard: onBoard,
    parcelsDelivered: atVillages.filter((parcel) => reported(parcel, ['delivered'])).length,
    parcelsFailed: atVillages.filter((parcel) => outcomes.get(parcel.parcelId)?.failed).length,
    exceptions: events.filter((event) => event.type === 'exception').length,
    contradicted: atVillages.filter((parcel) => outcomes.get(parcel.parcelId)?.contradicted).map((parcel) => parcel.barcode),
    stopProgress,
  };
}

/** Behind plan by the latest report at a stop or at the base's departure; never ahead (an early van still waits at opening hours). */
function currentDelayS(route: RouteContext, events: readonly StoredDriverEvent[]): number {
  const report = last(events, (event) => event.type === 'departed' || (event.type === 'arrived' && event.stopId !== null));
  if (!report) return 0;
  const stop = route.stops.find((candidate) => candidate.id === report.stopId);
  const plannedMs = stop ? (report.type === 'arrived' ? stop.arrivalAt : stop.departureAt).getTime() : route.departureAt.getTime();
  return Math.max(0, Math.round((report.occurredAtMs - plannedMs) / 1000));
}

function stopProgressOf(
  stop: RouteStopContext,
  events: readonly StoredDriverEvent[],
  outcomes: ReadonlyMap<string, ParcelOutcome>,
  parcelsByShipment: ReadonlyMap<string, readonly ReportedParcel[]>,
  delayS: number,
  local: (ms: number) => string,
): StopProgressResponse {
  const arrived = first(events, (event) => event.type === 'arrived' && event.stopId === stop.id);
  const departed = first(events, (event) => event.type === 'departed' && event.stopId === stop.id);
  const parcels = stop.shipmentIds.flatMap((id) => parcelsByShipment.get(id) ?? []);
  const outcomeOf = (parcel: ReportedParcel) => outcomes.get(parcel.parcelId);
  const stage = (parcel: ReportedParcel) => stageOf(parcel.direction, outcomeOf(parcel)?.status ?? 'planned');
  // At a township station the trunk hands parcels over (stage 2 on) and takes produce back; at a village
  // parcels are delivered or fail, and produce is collected.
  const atStation = stop.kind === 'station_transfer';
  const handled = parcels.filter((parcel) => (atStation ? stage(parcel) >= 2 : parcel.direction === 'outbound_pickup' && stage(parcel) >= 1)).length;
  const delivered = atStation ? 0 : parcels.filter((parcel) => outcomeOf(parcel)?.status === 'delivered').length;
  const failedParcels = atStation ? 0 : parcels.filter((parcel) => outcomeOf(parcel)?.failed).length;
  const allHandled = parcels.length > 0 && delivered + failedParcels + handled >= parcels.length;
  const plannedMs = stop.arrivalAt.getTime();
  const expectedMs = arrived ? arrived.occurredAtMs : plannedMs + delayS * 1000;
  return {
    stopId: stop.id,
    sequence: stop.sequence,
    kind: stop.kind,
    state: departed || allHandled ? 'done' : arrived ? 'arrived' : 'pending',
    plannedArrivalAt: local(plannedMs),
    expectedArrivalAt: local(expectedMs),
    arrivedAt: arrived && local(arrived.occurredAtMs),
    departedAt: departed && local(departed.occurredAtMs),
    late: expectedMs - plannedMs > LATE_AFTER_S * 1000,
    failed: failedParcels > 0,
    parcels: parcels.length,
    delivered,
    failedParcels,
    handled,
  };
}
