import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import { CountiesService } from '../counties/counties.service';
import { Clock } from '../infra/clock/clock';
import { validationFailed } from '../infra/errors/domain-error';
import { QueueName } from '../infra/queue/queue-names';
import { WaveScheduleDto } from './dto/wave-schedule.dto';
import { SCHEDULER_ACTOR } from './plan-events';
import { PlanRequestsService } from './plan-requests.service';
import { Plan } from './plan.entity';
import { WaveSchedule } from './wave-schedule.entity';

/** What a scheduled job carries: ids and a version, never entities. */
export interface ScheduledWaveJobData {
  countyId: string;
  wave: number;
  version: 1;
}

/** One scheduler per county and wave: upserting it again replaces its pattern, never adds a second. */
export const waveSchedulerId = (countyId: string, wave: number) => `wave-${countyId}-${wave}`;

/** `HH:MM` → a daily cron pattern (minute hour * * *). */
const dailyPattern = (cutoff: string) => {
  const [hours, minutes] = cutoff.split(':').map(Number) as [number, number];
  return `${minutes} ${hours} * * *`;
};

/**
 * Scheduled waves: a county's cut-off times become BullMQ job schedulers (cron pattern in the county's
 * time zone) on queue `wave-schedule`; when one fires, the wave's plan for the county's today is
 * requested. A plan's identity is (county, date, wave), so a scheduler that fires twice, or a
 * restarted one, finds the plan it already made.
 */
@Injectable()
export class WaveSchedulesService {
  private readonly logger = new Logger(WaveSchedulesService.name);

  constructor(
    @InjectRepository(WaveSchedule) private readonly schedules: Repository<WaveSchedule>,
    @InjectQueue(QueueName.waveSchedule) private readonly queue: Queue<ScheduledWaveJobData>,
    private readonly counties: CountiesService,
    private readonly plans: PlanRequestsService,
    private readonly clock: Clock,
  ) {}

  async get(countyId: string): Promise<WaveSchedule> {
    return (await this.schedules.findOne({ where: { countyId } })) ?? this.schedules.create({ countyId, waves: [], autoPublish: false });
  }

  /** Stores the schedule, then makes the county's schedulers match it (added, moved, or removed). */
  async set(countyId: string, input: WaveScheduleDto): Promise<WaveSchedule> {
    const waves = [...input.waves].sort((a, b) => a.wave - b.wave);
    const duplicate = waves.find((entry, index) => index > 0 && waves[index - 1]!.wave === entry.wave);
    if (duplicate) throw validationFailed(`wave ${duplicate.wave} is scheduled twice`, [{ field: 'waves', message: 'one cut-off per wave' }]);
    const county = await this.counties.get(countyId);
    const saved = await this.schedules.save(this.schedules.create({ countyId, waves: waves.map(({ wave, cutoff }) => ({ wave, cutoff })), autoPublish: input.autoPublish }));
    await this.syncSchedulers(countyId, county.timeZone, saved.waves);
    return saved;
  }

  /** The county's schedulers as BullMQ holds them (for the API and the tests). */
  async schedulers(countyId: string): Promise<Array<{ id: string; pattern: string | null; tz: string | null }>> {
    const all = await this.queue.getJobSchedulers(0, -1, true);
    return all
      .filter((scheduler) => scheduler.key.startsWith(`wave-${countyId}-`))
      .map((scheduler) => ({ id: scheduler.key, pattern: scheduler.pattern ?? null, tz: scheduler.tz ?? null }));
  }

  /** A scheduler fired: request the wave for the county's today (a no-op when the plan exists). */
  async fire(countyId: string, wave: number): Promise<Plan | null> {
    const schedule = await this.schedules.findOne({ where: { countyId } });
    // The schedule changed after the job was queued: the wave is no longer scheduled.
    if (!schedule || !schedule.waves.some((entry) => entry.wave === wave)) return null;
    const county = await this.counties.get(countyId);
    const serviceDate = this.clock.today(county.timeZone);
    const plan = await this.plans.request(countyId, { serviceDate, wave }, SCHEDULER_ACTOR, { publishWhenComputed: schedule.autoPublish });
    this.logger.log({ countyId, wave, serviceDate, planId: plan.id }, 'scheduled wave requested');
    return plan;
  }

  /**
   * For the reconciler: PostgreSQL holds the schedules, Redis only their schedulers, so after Redis
   * lost keys (a FLUSHALL, a failover) every county whose schedulers are missing gets them back.
   * Returns how many counties were repaired.
   */
  async reconcileSchedulers(): Promise<number> {
    const present = new Set((await this.queue.getJobSchedulers(0, -1, true)).map((scheduler) => scheduler.key));
    let repaired = 0;
    for (const schedule of await this.schedules.find()) {
      if (schedule.waves.every((entry) => present.has(waveSchedulerId(schedule.countyId, entry.wave)))) continue;
      const county = await this.counties.get(schedule.countyId);
      await this.syncSchedulers(schedule.countyId, county.timeZone, schedule.waves);
      repaired += 1;
    }
    return repaired;
  }

  private async syncSchedulers(countyId: string, timeZone: string, waves: WaveSchedule['waves']): Promise<void> {
    const wanted = new Set(waves.map((entry) => waveSchedulerId(countyId, entry.wave)));
    for (const existing of await this.schedulers(countyId)) if (!wanted.has(existing.id)) await this.queue.removeJobScheduler(existing.id);
    for (const { wave, cutoff } of waves) {
      await this.queue.upsertJobScheduler(
        waveSchedulerId(countyId, wave),
        { pattern: dailyPattern(cutoff), tz: timeZone },
        { name: 'scheduled-wave', data: { countyId, wave, version: 1 }, opts: { removeOnComplete: { age: 7 * 24 * 3600 }, removeOnFail: { age: 7 * 24 * 3600 } } },
      );
    }
  }
}
