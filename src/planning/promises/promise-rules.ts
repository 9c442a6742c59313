import { localDateOf } from '../../infra/clock/clock';
import { addDays } from '../../infra/time/calendar-date';
import { clockToSeconds } from '../../infra/time/clock-time';
import { SERVICE_LEVELS } from '../../shipments/dto/shipment-input.dto';
import { localSecondsToInstant } from '../planner/local-time';

export type ServiceLevel = (typeof SERVICE_LEVELS)[number];

/**
 * A county's default promise for one service level, for a shipment that arrives without `promisedBy`:
 * due at `dueTime` (local) on the `daysAfterArrival`-th calendar day after it arrived (hub scan of an
 * inbound parcel, request of a pickup). Arriving after `cutoffTime` counts as arriving the next day.
 */
export interface PromiseRule {
  serviceLevel: ServiceLevel;
  daysAfterArrival: number;
  /** HH:MM, local time of the county. */
  dueTime: string;
  /** HH:MM, or null: no cut-off. */
  cutoffTime: string | null;
}

/**
 * The defaults a county starts with (docs/planning.md, "Promises"): express the same day (arrived by
 * noon), standard the 3rd calendar day, economy the 5th, scheduled (rides the village's scheduled
 * visits) the 7th, so that even a village served once a week is reached within it; each by 20:00.
 */
export const DEFAULT_PROMISE_RULES: readonly PromiseRule[] = Object.freeze([
  { serviceLevel: 'standard', daysAfterArrival: 3, dueTime: '20:00', cutoffTime: null },
  { serviceLevel: 'express', daysAfterArrival: 0, dueTime: '20:00', cutoffTime: '12:00' },
  { serviceLevel: 'economy', daysAfterArrival: 5, dueTime: '20:00', cutoffTime: null },
  { serviceLevel: 'scheduled', daysAfterArrival: 7, dueTime: '20:00', cutoffTime: null },
]);

export const MAX_DAYS_AFTER_ARRIVAL = 30;

export type PromiseSource = 'platform' | 'county_default';

/** The promise that binds a shipment: its platform's, or the county's default for its service level. */
export interface BindingPromise {
  dueBy: Date;
  source: PromiseSource;
}

export interface PromisedShipment {
  serviceLevel: string;
  promisedBy: Date | null;
  arrivedAt: Date;
}

/** `rules` must hold every level (the county's, completed by the defaults); an unknown level is standard. */
export function bindingPromise(shipment: PromisedShipment, rules: ReadonlyMap<string, PromiseRule>, timeZone: string): BindingPromise {
  if (shipment.promisedBy !== null) return { dueBy: shipment.promisedBy, source: 'platform' };
  const rule = rules.get(shipment.serviceLevel) ?? rules.get('standard')!;
  const arrivalDate = localDateOf(shipment.arrivedAt, timeZone);
  const arrivalS = (shipment.arrivedAt.getTime() - localSecondsToInstant(arrivalDate, 0, timeZone).getTime()) / 1000;
  const countsFrom = rule.cutoffTime !== null && arrivalS > clockToSeconds(rule.cutoffTime) ? addDays(arrivalDate, 1) : arrivalDate;
  return { dueBy: localSecondsToInstant(addDays(countsFrom, rule.daysAfterArrival), clockToSeconds(rule.dueTime), timeZone), source: 'county_default' };
}
