import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { Clock } from '../infra/clock/clock';
import { DomainError, notFound } from '../infra/errors/domain-error';
import { PlannableShipmentsService, ShipmentSchedule } from '../shipments/plannable-shipments.service';
import { instantToLocalIso } from './planner/local-time';
import { appendPlanEvent, PlanActor } from './plan-events';
import { Plan } from './plan.entity';
import { totalsWithKeptRoutes } from './plan-totals';
import { assertCurrentPlan } from './plan-staleness';

/** A platform is promised a window around the planned arrival, not the minute. */
export const ETA_WINDOW_BEFORE_S = 3600;
export const ETA_WINDOW_AFTER_S = 3600;

export type PublishConflict =
  | { rule: 'vehicle_overlap'; routeId: string; vehicleId: string; otherPlanId: string; otherRouteId: string; from: string; to: string }
  | { rule: 'shipment_on_published_route'; shipmentId: string; routeId: string; otherPlanId: string; otherRouteId: string };

/**
 * Publishing: a computed draft becomes the day's binding plan. It is re-checked against every other
 * published (or completed) plan of the day, its shipments become `planned`, and each platform is
 * told about its own shipments through the outbox; a published version it supersedes is cancelled.
 */
@Injectable()
export class PlanPublishingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly shipments: PlannableShipmentsService,
    private readonly counties: CountiesService,
    private readonly clock: Clock,
  ) {}

  /** With `expectedRevision`, only the revision the dispatcher reviewed is published (409 `stale_version` otherwise). */
  async publish(countyId: string, planId: string, actor: PlanActor, expectedRevision?: number): Promise<Plan> {
    const county = await this.counties.get(countyId);
    return this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(Plan, { where: { countyId, id: planId } });
      if (!found) throw notFound('plan', planId);
      // One publish at a time per county day, so two drafts cannot both pass the re-check.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`plan-publish:${countyId}:${found.serviceDate}`]);
      const plan = await manager.findOneOrFail(Plan, { where: { id: planId }, lock: { mode: 'pessimistic_write' } });
      await assertPublishable(manager, plan, expectedRevision);
      const conflicts = await findPublishConflicts(manager, plan);
      if (conflicts.length > 0) {
        throw new DomainError('conflict', `plan conflicts with ${conflicts.length} reservation(s) of the day's published plans (first: ${conflicts[0]!.rule})`, [], { conflicts });
      }
      // Before the superseded version's kept routes join: their shipments are planned already.
      const schedules = await scheduleOf(manager, plan, county.timeZone);
      if (plan.supersedesPlanId) await this.cancelSuperseded(manager, plan, actor);
      await this.shipments.markPlanned(manager, countyId, [...schedules.keys()], plan.id, schedules);
      Object.assign(plan, { lifecycle: 'published', publishedAt: this.clock.now() });
      await manager.save(Plan, plan);
      await appendPlanEvent(manager, { planId, type: 'plan.published', actor, data: { version: plan.version, shipments: schedules.size } });
      // Read back: the event moved the revision on.
      return manager.findOneOrFail(Plan, { where: { id: planId } });
    });
  }

  /**
   * The published version being replaced is cancelled. Its dispatched (or done) and locked routes stay as they
   * are, same route and stop ids, and move over to the new version (the new one was planned around
   * them); the shipments of its other routes are given back before the new version takes its own.
   */
  private async cancelSuperseded(manager: EntityManager, plan: Plan, actor: PlanActor): Promise<void> {
    const previous = await manager.findOne(Plan, { where: { id: plan.supersedesPlanId! }, lock: { mode: 'pessimistic_write' } });
    if (!previous || previous.lifecycle !== 'published') return;
    const kept: Array<{ id: string }> = await manager
      .query(
        `UPDATE plan_route SET plan_id = $2, route_number = route_number + (SELECT coalesce(max(route_number), 0) FROM plan_route WHERE plan_id = $2)
        WHERE plan_id = $1 AND (status <> 'planned' OR locked) RETURNING id`,
        [previous.id, plan.id],
      )
      .then(([rows]: [Array<{ id: string }>]) => rows);
    await this.shipments.releasePlanned(manager, previous.countyId, await villageShipmentIds(manager, previous.id), previous.id);
    previous.lifecycle = 'cancelled';
    await manager.save(Plan, previous);
    await appendPlanEvent(manager, {
      planId: previous.id,
      type: 'plan.cancelled',
      actor,
      data: { supersededBy: plan.id, version: plan.version, keptRouteIds: kept.map((row) => row.id) },
    });
    if (kept.length > 0) {
      const keptRouteIds = kept.map((row) => row.id);
      Object.assign(plan, await totalsWithKeptRoutes(manager, plan.id, plan.parcels ?? 0, keptRouteIds));
    }
  }
}

