import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { DomainError } from '../../../infra/errors/domain-error';
import { QueueName } from '../../../infra/queue/queue-names';
import { WORKER_DEFAULTS } from '../../../infra/queue/redis-connection';
import { OsmImportJobData, OsmImportJobsService } from './osm-import-jobs.service';

/**
 * Queue `imports`: one OSM import at a time per worker process (reading and sampling are CPU-bound).
 * Bad input fails the job for good with the reason on its row; anything else is retried once.
 */
@Processor(QueueName.imports, { ...WORKER_DEFAULTS, concurrency: 1, lockDuration: 5 * 60_000 })
export class OsmImportProcessor extends WorkerHost {
  private readonly logger = new Logger(OsmImportProcessor.name);

  constructor(private readonly jobs: OsmImportJobsService) {
    super();
  }

  async process(job: Job<OsmImportJobData>): Promise<void> {
    try {
      await this.jobs.run(job.data.importId, (progress) => void job.updateProgress({ ...progress }));
    } catch (error) {
      const badInput = error instanceof DomainError && error.code === 'validation_failed';
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (badInput || lastAttempt) await this.jobs.recordFailure(job.data.importId, error);
      this.logger.warn({ jobId: job.id, importId: job.data.importId, attempt: job.attemptsMade + 1, badInput }, 'OSM import failed');
      if (badInput) throw new UnrecoverableError((error as Error).message);
      throw error;
    }
  }
}
