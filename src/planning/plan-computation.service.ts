import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InvalidProblemError, SolverInternalError } from '@rural-dispatch/routing';
import { InfeasibleSolutionError } from './planner/solution-reader';
import { WaveInput } from './planner/wave-model';
import { planBaseline } from './baseline/baseline-planner';
import { BaselineInputsService } from './baseline/baseline-inputs.service';
import { writeBaseline } from './baseline/baseline-writer';
import { findRemedies } from './remedies/open-shipment-remedies';
import { CountiesService } from '../counties/counties.service';
import { planConsolidatedWave } from './consolidation/consolidated-wave';
import { writePromiseOutcome } from './consolidation/plan-deferrals';
import { PlanInputError, PlanProgress } from './plan-job';
import { writeWavePlan } from './plan-writer';
import { Plan, PlanPhasesMs } from './plan.entity';
import { PlanningInputsService } from './planning-inputs.service';
import { SolverThread } from './solver-thread';
import { appendPlanEvent, SCHEDULER_ACTOR, WORKER_ACTOR } from './plan-events';
import { PlanPublishingService } from './plan-publishing.service';
import { DomainError } from '../infra/errors/domain-error';

export type PlanRunOutcome = 'completed' | 'stale';

/** The remedies' re-solves together get this share of the plan's time budget (they run only when something is left open). */
const REMEDIES_TIME_SHARE = 0.25;

/**
 * Another attempt claimed the plan while this one computed it (a re-created job after Redis lost the
 * first, or a stalled job handed on): this attempt writes nothing and leaves the plan to the other.
 */
export class PlanSupersededError extends Error {
  constructor(planId: string) {
    super(`plan ${planId} changed while it was computed`);
    this.name = 'PlanSupersededError';
  }
}

/**
 * Runs one plan, in the worker: claims it, loads network, fleet and open shipments, solves trunk
 * then last mile (CPU-bound, on the worker's solver thread, off its event loop), then the same day's
 * unconsolidated baseline and, when shipments are left open for lack of vehicles or time, what would
 * serve them; and writes plan, routes, stops and baseline in one transaction. The result is a draft: shipments become `planned` only when it is published.
 */
@Injectable()
export class PlanComputationService {
  private readonly logger = new Logger(PlanComputationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inputs: PlanningInputsService,
    private readonly solver: SolverThread,
    private readonly publishing: PlanPublishingService,
    private readonly baselineInputs: BaselineInputsService,
    private readonly counties: CountiesService,
  ) {}

