import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, Repository } from 'typeorm';
import { VehiclesService } from '../fleet/vehicles.service';
import { notFound, validationFailed } from '../infra/errors/domain-error';
import { QueueName } from '../infra/queue/queue-names';
import { NetworkNode } from '../network/network-node.entity';
import { NetworkQueryService } from '../network/network-query.service';
import { PlannableShipmentsService } from '../shipments/plannable-shipments.service';
import { RequestPlanDto } from './dto/request-plan.dto';
import { PlanManifestsResponse, toRouteManifest } from './plan-manifest.response';
import { PlanRoute } from './plan-route.entity';
import { PlanJobData, planJobId, PlanProgress } from './plan-job';
import { Plan } from './plan.entity';
import { ServiceDatePolicy } from './service-date-policy';

export const DEFAULT_TIME_LIMIT_S = 10;
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
    private readonly shipments: PlannableShipmentsService,
    private readonly network: NetworkQueryService,
    private readonly vehicles: VehiclesService,
    private readonly serviceDates: ServiceDatePolicy,
  ) {}

  /**
   * Creates the wave's plan and queues its job; asking again for the same wave returns the plan as
   * it is (and re-queues it if it is still queued: the job id makes that a no-op when present).
   * `replan` restarts a completed or failed plan.
   */
  async request(countyId: string, input: RequestPlanDto): Promise<Plan> {
    assertCalendarDate(input.serviceDate);
    await this.serviceDates.assertPlannable(countyId, input.serviceDate);
    let plan = await this.plans.findOne({ where: { countyId, serviceDate: input.serviceDate, wave: input.wave } });
    if (!plan) {
      await this.plans
        .createQueryBuilder()
        .insert()
        .values({
          countyId,
          serviceDate: input.serviceDate,
          wave: input.wave,
          status: 'queued',
          seed: input.seed ?? DEFAULT_SEED,
          timeLimitS: input.timeLimitS ?? DEFAULT_TIME_LIMIT_S,
        })
        .orIgnore()
        .execute();
      plan = await this.plans.findOneOrFail({ where: { countyId, serviceDate: input.serviceDate, wave: input.wave } });
    } else if (input.replan && (plan.status === 'completed' || plan.status === 'failed')) {
      plan = await this.reset(plan, input);
      await this.queue.remove(planJobId(countyId, plan.serviceDate, plan.wave));
    }
    if (plan.status === 'queued') await this.enqueue(plan);
    return plan;
  }

  list(countyId: string, serviceDate?: string): Promise<Plan[]> {
    if (serviceDate !== undefined) assertCalendarDate(serviceDate);
    return this.plans.find({ where: { countyId, ...(serviceDate ? { serviceDate } : {}) }, order: { serviceDate: 'DESC', wave: 'DESC' }, take: 200 });
  }

  async get(countyId: string, planId: string): Promise<Plan> {
    const plan = await this.plans.findOne({ where: { countyId, id: planId } });
    if (!plan) throw notFound('plan', planId);
    return plan;
  }

  async getWithRoutes(countyId: string, planId: string): Promise<{ plan: Plan; routes: PlanRoute[] }> {
    const plan = await this.get(countyId, planId);
    const routes = await this.routes.find({ where: { planId }, relations: { stops: true }, order: { routeNumber: 'ASC', stops: { sequence: 'ASC' } } });
    return { plan, routes };
  }

  async manifests(countyId: string, planId: string): Promise<PlanManifestsResponse> {
    const { plan, routes } = await this.getWithRoutes(countyId, planId);
    const nodeIds = new Set(routes.flatMap((route) => [route.startNodeId, ...(route.stops ?? []).map((stop) => stop.nodeId)]));
    const nodes = await Promise.all([...nodeIds].map((id) => this.network.getNode(countyId, id)));
    const nodesById = new Map<string, NetworkNode>(nodes.map((node) => [node.id, node]));
    const vehiclesById = new Map((await this.vehicles.list(countyId)).map((vehicle) => [vehicle.id, vehicle]));
    return {
      planId: plan.id,
      serviceDate: plan.serviceDate,
      wave: plan.wave,
      routes: routes.map((route) => toRouteManifest(route, nodesById, vehiclesById)),
    };
  }

  /** What the worker last reported for the plan's job; null before its first report or once the job is gone. */
  async jobProgress(plan: Plan): Promise<PlanProgress | null> {
    const progress: unknown = (await this.queue.getJob(this.jobId(plan)))?.progress;
    return progress !== null && typeof progress === 'object' ? (progress as PlanProgress) : null;
  }

  jobId(plan: Plan): string {
    return planJobId(plan.countyId, plan.serviceDate, plan.wave);
  }

  private async enqueue(plan: Plan): Promise<void> {
    await this.queue.add(
      'run-plan',
      { planId: plan.id, countyId: plan.countyId, version: 1 },
      {
        jobId: this.jobId(plan),
        attempts: PLAN_JOB_ATTEMPTS,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: { age: 24 * 3600 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    );
  }

  /** Back to queued, routes dropped and the old plan's shipments released, in one transaction. */
  private reset(plan: Plan, input: RequestPlanDto): Promise<Plan> {
    return this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOneOrFail(Plan, { where: { id: plan.id }, lock: { mode: 'pessimistic_write' } });
      if (locked.status !== 'completed' && locked.status !== 'failed') return locked;
      const rows: Array<{ shipment_id: string }> = await manager.query(
        `SELECT DISTINCT unnest(s.shipment_ids) AS shipment_id FROM plan_stop s JOIN plan_route r ON r.id = s.route_id WHERE r.plan_id = $1 AND s.kind = 'village'`,
        [plan.id],
      );
      await this.shipments.releasePlanned(
        manager,
        plan.countyId,
        rows.map((row) => row.shipment_id),
        plan.id,
      );
      await manager.delete(PlanRoute, { planId: plan.id });
      Object.assign(locked, {
        status: 'queued',
        seed: input.seed ?? locked.seed,
        timeLimitS: input.timeLimitS ?? locked.timeLimitS,
        totalCostFen: null,
        totalDistanceM: null,
        totalDurationS: null,
        parcels: null,
        costPerParcelFen: null,
        vehiclesUsed: null,
        unassigned: [],
        statistics: null,
        error: null,
        startedAt: null,
        finishedAt: null,
      });
      return manager.save(Plan, locked);
    });
  }
}

function assertCalendarDate(value: string): void {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw validationFailed(`serviceDate ${value} is not a calendar date`, [{ field: 'serviceDate', message: 'must be a real date, YYYY-MM-DD' }]);
  }
}
