import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { localDateOf } from '../../src/infra/clock/clock';
import { PromiseDefaultsService } from '../../src/planning/promises/promise-defaults.service';
import { bindingPromise } from '../../src/planning/promises/promise-rules';

/** Parcels against their promises, for one day of the week bench or for the whole run. */
export interface PromiseTally {
  parcels: number;
  /** Planned arrival at the village no later than the binding promise. */
  keptParcels: number;
  expressParcels: number;
  expressKeptParcels: number;
}

export interface WeekPromises {
  /** By the local date of the published plan that carries the parcels. */
  byCarryDate: Map<string, PromiseTally>;
  /** Every inbound parcel and pickup of the run; one never carried counts as not kept. */
  all: PromiseTally;
  /** Parcels on no published plan at the end of the run. */
  neverCarriedParcels: number;
}

const emptyTally = (): PromiseTally => ({ parcels: 0, keptParcels: 0, expressParcels: 0, expressKeptParcels: 0 });

/**
 * "Delivered by the promise" as the issue defines it until drivers report: the planned arrival at the
 * village on the day's published plan is no later than the promise that binds the shipment (its
 * platform's `promisedBy`, else the county's default by service level, counted from the hub scan).
 * Read from the stored rows after the run, with the same rule the planner uses.
 */
export async function weekPromises(app: INestApplicationContext, countyId: string, timeZone: string): Promise<WeekPromises> {
  const rules = await app.get(PromiseDefaultsService).rulesByLevel(countyId);
  const rows: Array<{
    service_level: string;
    parcel_count: number;
    promised_by: Date | null;
    arrived_at: Date | null;
    created_at: Date;
    planned_arrival: Date | null;
  }> = await app.get(DataSource).query(
    `SELECT s.service_level, s.parcel_count, s.promised_by, s.arrived_at, s.created_at, carried.planned_arrival
       FROM shipment s
       LEFT JOIN (SELECT unnest(ps.shipment_ids) AS shipment_id, min(ps.arrival_at) AS planned_arrival
                    FROM plan_stop ps JOIN plan_route r ON r.id = ps.route_id JOIN plan p ON p.id = r.plan_id
                   WHERE p.county_id = $1 AND p.lifecycle IN ('published', 'completed') AND ps.kind = 'village'
                   GROUP BY 1) carried ON carried.shipment_id = s.id
      WHERE s.county_id = $1 AND s.status <> 'cancelled'`,
    [countyId],
  );
  const result: WeekPromises = { byCarryDate: new Map(), all: emptyTally(), neverCarriedParcels: 0 };
  for (const row of rows) {
    const promise = bindingPromise({ serviceLevel: row.service_level, promisedBy: row.promised_by, arrivedAt: row.arrived_at ?? row.created_at }, rules, timeZone);
    const arrival = row.planned_arrival === null ? null : new Date(row.planned_arrival);
    const kept = arrival !== null && arrival.getTime() <= promise.dueBy.getTime();
    const express = row.service_level === 'express';
    const tallies = [result.all];
    if (arrival === null) result.neverCarriedParcels += row.parcel_count;
    else {
      const date = localDateOf(arrival, timeZone);
      if (!result.byCarryDate.has(date)) result.byCarryDate.set(date, emptyTally());
      tallies.push(result.byCarryDate.get(date)!);
    }
    for (const tally of tallies) {
      tally.parcels += row.parcel_count;
      if (kept) tally.keptParcels += row.parcel_count;
      if (express) tally.expressParcels += row.parcel_count;
      if (express && kept) tally.expressKeptParcels += row.parcel_count;
    }
  }
  return result;
}
