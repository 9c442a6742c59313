import { addDays } from '../../infra/time/calendar-date';
import { isServiceDay, nextServiceDay, VillageCalendars } from '../../network/service-calendar';
import { localSecondsToInstant } from '../planner/local-time';
import { openingWindows } from '../planner/opening-windows';
import type { ShipmentUrgency, WaveInput, WaveNode, WaveShipment } from '../planner/wave-model';
import type { BindingPromise } from '../promises/promise-rules';

/** What the planner knows about a shipment's promise (planning-inputs.service.ts). */
export interface ShipmentPromise extends BindingPromise {
  serviceLevel: string;
  lateOnArrival: boolean;
}

export type DeferralReason = 'not_service_day' | 'cheaper_later' | 'no_room_today';

/** A shipment the wave leaves for a later day, and the day its village is next served. */
export interface DeferredShipment {
  shipmentId: string;
  villageNodeId: string;
  direction: WaveShipment['direction'];
  parcels: number;
  reason: DeferralReason;
  /** YYYY-MM-DD: its village's next service day, on or before which its promise is kept. */
  plannedFor: string;
  promise: BindingPromise;
}

/** Per offered shipment: how it weighs, and whether a later day could still keep its promise. */
export interface OfferedShipment {
  shipment: WaveShipment;
  urgency: ShipmentUrgency;
  promise: BindingPromise;
  /** Its village's next service day after the service date (null: none within a year). */
  nextServiceDay: string | null;
  /** The day after the service date would still keep the promise (at the latest arrival that day). */
  keptTomorrow: boolean;
}

export interface UrgencyClassification {
  offered: OfferedShipment[];
  /** Not offered at all: the village is not served today and nothing there must go. */
  notOffered: DeferredShipment[];
}

export interface ConsolidationContext {
  timeZone: string;
  promises: ReadonlyMap<string, ShipmentPromise>;
  /** Per village point: its own calendar and its station's. A village missing here is served every day. */
  calendars: ReadonlyMap<string, VillageCalendars>;
}

const DAY_S = 24 * 3600;
const NO_CALENDAR: VillageCalendars = { own: null, station: null };

/**
 * Decides, before any solving, what each open shipment is for the wave of `input.serviceDate`:
 * - must go (`late`, `express`, `due`): its promise has passed; it is express; its village's next
 *   service day would be too late (none within a year counts as too late); or its village is served
 *   today and the service day after the next one would be too late (no second chance if it waited);
 * - may go (`optional`): its village is served today (a service day on which it is open) or something
 *   there must go today, and the next service day still keeps the promise (and, when the village is
 *   served today, the one after it too);
 * - not offered: everything else, deferred as `not_service_day` to the village's next service day.
 * "Keeps the promise on day X" means: the latest arrival possible that day is no later than the
 * promise, the latest arrival being the village's closing time less its service time, capped by the
 * latest shift end of the vehicles that serve it. Pure.
 */
