import { INestApplicationContext } from '@nestjs/common';
import { Plan } from '../planning/plan.entity';
import { PlanRequestsService } from '../planning/plan-requests.service';

export interface DemoWaveOptions {
  wave?: number;
  timeLimitS?: number;
  seed?: number;
  /**
   * Starts a planning worker in this process for the duration (the caller wires it, e.g.
   * startInProcessWorker). Omit it when a worker is already running against the same Redis and
   * PostgreSQL: the function then only enqueues and waits.
   */
  startWorker?: () => Promise<INestApplicationContext>;
  /** Gives up waiting after this long (the plan keeps running in the worker). Default 15 minutes. */
  waitTimeoutMs?: number;
  /** Where progress lines go; console.log by default. */
  log?: (line: string) => void;
}

export interface DemoWaveSummary {
  planId: string;
  status: Plan['status'];
  error: string | null;
  routesByEchelon: { trunk: number; lastMile: number };
  parcels: number;
  distanceKm: number;
  costFen: number;
  costPerParcelFen: number | null;
  vehiclesUsed: number;
  unassigned: number;
  unassignedByReason: Record<string, number>;
  /** Shipments (and their parcels) left for a later day, by reason; late shipments, by reason. */
  deferred: { shipments: number; parcels: number; byReason: Record<string, number> };
  lateByReason: Record<string, number>;
  /** Wall-clock time from request to finished plan. */
  elapsedMs: number;
}

const POLL_INTERVAL_MS = 250;

/**
 * For the demo CLI: (re)plans one wave through the real path (API service → queue `planning` →
 * processor → PlanComputationService) and waits for it, printing the job's progress. With `startWorker`, the
 * worker it starts runs for the duration and is closed afterwards.
 */
export async function planDemoWave(app: INestApplicationContext, countyId: string, serviceDate: string, options: DemoWaveOptions = {}): Promise<DemoWaveSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  const startedAt = Date.now();
  const worker = options.startWorker ? await options.startWorker() : null;
  try {
    const plans = app.get(PlanRequestsService);
    const requested = await plans.request(countyId, {
      serviceDate,
      wave: options.wave ?? 1,
      timeLimitS: options.timeLimitS,
      seed: options.seed,
      replan: true,
    });
    log(`plan ${requested.id} queued as job ${plans.jobId(requested)}`);
    const deadline = startedAt + (options.waitTimeoutMs ?? 15 * 60_000);
    let lastStage = '';
    for (;;) {
      const plan = await plans.get(countyId, requested.id);
      if (plan.status === 'computed' || plan.status === 'failed') return summarise(plans, plan, startedAt);
      const progress = await plans.jobProgress(requested);
      if (progress && progress.stage !== lastStage) {
        lastStage = progress.stage;
        log(`  ${String(progress.percent).padStart(3)}%  ${progress.stage}`);
      }
      if (Date.now() > deadline) throw new Error(`plan ${requested.id} still ${plan.status} after ${Math.round((Date.now() - startedAt) / 1000)} s`);
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  } finally {
    await worker?.close();
  }
}

async function summarise(plans: PlanRequestsService, plan: Plan, startedAt: number): Promise<DemoWaveSummary> {
  const { routes } = await plans.getWithRoutes(plan.countyId, plan.id);
  const unassignedByReason: Record<string, number> = {};
  for (const entry of plan.unassigned) unassignedByReason[entry.reason] = (unassignedByReason[entry.reason] ?? 0) + 1;
  const lateByReason: Record<string, number> = {};
  for (const entry of plan.late) lateByReason[entry.reason] = (lateByReason[entry.reason] ?? 0) + 1;
  return {
    planId: plan.id,
    status: plan.status,
    error: plan.error,
    routesByEchelon: {
      trunk: routes.filter((route) => route.echelon === 'trunk').length,
      lastMile: routes.filter((route) => route.echelon === 'last_mile').length,
    },
    parcels: plan.parcels ?? 0,
    distanceKm: Math.round((plan.totalDistanceM ?? 0) / 100) / 10,
    costFen: Number(plan.totalCostFen ?? 0),
    costPerParcelFen: plan.costPerParcelFen,
    vehiclesUsed: plan.vehiclesUsed ?? 0,
    unassigned: plan.unassigned.length,
    unassignedByReason,
    deferred: plan.deferredSummary ?? { shipments: 0, parcels: 0, byReason: {} },
    lateByReason,
    elapsedMs: Date.now() - startedAt,
  };
}
