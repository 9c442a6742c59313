import { ApiProperty } from '@nestjs/swagger';
import type { UnassignedShipment } from './planner/wave-model';
import { PlanStop } from './plan-stop.entity';
import { DeferralSummary, Plan, PLAN_LIFECYCLES, PLAN_STATUSES, PlanLifecycle, PlanStatus } from './plan.entity';
import { LATE_REASONS, LateShipment } from './consolidation/promise-outcomes';
import { PlanRoute, ROUTE_STATUSES, RouteStatus } from './plan-route.entity';
import { routeFigures, stopFigures } from './route-figures';
import { BaselineUnassignedResponse, OpenShipmentRemedyResponse, PlanFiguresResponse } from './figures/plan-figures.response';
import type { PlanFigures } from './figures/plan-figures';
import type { OpenShipmentRemedy } from './remedies/remedy-model';
import type { BaselineUnassigned } from './baseline/baseline-model';

export class UnassignedShipmentResponse {
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty({ format: 'uuid' }) villageNodeId!: string;
  @ApiProperty({ example: 'capacity', description: 'capacity, time_window, max_duration, max_distance, skills, no_vehicle, closed, unreachable (see docs/planning.md)' })
  reason!: string;
  @ApiProperty({ enum: ['trunk', 'last_mile'] }) echelon!: string;
}

export class LateShipmentResponse {
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty({ format: 'uuid' }) villageNodeId!: string;
  @ApiProperty({ enum: LATE_REASONS, description: 'promise_passed (planned first), arrives_after_promise, not_served (docs/planning.md)' }) reason!: string;
  @ApiProperty({ format: 'date-time', description: 'the promise that binds it' }) dueBy!: string;
  @ApiProperty({ enum: ['platform', 'county_default'] }) promiseSource!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'planned arrival at its village; null when it is on no route' }) plannedArrivalAt!: string | null;
  @ApiProperty({ required: false, description: 'for a shipment on no route: why (as in `unassigned`)' }) unassignedReason?: string;
}

export class DeferralSummaryResponse {
  @ApiProperty() shipments!: number;
  @ApiProperty() parcels!: number;
  @ApiProperty({ example: { not_service_day: 12, cheaper_later: 3 }, description: 'shipments per reason; each one is listed by GET …/deferred' }) byReason!: Record<string, number>;
}

export class PlanResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) countyId!: string;
  @ApiProperty({ example: '2026-11-30' }) serviceDate!: string;
  @ApiProperty({ example: 1 }) wave!: number;
  @ApiProperty({ example: 1, description: 'a replan of a published plan is the next version' }) version!: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) supersedesPlanId!: string | null;
  @ApiProperty({ example: 4, description: 'goes up with every change to the plan or its routes; send it as expectedRevision to edit or publish only what you read' })
  revision!: number;
  @ApiProperty({ enum: PLAN_STATUSES, description: "the computation's status" }) status!: PlanStatus;
  @ApiProperty({ enum: PLAN_LIFECYCLES, description: 'draft → published → completed, or cancelled' }) lifecycle!: PlanLifecycle;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt!: string | null;
  @ApiProperty({ example: 'plan-…-2026-11-30-1' }) jobId!: string;
  @ApiProperty({ type: Number, nullable: true }) networkVersion!: number | null;
  @ApiProperty() seed!: number;
  @ApiProperty() timeLimitS!: number;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'fen' }) totalCostFen!: number | null;
  @ApiProperty({ type: Number, nullable: true }) totalDistanceM!: number | null;
  @ApiProperty({ type: Number, nullable: true }) totalDurationS!: number | null;
  @ApiProperty({ type: Number, nullable: true }) parcels!: number | null;
  @ApiProperty({ type: Number, nullable: true }) costPerParcelFen!: number | null;
  @ApiProperty({ type: Number, nullable: true }) vehiclesUsed!: number | null;
  @ApiProperty({ type: [UnassignedShipmentResponse] }) unassigned!: UnassignedShipment[];
  @ApiProperty({ type: [LateShipmentResponse], description: 'shipments this plan does not bring by their promise, each with the reason' }) late!: LateShipment[];
  @ApiProperty({ type: DeferralSummaryResponse, nullable: true, description: 'shipments left for a later day (GET …/deferred lists them); null until computed' })
  deferred!: DeferralSummary | null;
  @ApiProperty({ type: Object, nullable: true, description: 'per solver run: jobs, iterations, runtime, replayable' }) statistics!: Plan['statistics'];
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PlanStopResponse {
  @ApiProperty({ format: 'uuid', description: 'kept when an edit moves the stop to another route or place' }) id!: string;
  @ApiProperty() sequence!: number;
  @ApiProperty({ format: 'uuid' }) nodeId!: string;
  @ApiProperty({ enum: ['station_transfer', 'village'] }) kind!: string;
  @ApiProperty({ format: 'date-time' }) arrivalAt!: string;
  @ApiProperty({ format: 'date-time' }) departureAt!: string;
  @ApiProperty() parcelsDelivered!: number;
  @ApiProperty() parcelsPickedUp!: number;
  @ApiProperty() weightDeliveredG!: number;
  @ApiProperty() weightPickedUpG!: number;
  @ApiProperty() volumeDeliveredCm3!: number;
  @ApiProperty() volumePickedUpCm3!: number;
  @ApiProperty({ type: [String] }) shipmentIds!: string[];
}