export function classifyShipments(input: Pick<WaveInput, 'serviceDate' | 'nodes' | 'vehicles' | 'shipments' | 'hubNodeId'>, context: ConsolidationContext): UrgencyClassification {
  const nodesById = new Map(input.nodes.map((node) => [node.id, node]));
  const latestShiftEndS = latestShiftEndByDepot(input);
  const day = input.serviceDate;
  const startOfDay = localSecondsToInstant(day, 0, context.timeZone).getTime();

  const village = (shipment: WaveShipment) => nodesById.get(shipment.villageNodeId);
  const calendarsOf = (node: WaveNode) => context.calendars.get(node.id) ?? NO_CALENDAR;
  /** Latest local second a vehicle can arrive at the village on `date`; null when it is closed that day. */
  const latestArrivalS = (node: WaveNode, date: string): number | null => {
    const windows = openingWindows(node.openingHours, date, node.serviceTimeS);
    if (windows !== null && windows.length === 0) return null;
    const closesS = windows === null ? DAY_S : windows[windows.length - 1]!.endS;
    const depotId = servingDepotId(node, nodesById, latestShiftEndS, input.hubNodeId);
    return Math.min(closesS, latestShiftEndS.get(depotId) ?? DAY_S);
  };
  const servable = (node: WaveNode, date: string) => isServiceDay(calendarsOf(node), date) && latestArrivalS(node, date) !== null;
  const keepsOn = (node: WaveNode, date: string | null, promise: BindingPromise): boolean => {
    if (date === null) return false;
    const latestS = latestArrivalS(node, date);
    return latestS !== null && localSecondsToInstant(date, latestS, context.timeZone).getTime() <= promise.dueBy.getTime();
  };

  // A village's next service day is the same for all its shipments.
  const nextByVillage = new Map<string, string | null>();
  const afterNextByVillage = new Map<string, string | null>();
  const decided = input.shipments.map((shipment) => {
    const node = village(shipment);
    const promise = context.promises.get(shipment.id);
    // Unknown villages and shipments without a promise are left to the planner as they were: they must go.
    if (!node || node.tier !== 'village_point' || !promise) return { shipment, node, promise, urgency: 'due' as const, next: null, keptTomorrow: false };
    if (!nextByVillage.has(node.id))
      nextByVillage.set(
        node.id,
        nextServiceDay(calendarsOf(node), day, (date) => latestArrivalS(node, date) !== null),
      );
    const next = nextByVillage.get(node.id)!;
    if (next !== null && !afterNextByVillage.has(node.id))
      afterNextByVillage.set(
        node.id,
        nextServiceDay(calendarsOf(node), next, (date) => latestArrivalS(node, date) !== null),
      );
    // On a day its village is served, a shipment may wait only while a second chance remains: should
    // the day it waits for fail (a fleet out of time when several days' parcels fall due together),
    // the service day after still keeps the promise. Not served today, it waits for the next day as before.
    const slackKept = !servable(node, day) || keepsOn(node, afterNextByVillage.get(node.id) ?? null, promise);
    const urgency: ShipmentUrgency =
      promise.lateOnArrival || promise.dueBy.getTime() < startOfDay
        ? 'late'
        : promise.serviceLevel === 'express'
          ? 'express'
          : keepsOn(node, next, promise) && slackKept
            ? 'optional'
            : 'due';
    return { shipment, node, promise, urgency, next, keptTomorrow: keepsOn(node, addDays(day, 1), promise) };
  });

  // A village something must reach today gets a visit, and its optional shipments may ride along.
  const visitedAnyway = new Set(decided.filter((entry) => entry.urgency !== 'optional').map((entry) => entry.shipment.villageNodeId));
  const classification: UrgencyClassification = { offered: [], notOffered: [] };
  for (const entry of decided) {
    const promise = entry.promise ?? { dueBy: new Date(8.64e15), source: 'platform' as const };
    if (entry.urgency === 'optional' && !visitedAnyway.has(entry.shipment.villageNodeId) && !servable(entry.node!, day)) {
      classification.notOffered.push({
        shipmentId: entry.shipment.id,
        villageNodeId: entry.shipment.villageNodeId,
        direction: entry.shipment.direction,
        parcels: entry.shipment.parcelCount,
        reason: 'not_service_day',
        plannedFor: entry.next!,
        promise,
      });
    } else {
      classification.offered.push({ shipment: entry.shipment, urgency: entry.urgency, promise, nextServiceDay: entry.next, keptTomorrow: entry.keptTomorrow });
    }
  }
  return classification;
}

/**
 * Who serves a village: its township station when the station has vehicles of its own, else the hub
 * (the planner's rule, wave-planner.ts). `depotsWithVehicles` is keyed by the depots that have any.
 */
export function servingDepotId(village: WaveNode, nodesById: ReadonlyMap<string, WaveNode>, depotsWithVehicles: ReadonlyMap<string, unknown>, hubNodeId: string): string {
  const parent = nodesById.get(village.parentId ?? '');
  return parent?.tier === 'township_station' && depotsWithVehicles.has(parent.id) ? parent.id : hubNodeId;
}

/** Per depot (hub or station) with vehicles: the latest shift end among them, local seconds. */
function latestShiftEndByDepot(input: Pick<WaveInput, 'vehicles'>): Map<string, number> {
  const latest = new Map<string, number>();
  for (const vehicle of input.vehicles) latest.set(vehicle.homeNodeId, Math.max(latest.get(vehicle.homeNodeId) ?? 0, vehicle.shiftEndS));
  return latest;
}
