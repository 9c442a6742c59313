import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { QueueName } from '../infra/queue/queue-names';
import { WORKER_DEFAULTS } from '../infra/queue/redis-connection';
import { ScheduledWaveJobData, WaveSchedulesService } from './wave-schedules.service';

/** Queue `wave-schedule`: a county's wave cut-off has come; the plan is requested (the solving runs on queue `planning`). */
@Processor(QueueName.waveSchedule, WORKER_DEFAULTS)
export class WaveScheduleProcessor extends WorkerHost {
  constructor(private readonly schedules: WaveSchedulesService) {
    super();
  }

  async process(job: Job<ScheduledWaveJobData>): Promise<string | null> {
    return (await this.schedules.fire(job.data.countyId, job.data.wave))?.id ?? null;
  }
}