  async runPlan(planId: string, reportProgress: (progress: PlanProgress) => Promise<void> = async () => {}): Promise<PlanRunOutcome> {
    const plan = await this.claim(planId);
    // Completed, failed or deleted since the job was queued: a stale job, nothing to do.
    if (!plan) return 'stale';
    this.logger.log({ planId, countyId: plan.countyId, serviceDate: plan.serviceDate, wave: plan.wave, attempt: plan.attempts }, 'plan started');
    await reportProgress({ percent: 5, stage: 'loading' });
    // Wall time per phase, so a slow plan shows where its time went (solver budgets against the rest).
    const phasesMs: PlanPhasesMs = { loading: 0, consolidated: 0, baseline: 0, remedies: 0 };
    let phaseStartedAt = Date.now();
    const endPhase = (phase: keyof PlanPhasesMs) => {
      const now = Date.now();
      phasesMs[phase] = now - phaseStartedAt;
      phaseStartedAt = now;
    };
    const loaded = await this.inputs.load(plan);
    if (loaded.startingRoutes) this.logger.log({ planId, countyId: plan.countyId, startingRoutes: loaded.startingRoutes.length }, 'replan starts from the routes it replaces');
    const { hubSortFenPerParcel, townshipHandoverFenPerParcel } = await this.counties.get(plan.countyId);
    endPhase('loading');
    const methods = new Set<string>();
    let wave, deferred, late, baseline, remedies;
    try {
      const input: WaveInput = {
        serviceDate: plan.serviceDate,
        hubNodeId: loaded.hubNodeId,
        nodes: loaded.nodes,
        vehicles: loaded.vehicles,
        shipments: loaded.shipments,
        seed: plan.seed,
        timeLimitMs: plan.timeLimitS * 1000,
        startingRoutes: loaded.startingRoutes,
      };
      const solving = { matrices: this.inputs.matrixSource(plan.countyId, plan.serviceDate, loaded.timeZone, methods), solve: this.solver.solve };
      // The planner reports 10-90 % of its own run; here it is the first 60 % of the job.
      ({ wave, deferred, late } = await planConsolidatedWave(input, loaded.consolidation, {
        ...solving,
        onStage: (stage, percent) => reportProgress({ stage, percent: Math.round(percent * 0.65) }),
      }));
      endPhase('consolidated');
      // Then the same day without the co-delivery centre, with the same total solver time.
      const onCarrier = (position: number, carriers: number) =>
        reportProgress({ stage: `baseline:${position + 1}/${carriers}`, percent: 60 + Math.round((25 * position) / carriers) });
      baseline = await planBaseline(await this.baselineInputs.inputFor(plan, loaded, wave), { ...solving, onCarrier });
      endPhase('baseline');
      await reportProgress({ percent: 87, stage: 'remedies' });
      remedies = await findRemedies(input, wave, solving, plan.timeLimitS * 1000 * REMEDIES_TIME_SHARE);
      endPhase('remedies');
    } catch (error) {
      // The same input would be refused again: not worth a retry.
      if (error instanceof InvalidProblemError || error instanceof SolverInternalError || error instanceof InfeasibleSolutionError || error instanceof RangeError) {
        throw new PlanInputError(`${error.name}: ${error.message}`);
      }
      throw error;
    } finally {
      // Matrices over node lists that only this run's solution produced would otherwise stay in the worker until the cache's byte budget.
      this.inputs.endMatrixRun(plan.countyId);
    }
    await reportProgress({ percent: 95, stage: 'writing' });
    await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(Plan, { where: { id: plan.id }, lock: { mode: 'pessimistic_write' } });
      if (!current || current.status !== 'running' || current.attempts !== plan.attempts) {
        throw new PlanSupersededError(plan.id);
      }
      const statistics = { runs: wave.statistics, shipmentsConsidered: loaded.shipments.length, matrixMethods: [...methods].sort(), baselineRuns: baseline.statistics, phasesMs };
      await writeWavePlan(manager, current, wave, { networkVersion: loaded.networkVersion, statistics, driverIdByVehicle: loaded.driverIdByVehicle }, loaded.timeZone);
      await writeBaseline(manager, current, baseline, loaded.timeZone);
      await manager.update(Plan, plan.id, { hubSortFenPerParcel, townshipHandoverFenPerParcel, baselineUnassigned: baseline.unassigned, remedies });
      await writePromiseOutcome(manager, plan.id, deferred, late);
      await appendPlanEvent(manager, {
        planId: plan.id,
        type: 'plan.computed',
        actor: WORKER_ACTOR,
        data: {
          attempt: plan.attempts,
          routes: wave.routes.length,
          parcels: wave.totals.parcels,
          unassigned: wave.unassigned.length,
          deferred: deferred.length,
          late: late.length,
          baselineRoutes: baseline.routes.length,
        },
      });
    });
    if (plan.publishWhenComputed) await this.publishScheduled(plan);
    const writingMs = Date.now() - phaseStartedAt;
    await reportProgress({ percent: 100, stage: 'completed' });
    this.logger.log(
      {
        planId,
        phasesMs: { ...phasesMs, writing: writingMs },
        routes: wave.routes.length,
        parcels: wave.totals.parcels,
        unassigned: wave.unassigned.length,
        deferred: deferred.length,
        late: late.length,
      },
      'plan completed',
    );
    return 'completed';
  }

  /** A scheduled wave of a county that publishes automatically; a refusal (conflicts) leaves the draft for the dispatcher. */
  private async publishScheduled(plan: Plan): Promise<void> {
    try {
      await this.publishing.publish(plan.countyId, plan.id, SCHEDULER_ACTOR);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn({ planId: plan.id, countyId: plan.countyId, err: error }, 'scheduled plan left a draft: publish refused');
    }
  }

  /**
   * After a failed attempt: a final failure (bad input, or retries exhausted) marks the plan failed
   * with the reason; otherwise it goes back to queued for the retry.
   */
  async recordFailure(planId: string, error: unknown, final: boolean): Promise<void> {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    this.logger.warn({ planId, final, err: error }, 'plan attempt failed');
    await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Plan)
        .set(final ? { status: 'failed', error: message, finishedAt: new Date() } : { status: 'queued', error: message })
        .where('id = :planId AND status = :running', { planId, running: 'running' })
        .execute();
      if (final && result.affected) await appendPlanEvent(manager, { planId, type: 'plan.failed', actor: WORKER_ACTOR, data: { error: message } });
    });
  }

  /**
   * The reconciler found the plan's job failed for good in BullMQ while the row still says queued or
   * running (a worker that died on it every time): the plan fails with the reason instead of waiting forever.
   */
  async recordAbandoned(planId: string, reason: string): Promise<boolean> {
    const error = `abandoned: ${reason}`.slice(0, 1000);
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Plan)
        .set({ status: 'failed', error, finishedAt: new Date() })
        .where('id = :planId AND status IN (:...open)', { planId, open: ['queued', 'running'] })
        .execute();
      if (!result.affected) return false;
      await appendPlanEvent(manager, { planId, type: 'plan.failed', actor: WORKER_ACTOR, data: { error } });
      return true;
    });
  }

  /** Takes a queued plan, or one a crashed worker left running (BullMQ re-delivers stalled jobs). */
  private async claim(planId: string): Promise<Plan | null> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Plan)
      .set({ status: 'running', attempts: () => 'attempts + 1', startedAt: new Date(), error: null })
      .where('id = :planId AND status IN (:...claimable)', { planId, claimable: ['queued', 'running'] })
      .returning('*')
      .execute();
    if (!result.affected) return null;
    return this.dataSource.getRepository(Plan).findOneOrFail({ where: { id: planId } });
  }
}