/** What every stored route reports of its run, consolidated or baseline (route-figures.ts). */
export class RouteRunResponse {
  @ApiProperty({ format: 'uuid' }) startNodeId!: string;
  @ApiProperty() distanceM!: number;
  @ApiProperty() durationS!: number;
  @ApiProperty() costFen!: number;
  @ApiProperty() parcelsDelivered!: number;
  @ApiProperty() parcelsPickedUp!: number;
  @ApiProperty({ description: 'largest load on board: { weightG, volumeCm3, parcels }' }) peakLoad!: { weightG: number; volumeCm3: number; parcels: number };
  @ApiProperty({ format: 'date-time' }) departureAt!: string;
  @ApiProperty({ format: 'date-time' }) returnAt!: string;
}

export class PlanRouteResponse extends RouteRunResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() routeNumber!: number;
  @ApiProperty({ format: 'uuid' }) vehicleId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: "by default the vehicle's driver; required before dispatch" }) driverId!: string | null;
  @ApiProperty({ enum: ROUTE_STATUSES }) status!: RouteStatus;
  @ApiProperty({ description: 'kept as it is (same route and stop ids) when the plan is replanned' }) locked!: boolean;
  @ApiProperty({ enum: ['trunk', 'last_mile'] }) echelon!: string;
  @ApiProperty({ type: [PlanStopResponse] }) stops!: PlanStopResponse[];
}

export class PlanDetailResponse extends PlanResponse {
  @ApiProperty({
    type: Object,
    nullable: true,
    example: { percent: 45, stage: 'last_mile' },
    description: "while queued or running: what the planning job last reported { percent, stage }; null otherwise (and before the job's first report)",
  })
  jobProgress!: { percent: number; stage: string } | null;
  @ApiProperty({ type: [PlanRouteResponse] }) routes!: PlanRouteResponse[];
  @ApiProperty({ type: PlanFiguresResponse, nullable: true, description: 'per tier and in total, beside the baseline; from the stored routes; null until computed' })
  figures!: PlanFigures | null;
  @ApiProperty({
    type: [OpenShipmentRemedyResponse],
    nullable: true,
    description: 'when shipments are left open for lack of vehicles or time: what would serve them, re-solved and priced',
  })
  remedies!: OpenShipmentRemedy[] | null;
  @ApiProperty({ type: [BaselineUnassignedResponse], description: 'shipments their carrier could not serve on its own in the baseline' })
  baselineUnassigned!: BaselineUnassigned[];
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toPlanResponse(plan: Plan, jobId: string): PlanResponse {
  return {
    id: plan.id,
    countyId: plan.countyId,
    serviceDate: plan.serviceDate,
    wave: plan.wave,
    version: plan.version,
    supersedesPlanId: plan.supersedesPlanId,
    revision: plan.revision,
    status: plan.status,
    lifecycle: plan.lifecycle,
    publishedAt: iso(plan.publishedAt),
    jobId,
    networkVersion: plan.networkVersion,
    seed: plan.seed,
    timeLimitS: plan.timeLimitS,
    attempts: plan.attempts,
    totalCostFen: plan.totalCostFen === null ? null : Number(plan.totalCostFen),
    totalDistanceM: plan.totalDistanceM,
    totalDurationS: plan.totalDurationS,
    parcels: plan.parcels,
    costPerParcelFen: plan.costPerParcelFen,
    vehiclesUsed: plan.vehiclesUsed,
    unassigned: plan.unassigned,
    late: plan.late,
    deferred: plan.deferredSummary,
    statistics: plan.statistics,
    error: plan.error,
    startedAt: iso(plan.startedAt),
    finishedAt: iso(plan.finishedAt),
    createdAt: plan.createdAt.toISOString(),
  };
}

export function toPlanStopResponse(stop: PlanStop): PlanStopResponse {
  return {
    id: stop.id,
    ...stopFigures(stop),
    arrivalAt: stop.arrivalAt.toISOString(),
    departureAt: stop.departureAt.toISOString(),
  };
}

export function toPlanRouteResponse(route: PlanRoute): PlanRouteResponse {
  return {
    id: route.id,
    routeNumber: route.routeNumber,
    ...routeFigures(route),
    driverId: route.driverId,
    status: route.status,
    locked: route.locked,
    peakLoad: { weightG: route.peakLoadWeightG, volumeCm3: route.peakLoadVolumeCm3, parcels: route.peakLoadParcels },
    departureAt: route.departureAt.toISOString(),
    returnAt: route.returnAt.toISOString(),
    stops: (route.stops ?? []).map(toPlanStopResponse),
  };
}
