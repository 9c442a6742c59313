import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { QueueName } from '../infra/queue/queue-names';
import { PlanInputError, PlanJobData } from './plan-job';
import { PlanComputationService, PlanRunOutcome } from './plan-computation.service';

/**
 * Queue `planning`: one job per plan. It hands off to PlanComputationService and owns retries: bad input
 * fails the job for good (UnrecoverableError) with the plan marked failed; anything else is retried
 * with backoff and marks the plan failed only on the last attempt. One plan at a time per worker
 * process: the solver is CPU-bound, so more workers means more processes, not more concurrency.
 *
 * A solver run holds the event loop for up to the plan's time limit (600 s at most), and BullMQ
 * renews the job lock on a timer of that loop; the lock therefore outlasts the longest run, so a
 * busy worker is not mistaken for a dead one and its job handed to a second worker.
 */
export const PLANNING_LOCK_DURATION_MS = 11 * 60_000;

@Processor(QueueName.planning, { concurrency: 1, lockDuration: PLANNING_LOCK_DURATION_MS })
export class PlanningProcessor extends WorkerHost {
  private readonly logger = new Logger(PlanningProcessor.name);

  constructor(private readonly planning: PlanComputationService) {
    super();
  }

  async process(job: Job<PlanJobData>): Promise<PlanRunOutcome> {
    try {
      return await this.planning.runPlan(job.data.planId, (progress) => job.updateProgress(progress));
    } catch (error) {
      const unrecoverable = error instanceof PlanInputError;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      await this.planning.recordFailure(job.data.planId, error, unrecoverable || lastAttempt);
      this.logger.warn({ jobId: job.id, planId: job.data.planId, attempt: job.attemptsMade + 1, unrecoverable }, 'planning job failed');
      if (unrecoverable) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }
}
