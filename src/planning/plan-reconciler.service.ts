import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../infra/config/app-config';
import { PlanComputationService } from './plan-computation.service';
import { PlanRequestsService } from './plan-requests.service';
import { Plan } from './plan.entity';
import { WaveSchedulesService } from './wave-schedules.service';

/** Open plans looked at per pass, oldest first: a day has a few waves per county, so this is many days of a prefecture. */
const PLANS_PER_PASS = 500;

export interface PlanReconcileResult {
  requeued: number;
  abandoned: number;
  schedulesRepaired: number;
}

/**
 * Worker-only: PostgreSQL is the truth about plans and wave schedules, Redis only holds their jobs.
 * Once at start and then every PLANNING_RECONCILE_INTERVAL_MS, a queued or running plan whose job
 * Redis lost (FLUSHALL, failover, a job removed by hand) is queued again; one whose job BullMQ failed
 * for good (its worker died on it every time) is marked failed with the reason; and every county's
 * wave schedulers missing from Redis are created again. Safe in several workers at once: job ids are
 * deterministic, and a run that loses its plan to a later claim writes nothing.
 *
 * A plain timer, like the webhook reconciler: a schedule kept in Redis would be lost with the keys it repairs.
 */
@Injectable()
export class PlanReconcilerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PlanReconcilerService.name);
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly requests: PlanRequestsService,
    private readonly computation: PlanComputationService,
    private readonly schedules: WaveSchedulesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.planningJob.reconcileIntervalMs);
    setImmediate(() => this.tick());
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass; exported for the tests, which run it at a moment of their choosing. */
  async reconcileOnce(): Promise<PlanReconcileResult> {
    const plans = this.dataSource.getRepository(Plan);
    const result: PlanReconcileResult = { requeued: 0, abandoned: 0, schedulesRepaired: 0 };
    const open = await plans.find({ where: { status: In(['queued', 'running']) }, order: { createdAt: 'ASC' }, take: PLANS_PER_PASS });
    for (const plan of open) {
      const job = await this.requests.jobState(plan);
      if (job.state === 'present') continue;
      // Re-read: the plan may have finished between the first read and the job lookup.
      const current = await plans.findOne({ where: { id: plan.id } });
      if (!current || (current.status !== 'queued' && current.status !== 'running')) continue;
      if (job.state === 'failed') {
        if (await this.computation.recordAbandoned(plan.id, job.reason)) result.abandoned += 1;
        continue;
      }
      await this.requests.requeue(current);
      result.requeued += 1;
    }
    result.schedulesRepaired = await this.schedules.reconcileSchedulers();
    return result;
  }

  private tick(): void {
    if (this.running) return;
    this.running = true;
    this.reconcileOnce()
      .then((result) => {
        if (result.requeued + result.abandoned + result.schedulesRepaired > 0) this.logger.warn(result, 'planning state repaired from PostgreSQL');
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'planning reconcile pass failed'))
      .finally(() => {
        this.running = false;
      });
  }
}
