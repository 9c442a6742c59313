import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { VehiclesService } from '../fleet/vehicles.service';
import { DomainError, notFound } from '../infra/errors/domain-error';
import { NetworkQueryService } from '../network/network-query.service';
import { PlannableShipmentsService, ShipmentSchedule } from '../shipments/plannable-shipments.service';
import { EditPricingContext, PricedEdit, priceEditedRoutes, VehicleDayRoute } from './edited-route-pricing';
import { localSecondsToInstant } from './planner/local-time';
import { summariseRoute } from './planner/solution-reader';
import { appendPlanEvent, PlanActor } from './plan-events';
import { shipmentSchedule } from './plan-publishing.service';
import { PlanRoute } from './plan-route.entity';
import { assertCurrentPlan } from './plan-staleness';
import { PlanStop } from './plan-stop.entity';
import { totalsWithKeptRoutes } from './plan-totals';
import { Plan } from './plan.entity';
import { ROUTES_RESERVED_BY_OTHER_PLANS } from './day-reservations';
import { editViolationsResponse } from './edit-violations';
import { PlanningInputsService, toWaveNode, toWaveVehicle } from './planning-inputs.service';
import { applyStopEdit, StopEdit } from './stop-edits';

export interface StopEditOutcome {
  plan: Plan;
  /** The routes whose stops, times or cost changed, with their stops, by route number. */
  routes: PlanRoute[];
  removedRouteIds: string[];
}

/**
 * A dispatcher's hand edits of a plan's stops: move a stop to another route (or place in its route),
 * re-order a route. The changed routes are re-timed and re-priced with the library's route pricing on
 * the problem the planner would build for them (same travel matrices, vehicle costs, service times and
 * opening hours); an edit that breaks capacity, a shift or a time window is refused naming the rule
 * (409, nothing written). One edit at a time per plan (its row is locked); on a published plan the
 * platforms hear the new ETAs through the outbox, as at publishing.
 */
@Injectable()
export class PlanStopEditsService {
  private readonly logger = new Logger(PlanStopEditsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly counties: CountiesService,
    private readonly vehicles: VehiclesService,
    private readonly network: NetworkQueryService,
    private readonly inputs: PlanningInputsService,
    private readonly shipments: PlannableShipmentsService,
  ) {}

