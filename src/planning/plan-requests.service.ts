import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, Repository } from 'typeorm';
import { VehiclesService } from '../fleet/vehicles.service';
import { DomainError, notFound, validationFailed } from '../infra/errors/domain-error';
import { QueueName } from '../infra/queue/queue-names';
import { NetworkNode } from '../network/network-node.entity';
import { NetworkQueryService } from '../network/network-query.service';
import { RequestPlanDto } from './dto/request-plan.dto';
import { PlanManifestsResponse, toRouteManifest } from './plan-manifest.response';
import { PlanRoute } from './plan-route.entity';
import { PlanJobData, planJobId, PlanProgress } from './plan-job';
import { Plan } from './plan.entity';
import { ServiceDatePolicy } from './service-date-policy';
import { PlanEvent } from './plan-event.entity';
import { appendPlanEvent, PlanActor, SYSTEM_ACTOR } from './plan-events';
import { isCalendarDate } from '../infra/time/calendar-date';
import { PlanDeferral } from './consolidation/plan-deferral.entity';
import { routesToStartFrom } from './replan-starting-routes';

/**
 * The plan's default solver budget, s. A plan spends it twice, once on the consolidated plan and once
 * on the baseline (the same total solver time, issue 8), plus a quarter of it on the remedies when
 * something is left open: 18 s of solving, so that a 3,000-parcel day of the demo county, with loading,
 * matrices and writes, stays within 30 s wall (docs/planning.md, "Time budget").
 */
export const DEFAULT_TIME_LIMIT_S = 8;
export const DEFAULT_SEED = 1;
/** Transient failures (database or Redis blips, a shipment changing under the plan) retry with backoff. */
export const PLAN_JOB_ATTEMPTS = 3;

/** The API side of planning: request a wave, read plans, routes and manifests. Never solves. */
@Injectable()
export class PlanRequestsService {
  constructor(
    @InjectRepository(Plan) private readonly plans: Repository<Plan>,
    @InjectRepository(PlanRoute) private readonly routes: Repository<PlanRoute>,
    @InjectQueue(QueueName.planning) private readonly queue: Queue<PlanJobData>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly network: NetworkQueryService,
    private readonly vehicles: VehiclesService,
    private readonly serviceDates: ServiceDatePolicy,
  ) {}

  /**
   * Creates the wave's plan (version 1) and queues its job; asking again for the same wave returns its
   * latest version as it is (re-queued if still queued: the job id makes that a no-op when present).
   * `replan` recomputes: a computed or failed draft in place (drafts reserve nothing); a published
   * plan as a new draft version that supersedes it. A completed or cancelled day is not replanned.
   * Either way the replan starts from the routes it replaces (Plan.startingRoutes).
   */
  async request(countyId: string, input: RequestPlanDto, actor: PlanActor = SYSTEM_ACTOR, options: { publishWhenComputed?: boolean } = {}): Promise<Plan> {
    assertCalendarDate(input.serviceDate);
    await this.serviceDates.assertPlannable(countyId, input.serviceDate);
    let plan = await this.latestVersion(countyId, input.serviceDate, input.wave);
    if (!plan) {
      plan = await this.createVersion(countyId, input, actor, null, options.publishWhenComputed ?? false);
    } else if (input.replan && (plan.status === 'computed' || plan.status === 'failed')) {
      if (plan.lifecycle === 'draft') {
        plan = await this.reset(plan, input, actor);
        await this.queue.remove(this.jobId(plan));
      } else if (plan.lifecycle === 'published') {
        plan = await this.createVersion(countyId, input, actor, plan, false);
      } else {
        throw new DomainError('illegal_transition', `wave ${plan.wave} of ${plan.serviceDate} is ${plan.lifecycle}; it is not replanned`, [], { lifecycle: plan.lifecycle });
      }
    }
    if (plan.status === 'queued') await this.enqueue(plan);
    return plan;
  }

  /** The newest version of a wave, or null when the wave was never planned. */
  latestVersion(countyId: string, serviceDate: string, wave: number): Promise<Plan | null> {
    return this.plans.findOne({ where: { countyId, serviceDate, wave }, order: { version: 'DESC' } });
  }

