import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { loadPlanningJobConfig } from '../infra/config/app-config';
import { QueueName } from '../infra/queue/queue-names';
import { WORKER_DEFAULTS } from '../infra/queue/redis-connection';
import { PlanInputError, PlanJobData } from './plan-job';
import { PlanComputationService, PlanRunOutcome, PlanSupersededError } from './plan-computation.service';

/**
 * Queue `planning`: one job per plan. It hands off to PlanComputationService and owns retries: bad input
 * fails the job for good (UnrecoverableError) with the plan marked failed; anything else is retried
 * with backoff and marks the plan failed only on the last attempt. One plan at a time per worker
 * process: the solver is CPU-bound, so more workers means more processes, not more concurrency.
 *
 * The solve runs on the solver thread (SolverThread), so BullMQ's lock-renewal timer on this event loop
 * keeps firing: the lock is short (PLANNING_LOCK_DURATION_MS, 30 s by default) whatever the plan's
 * time limit, and a killed worker's job goes back to the queue once its lock expires and another
 * worker's stalled check (every PLANNING_STALLED_INTERVAL_MS) sees it. The run then starts over:
 * claiming a `running` plan is allowed, and only the attempt that claimed last may write it.
 * A job that stalls a third time fails for good rather than crashing workers in a loop.
 *
 * The decorator is read when this file is imported, before Nest's configuration exists, hence the
 * environment read here (with the same validation as at boot).
 */
const { lockDurationMs, stalledIntervalMs } = loadPlanningJobConfig(process.env);

@Processor(QueueName.planning, { ...WORKER_DEFAULTS, concurrency: 1, lockDuration: lockDurationMs, stalledInterval: stalledIntervalMs, maxStalledCount: 2 })
export class PlanningProcessor extends WorkerHost {
  private readonly logger = new Logger(PlanningProcessor.name);

  constructor(private readonly planning: PlanComputationService) {
    super();
  }

  async process(job: Job<PlanJobData>): Promise<PlanRunOutcome> {
    try {
      return await this.planning.runPlan(job.data.planId, (progress) => job.updateProgress(progress));
    } catch (error) {
      // A later attempt owns the plan now; recording a failure would undo its claim.
      if (error instanceof PlanSupersededError) {
        this.logger.warn({ jobId: job.id, planId: job.data.planId }, 'planning attempt superseded by a later one');
        return 'stale';
      }
      const unrecoverable = error instanceof PlanInputError;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.planning.recordFailure(job.data.planId, error, unrecoverable || lastAttempt);
      this.logger.warn({ jobId: job.id, planId: job.data.planId, attempt: job.attemptsMade + 1, unrecoverable }, 'planning job failed');
      if (unrecoverable) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }
}