  async edit(countyId: string, planId: string, edit: StopEdit, expectedRevision: number | undefined, actor: PlanActor): Promise<StopEditOutcome> {
    const county = await this.counties.get(countyId);
    const startedAt = performance.now();
    const outcome = await this.dataSource.transaction(async (manager) => {
      const plan = await manager.findOne(Plan, { where: { countyId, id: planId }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw notFound('plan', planId);
      assertEditablePlan(plan);
      await assertCurrentPlan(manager, plan, expectedRevision);
      const planRoutes = await manager.find(PlanRoute, { where: { planId }, relations: { stops: true }, order: { routeNumber: 'ASC', stops: { sequence: 'ASC' } } });
      const applied = applyStopEdit(planRoutes, edit);
      const context = await this.pricingContext(manager, plan, county.timeZone, planRoutes, applied.stopsByRoute);
      const priced = await priceEditedRoutes(applied.stopsByRoute, context);
      if (priced.violations.length > 0) {
        const violations = editViolationsResponse(priced.violations, (seconds) => localSecondsToInstant(plan.serviceDate, seconds, county.timeZone), county.timeZone);
        throw new DomainError('conflict', `the edit breaks ${violations.length} rule(s); first: ${describe(violations[0]!)}`, [], { violations });
      }
      const costBeforeFen = Number(plan.totalCostFen ?? 0);
      const removedRouteIds = await this.write(manager, plan, county.timeZone, applied.stopsByRoute, priced, context);
      const totals = await totalsWithKeptRoutes(manager, plan.id, plan.parcels ?? 0, []);
      await manager.update(Plan, plan.id, totals);
      await appendPlanEvent(manager, {
        planId,
        routeId: applied.event.routeId,
        type: applied.event.type,
        actor,
        data: { ...applied.event.data, removedRouteIds, totalCostFen: { from: costBeforeFen, to: Number(totals.totalCostFen) } },
      });
      if (plan.lifecycle === 'published') await this.announceNewEtas(manager, plan, county.timeZone, planRoutes, applied.stopsByRoute, priced);
      const changedIds = [...applied.stopsByRoute.keys(), ...priced.costOnly.keys()].filter((id) => !removedRouteIds.includes(id));
      return {
        plan: await manager.findOneOrFail(Plan, { where: { id: planId } }),
        routes: await manager.find(PlanRoute, { where: { id: In(changedIds) }, relations: { stops: true }, order: { routeNumber: 'ASC', stops: { sequence: 'ASC' } } }),
        removedRouteIds,
      };
    });
    this.logger.log({ countyId, planId, edit: edit.kind, routes: outcome.routes.length, ms: Math.round(performance.now() - startedAt) }, 'plan stops edited');
    return outcome;
  }

  /** Nodes, vehicles and the vehicles' day around the changed routes, and matrices for the service date at 08:00 as the planner takes them. */
  private async pricingContext(
    manager: EntityManager,
    plan: Plan,
    timeZone: string,
    planRoutes: PlanRoute[],
    stopsByRoute: ReadonlyMap<string, PlanStop[]>,
  ): Promise<EditPricingContext> {
    const changed = planRoutes.filter((route) => stopsByRoute.has(route.id));
    const vehicleIds = [...new Set(changed.map((route) => route.vehicleId))];
    // Only the changed routes' depots and stops are priced: their nodes are all that is read.
    const nodeIds = new Set(changed.flatMap((route) => [route.startNodeId, ...stopsByRoute.get(route.id)!.map((stop) => stop.nodeId)]));
    const nodes = await this.network.getNodes(plan.countyId, [...nodeIds]);
    const vehicles = await Promise.all(vehicleIds.map((id) => this.vehicles.get(plan.countyId, id)));
    const midnightMs = localSecondsToInstant(plan.serviceDate, 0, timeZone).getTime();
    const secondsOf = (instant: Date) => Math.round((instant.getTime() - midnightMs) / 1000);
    const rows: Array<{ id: string; plan_id: string; vehicle_id: string; departure_at: Date; return_at: Date; duration_s: number }> = await manager.query(
      `SELECT r.id, r.plan_id, r.vehicle_id, r.departure_at, r.return_at, r.duration_s FROM plan_route r JOIN plan p ON p.id = r.plan_id
        WHERE r.vehicle_id = ANY($5::uuid[]) AND (p.id = $3 OR ${ROUTES_RESERVED_BY_OTHER_PLANS})`,
      [plan.countyId, plan.serviceDate, plan.id, plan.supersedesPlanId, vehicleIds],
    );
    const vehicleDay: VehicleDayRoute[] = rows.map((row) => ({
      id: row.id,
      planId: row.plan_id,
      vehicleId: row.vehicle_id,
      departureS: secondsOf(new Date(row.departure_at)),
      returnS: secondsOf(new Date(row.return_at)),
      durationS: row.duration_s,
    }));
    const methods = new Set<string>();
    return {
      planId: plan.id,
      serviceDate: plan.serviceDate,
      nodesById: new Map(nodes.map((node) => [node.id, toWaveNode(node)])),
      vehiclesById: new Map(vehicles.map((vehicle) => [vehicle.id, toWaveVehicle(vehicle)])),
      vehicleDay,
      planRoutes,
      secondsOf,
      matrices: this.inputs.matrixSource(plan.countyId, plan.serviceDate, timeZone, methods),
    };
  }

  /** Stops re-parented and re-timed (keeping their ids), routes re-figured, emptied routes removed. Returns the removed route ids. */
  private async write(
    manager: EntityManager,
    plan: Plan,
    timeZone: string,
    stopsByRoute: ReadonlyMap<string, PlanStop[]>,
    priced: PricedEdit,
    context: EditPricingContext,
  ): Promise<string[]> {
    const at = (seconds: number) => localSecondsToInstant(plan.serviceDate, seconds, timeZone);
    const changedIds = [...stopsByRoute.keys()];
    // Sequences are unique per route and checked row by row: out of the way first.
    await manager.query(`UPDATE plan_stop SET sequence = -sequence WHERE route_id = ANY($1::uuid[])`, [changedIds]);
    const stopRows = [...priced.priced.values()].flatMap((route) =>
      stopsByRoute.get(route.routeId)!.map((stop, index) => ({ id: stop.id, routeId: route.routeId, sequence: index + 1, times: route.stopTimes[index]! })),
    );
    await manager.query(
      `UPDATE plan_stop s SET route_id = v.route_id, sequence = v.sequence, arrival_at = v.arrival_at, departure_at = v.departure_at
         FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::timestamptz[], $5::timestamptz[]) AS v(id, route_id, sequence, arrival_at, departure_at)
        WHERE s.id = v.id`,
      [
        stopRows.map((row) => row.id),
        stopRows.map((row) => row.routeId),
        stopRows.map((row) => row.sequence),
        stopRows.map((row) => at(row.times.arrivalS)),
        stopRows.map((row) => at(row.times.departureS)),
      ],
    );
    for (const route of priced.priced.values()) {
      const stops = stopsByRoute.get(route.routeId)!;
      const depotNodeId = context.planRoutes.find((candidate) => candidate.id === route.routeId)!.startNodeId;
      const startsAtHub = context.nodesById.get(depotNodeId)?.tier === 'county_hub';
      const summary = summariseRoute({
        vehicleId: '',
        startNodeId: '',
        echelon: startsAtHub && stops.some((stop) => stop.kind === 'station_transfer') ? 'trunk' : 'last_mile',
        distanceM: route.distanceM,
        durationS: route.durationS,
        costFen: route.costFen,
        departureS: route.departureS,
        returnS: route.returnS,
        stops: stops.map((stop, index) => ({ ...stop, sequence: index + 1, arrivalS: route.stopTimes[index]!.arrivalS, departureS: route.stopTimes[index]!.departureS })),
      });
      await manager.update(PlanRoute, route.routeId, {
        echelon: summary.echelon,
        distanceM: route.distanceM,
        durationS: route.durationS,
        costFen: route.costFen,
        parcelsDelivered: summary.parcelsDelivered,
        parcelsPickedUp: summary.parcelsPickedUp,
        peakLoadWeightG: summary.peakLoad.weightG,
        peakLoadVolumeCm3: summary.peakLoad.volumeCm3,
        peakLoadParcels: summary.peakLoad.parcels,
        departureAt: at(route.departureS),
        returnAt: at(route.returnS),
      });
    }
    for (const [routeId, costFen] of priced.costOnly) await manager.update(PlanRoute, routeId, { costFen });
    const removed = changedIds.filter((id) => stopsByRoute.get(id)!.length === 0);
    if (removed.length > 0) await manager.delete(PlanRoute, { id: In(removed) });
    return removed;
  }

  /** Shipments on village stops whose arrival moved: each platform gets the new ETA of its own, through the outbox. */
  private async announceNewEtas(
    manager: EntityManager,
    plan: Plan,
    timeZone: string,
    planRoutes: PlanRoute[],
    stopsByRoute: ReadonlyMap<string, PlanStop[]>,
    priced: PricedEdit,
  ): Promise<void> {
    const schedules = new Map<string, ShipmentSchedule>();
    for (const route of priced.priced.values()) {
      stopsByRoute.get(route.routeId)!.forEach((stop, index) => {
        const arrivalAt = localSecondsToInstant(plan.serviceDate, route.stopTimes[index]!.arrivalS, timeZone);
        if (stop.kind !== 'village' || arrivalAt.getTime() === stop.arrivalAt.getTime()) return;
        for (const shipmentId of stop.shipmentIds) schedules.set(shipmentId, shipmentSchedule(plan.serviceDate, arrivalAt, timeZone));
      });
    }
    const announced = await this.shipments.announceRescheduled(manager, plan.countyId, plan.id, schedules);
    this.logger.log({ planId: plan.id, routes: planRoutes.length, announced }, 'new ETAs announced after an edit');
  }
}

/** Stops are edited on a computed draft or a published plan: a plan being computed would overwrite them, a cancelled or completed one is history. */
function assertEditablePlan(plan: Plan): void {
  if (plan.lifecycle !== 'draft' && plan.lifecycle !== 'published') {
    throw new DomainError('illegal_transition', `plan is ${plan.lifecycle}; its stops are no longer edited`, [], { lifecycle: plan.lifecycle });
  }
  if (plan.status !== 'computed') {
    throw new DomainError('illegal_transition', `plan is ${plan.status}; only a computed plan's stops are edited`, [], { currentStatus: plan.status });
  }
}

function describe(violation: Record<string, unknown>): string {
  const where = violation.stopId ? ` at stop ${String(violation.stopId)}` : '';
  const detail = violation.rule === 'capacity' ? ` (${String(violation.dimension)})` : violation.rule === 'shift' ? ` (${String(violation.limit)})` : '';
  return `${String(violation.rule)}${detail} on route ${String(violation.routeId)}${where}`;
}