async function assertPublishable(manager: EntityManager, plan: Plan, expectedRevision: number | undefined): Promise<void> {
  if (plan.lifecycle !== 'draft') {
    throw new DomainError('illegal_transition', `plan is ${plan.lifecycle}; only a draft can be published`, [], { lifecycle: plan.lifecycle });
  }
  if (plan.status !== 'computed') {
    throw new DomainError('illegal_transition', `plan is ${plan.status}; only a computed plan can be published`, [], { currentStatus: plan.status });
  }
  await assertCurrentPlan(manager, plan, expectedRevision);
}

/** The day's other published or completed plans, leaving out the version this one replaces. */
const RESERVING_PLANS = `SELECT id FROM plan WHERE county_id = $2 AND service_date = $3 AND lifecycle IN ('published', 'completed') AND id <> $1 AND id IS DISTINCT FROM $4`;

export async function findPublishConflicts(manager: EntityManager, plan: Plan): Promise<PublishConflict[]> {
  const parameters = [plan.id, plan.countyId, plan.serviceDate, plan.supersedesPlanId];
  const overlaps: Array<{ route_id: string; vehicle_id: string; other_plan_id: string; other_route_id: string; from: Date; to: Date }> = await manager.query(
    `SELECT r.id AS route_id, r.vehicle_id, o.plan_id AS other_plan_id, o.id AS other_route_id, greatest(r.departure_at, o.departure_at) AS "from", least(r.return_at, o.return_at) AS "to"
       FROM plan_route r JOIN plan_route o ON o.vehicle_id = r.vehicle_id AND o.departure_at < r.return_at AND r.departure_at < o.return_at
      WHERE r.plan_id = $1 AND o.plan_id IN (${RESERVING_PLANS})
      ORDER BY r.route_number, o.id`,
    parameters,
  );
  const doubles: Array<{ shipment_id: string; route_id: string; other_plan_id: string; other_route_id: string }> = await manager.query(
    `SELECT mine.shipment_id, mine.route_id, o.plan_id AS other_plan_id, o.id AS other_route_id
       FROM (SELECT unnest(s.shipment_ids) AS shipment_id, r.id AS route_id FROM plan_stop s JOIN plan_route r ON r.id = s.route_id WHERE r.plan_id = $1 AND s.kind = 'village') mine
       JOIN plan_stop os ON os.kind = 'village' AND mine.shipment_id = ANY(os.shipment_ids)
       JOIN plan_route o ON o.id = os.route_id
      WHERE o.plan_id IN (${RESERVING_PLANS})
      ORDER BY mine.shipment_id`,
    parameters,
  );
  return [
    ...overlaps.map((row): PublishConflict => ({
      rule: 'vehicle_overlap',
      routeId: row.route_id,
      vehicleId: row.vehicle_id,
      otherPlanId: row.other_plan_id,
      otherRouteId: row.other_route_id,
      from: new Date(row.from).toISOString(),
      to: new Date(row.to).toISOString(),
    })),
    ...doubles.map((row): PublishConflict => ({
      rule: 'shipment_on_published_route',
      shipmentId: row.shipment_id,
      routeId: row.route_id,
      otherPlanId: row.other_plan_id,
      otherRouteId: row.other_route_id,
    })),
  ];
}

async function villageShipmentIds(manager: EntityManager, planId: string): Promise<string[]> {
  const rows: Array<{ shipment_id: string }> = await manager.query(
    `SELECT DISTINCT unnest(s.shipment_ids) AS shipment_id FROM plan_stop s JOIN plan_route r ON r.id = s.route_id WHERE r.plan_id = $1 AND s.kind = 'village' ORDER BY 1`,
    [planId],
  );
  return rows.map((row) => row.shipment_id);
}

/** Per shipment on a village stop: the service date and a window around the stop's arrival, in local time. */
async function scheduleOf(manager: EntityManager, plan: Plan, timeZone: string): Promise<Map<string, ShipmentSchedule>> {
  const rows: Array<{ shipment_id: string; arrival_at: Date }> = await manager.query(
    `SELECT unnest(s.shipment_ids) AS shipment_id, s.arrival_at FROM plan_stop s JOIN plan_route r ON r.id = s.route_id
      WHERE r.plan_id = $1 AND s.kind = 'village' ORDER BY 1`,
    [plan.id],
  );
  return new Map(rows.map((row) => [row.shipment_id, shipmentSchedule(plan.serviceDate, new Date(row.arrival_at), timeZone)]));
}

/** What a platform is promised for a shipment on a stop: the service date and a window around the stop's arrival, in local time. */
export function shipmentSchedule(plannedDate: string, arrivalAt: Date, timeZone: string): ShipmentSchedule {
  const arrivalMs = arrivalAt.getTime();
  return {
    plannedDate,
    eta: {
      from: instantToLocalIso(new Date(arrivalMs - ETA_WINDOW_BEFORE_S * 1000), timeZone),
      to: instantToLocalIso(new Date(arrivalMs + ETA_WINDOW_AFTER_S * 1000), timeZone),
    },
  };
}