  /**
   * Inserts the next version (1 without a predecessor); a concurrent request for the same version
   * loses the unique key and gets the winner's row, so one wave never has two plans of one version.
   */
  private async createVersion(countyId: string, input: RequestPlanDto, actor: PlanActor, supersedes: Plan | null, publishWhenComputed: boolean): Promise<Plan> {
    const version = supersedes ? supersedes.version + 1 : 1;
    await this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Plan)
        .values({
          countyId,
          serviceDate: input.serviceDate,
          wave: input.wave,
          version,
          supersedesPlanId: supersedes?.id ?? null,
          status: 'queued',
          lifecycle: 'draft',
          publishWhenComputed,
          seed: input.seed ?? supersedes?.seed ?? DEFAULT_SEED,
          timeLimitS: input.timeLimitS ?? supersedes?.timeLimitS ?? DEFAULT_TIME_LIMIT_S,
          // A new version starts from the one it replaces (its routes that may still change).
          startingRoutes: supersedes ? await routesToStartFrom(manager, supersedes.id) : null,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const planId = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!planId) return;
      await appendPlanEvent(manager, {
        planId,
        type: supersedes ? 'plan.version_created' : 'plan.requested',
        actor,
        data: { version, supersedesPlanId: supersedes?.id ?? null, seed: input.seed ?? null, timeLimitS: input.timeLimitS ?? null, publishWhenComputed },
      });
    });
    return this.plans.findOneOrFail({ where: { countyId, serviceDate: input.serviceDate, wave: input.wave, version } });
  }

  list(countyId: string, serviceDate?: string): Promise<Plan[]> {
    if (serviceDate !== undefined) assertCalendarDate(serviceDate);
    return this.plans.find({ where: { countyId, ...(serviceDate ? { serviceDate } : {}) }, order: { serviceDate: 'DESC', wave: 'DESC', version: 'DESC' }, take: 200 });
  }

  async get(countyId: string, planId: string): Promise<Plan> {
    const plan = await this.plans.findOne({ where: { countyId, id: planId } });
    if (!plan) throw notFound('plan', planId);
    return plan;
  }

  /**
   * The plan with its routes and their stops; with `routeId`, only that route (none when the plan has
   * no such route). One route's manifest is read far more often than the plan, and hydrating every
   * route's stops (their shipment id arrays above all) was most of its cost.
   */
  async getWithRoutes(countyId: string, planId: string, routeId?: string): Promise<{ plan: Plan; routes: PlanRoute[] }> {
    const plan = await this.get(countyId, planId);
    const where = routeId === undefined ? { planId } : { planId, id: routeId };
    const routes = await this.routes.find({ where, relations: { stops: true }, order: { routeNumber: 'ASC', stops: { sequence: 'ASC' } } });
    return { plan, routes };
  }

  async manifests(countyId: string, planId: string): Promise<PlanManifestsResponse> {
    const { plan, routes } = await this.getWithRoutes(countyId, planId);
    const nodeIds = new Set(routes.flatMap((route) => [route.startNodeId, ...(route.stops ?? []).map((stop) => stop.nodeId)]));
    const nodes = await this.network.getNodes(countyId, [...nodeIds]);
    const nodesById = new Map<string, NetworkNode>(nodes.map((node) => [node.id, node]));
    const vehiclesById = new Map((await this.vehicles.list(countyId)).map((vehicle) => [vehicle.id, vehicle]));
    return {
      planId: plan.id,
      serviceDate: plan.serviceDate,
      wave: plan.wave,
      routes: routes.map((route) => toRouteManifest(route, nodesById, vehiclesById)),
    };
  }

  async events(countyId: string, planId: string): Promise<PlanEvent[]> {
    await this.get(countyId, planId);
    return this.dataSource.getRepository(PlanEvent).find({ where: { planId }, order: { id: 'ASC' } });
  }

  /** What the worker last reported for the plan's job; null before its first report or once the job is gone. */
  async jobProgress(plan: Plan): Promise<PlanProgress | null> {
    const progress: unknown = (await this.queue.getJob(this.jobId(plan)))?.progress;
    return progress !== null && typeof progress === 'object' ? (progress as PlanProgress) : null;
  }

  jobId(plan: Plan): string {
    return planJobId(plan.countyId, plan.serviceDate, plan.wave, plan.version);
  }

  /**
   * For the reconciler: what BullMQ holds of a queued or running plan's job. `missing` covers a job
   * that Redis lost and one that finished while the plan row says otherwise (removed here, so that
   * the same id can be queued again); `failed` is a job BullMQ gave up on (a worker that kept dying).
   */
  async jobState(plan: Plan): Promise<{ state: 'present' | 'missing' } | { state: 'failed'; reason: string }> {
    const job = await this.queue.getJob(this.jobId(plan));
    if (!job) return { state: 'missing' };
    const state = await job.getState();
    if (state === 'failed') return { state: 'failed', reason: job.failedReason || 'the planning job failed' };
    if (state !== 'completed' && state !== 'unknown') return { state: 'present' };
    await job.remove().catch(() => undefined);
    return { state: 'missing' };
  }

  /** Queues the plan's job again (a no-op while BullMQ still holds one under its id). */
  requeue(plan: Plan): Promise<void> {
    return this.enqueue(plan);
  }

  private async enqueue(plan: Plan): Promise<void> {
    await this.queue.add(
      'run-plan',
      { planId: plan.id, countyId: plan.countyId, version: 1 as const },
      {
        jobId: this.jobId(plan),
        attempts: PLAN_JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  /** A draft back to queued with its unlocked routes dropped; it reserved nothing, so nothing is released. */
  private reset(plan: Plan, input: RequestPlanDto, actor: PlanActor): Promise<Plan> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOneOrFail(Plan, { where: { id: plan.id }, lock: { mode: 'pessimistic_write' } });
      if ((current.status !== 'computed' && current.status !== 'failed') || current.lifecycle !== 'draft') return current;
      // The replan starts from the routes it replaces; a failed draft has none and keeps what its last replan started from.
      const replaced = await routesToStartFrom(manager, plan.id);
      await manager.delete(PlanRoute, { planId: plan.id, locked: false });
      await manager.delete(PlanDeferral, { planId: plan.id });
      Object.assign(current, {
        status: 'queued',
        startingRoutes: replaced.length > 0 ? replaced : current.startingRoutes,
        seed: input.seed ?? current.seed,
        timeLimitS: input.timeLimitS ?? current.timeLimitS,
        totalCostFen: null,
        totalDistanceM: null,
        totalDurationS: null,
        parcels: null,
        costPerParcelFen: null,
        vehiclesUsed: null,
        unassigned: [],
        baselineUnassigned: [],
        remedies: null,
        late: [],
        deferredSummary: null,
        statistics: null,
        error: null,
        startedAt: null,
        finishedAt: null,
      });
      await appendPlanEvent(manager, { planId: plan.id, type: 'plan.requested', actor, data: { replan: true, seed: current.seed, timeLimitS: current.timeLimitS } });
      return manager.save(Plan, current);
    });
  }
}

function assertCalendarDate(value: string): void {
  if (!isCalendarDate(value)) {
    throw validationFailed(`serviceDate ${value} is not a calendar date`, [{ field: 'serviceDate', message: 'must be a real date, YYYY-MM-DD' }]);
  }
}
