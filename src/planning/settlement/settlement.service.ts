import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Between, In, Repository } from 'typeorm';
import { conflict, DomainError, notFound, validationFailed } from '../../infra/errors/domain-error';
import { Principal } from '../../infra/auth/principal';
import { daysInclusive, isCalendarDate } from '../../infra/time/calendar-date';
import { Platform } from '../../integrations/platform.entity';
import { planFigures } from '../figures/plan-figures';
import { PlanRowsService, StoredPlanRows } from '../figures/plan-rows.service';
import { Plan } from '../plan.entity';
import { settlePlan } from './plan-settlement';
import { CountySettlementResponse, PlanSettlementResponse, SETTLEMENT_RULE, SettlementLineResponse } from './settlement.response';

/** The longest date range one county settlement covers. */
export const MAX_SETTLEMENT_DAYS = 366;

/**
 * What each carrier pays: the settlement of one plan, or of the plans in force over a date range,
 * computed from the stored routes (consolidated and baseline) by the rule of settlement-rule.ts.
 * A platform's own key sees its own lines only, and the totals it needs to check them.
 */
@Injectable()
export class SettlementService {
  constructor(
    @InjectRepository(Plan) private readonly plans: Repository<Plan>,
    private readonly rows: PlanRowsService,
    @InjectRepository(Platform) private readonly platforms: Repository<Platform>,
  ) {}

  /** Any computed plan, a draft too (what it would cost each carrier if published); without a viewer, every line (the demo, the benches). */
  async forPlan(countyId: string, planId: string, viewer?: Principal): Promise<PlanSettlementResponse> {
    const onlyPlatformId = await this.viewerPlatform(viewer);
    const plan = await this.plans.findOne({ where: { countyId, id: planId } });
    if (!plan) throw notFound('plan', planId);
    const rows = await this.rows.load(plan);
    if (!rows) throw conflict(`plan ${planId} is ${plan.status}; it is settled once computed`, { currentStatus: plan.status });
    const names = await this.platformNames(countyId);
    return settlementOf(rows, names, onlyPlatformId);
  }

  /** The day's plans in force (published or completed) from `from` to `to`, both local dates, included. */
  async forCounty(countyId: string, from: string | undefined, to: string | undefined, viewer: Principal): Promise<CountySettlementResponse> {
    const range = checkRange(from, to);
    const onlyPlatformId = await this.viewerPlatform(viewer);
    const plans = await this.plans.find({
      where: { countyId, serviceDate: Between(range.from, range.to), status: 'computed', lifecycle: In(['published', 'completed']) },
      order: { serviceDate: 'ASC', wave: 'ASC', version: 'ASC' },
    });
    const names = await this.platformNames(countyId);
    const settled = (await this.rows.loadMany(plans)).map((rows) => settlementOf(rows, names, onlyPlatformId));
    const totals = new Map<string, SettlementLineResponse>();
    for (const line of settled.flatMap((plan) => plan.lines)) {
      const sum = totals.get(line.platformId) ?? { ...line, parcels: 0, standAloneCostFen: 0, shareFen: 0, savingFen: 0 };
      totals.set(line.platformId, {
        ...sum,
        parcels: sum.parcels + line.parcels,
        standAloneCostFen: sum.standAloneCostFen + line.standAloneCostFen,
        shareFen: sum.shareFen + line.shareFen,
        savingFen: sum.savingFen + line.savingFen,
      });
    }
    const sum = (pick: (plan: PlanSettlementResponse) => number) => settled.reduce((total, plan) => total + pick(plan), 0);
    return {
      countyId,
      from: range.from,
      to: range.to,
      rule: SETTLEMENT_RULE,
      totalCostFen: sum((plan) => plan.totalCostFen),
      standAloneTotalFen: sum((plan) => plan.standAloneTotalFen),
      centreShareFen: sum((plan) => plan.centreShareFen),
      totals: [...totals.values()].sort((a, b) => (a.platformId < b.platformId ? -1 : 1)),
      plans: settled,
    };
  }

  /** Null for an operator key (every line); the platform's id for a platform key, which must have one. */
  private async viewerPlatform(viewer: Principal | undefined): Promise<string | null> {
    if (viewer?.role !== 'platform') return null;
    // Platform principals are keys, never console accounts.
    const platform = viewer.apiKeyId ? await this.platforms.findOne({ where: { apiKeyId: viewer.apiKeyId } }) : null;
    if (!platform || platform.countyId !== viewer.countyId) throw new DomainError('forbidden', 'this platform key has no platform in this county');
    return platform.id;
  }

  private async platformNames(countyId: string): Promise<Map<string, string>> {
    return new Map((await this.platforms.find({ where: { countyId } })).map((platform) => [platform.id, platform.name]));
  }
}

function settlementOf(rows: StoredPlanRows, names: ReadonlyMap<string, string>, onlyPlatformId: string | null): PlanSettlementResponse {
  const figures = planFigures(rows.consolidated, rows.baseline, rows.shipments, rows.handlingCosts);
  const parcelsByPlatform = new Map<string, number>();
  for (const route of rows.consolidated.routes) {
    for (const stop of route.stops) {
      if (stop.kind !== 'village') continue;
      for (const id of stop.shipmentIds) {
        const shipment = rows.shipments.get(id);
        if (shipment) parcelsByPlatform.set(shipment.platformId, (parcelsByPlatform.get(shipment.platformId) ?? 0) + shipment.parcelCount);
      }
    }
  }
  const settled = settlePlan({
    totalCostFen: figures.consolidated.total.costFen,
    baselineRoutes: rows.baseline.routes.map((route) => ({ platformId: rows.baselinePlatformOf.get(route.id)!, costFen: route.costFen })),
    parcelsByPlatform,
  });
  const { plan } = rows;
  return {
    planId: plan.id,
    serviceDate: plan.serviceDate,
    wave: plan.wave,
    version: plan.version,
    lifecycle: plan.lifecycle,
    rule: SETTLEMENT_RULE,
    totalCostFen: settled.totalCostFen,
    standAloneTotalFen: settled.standAloneTotalFen,
    centreShareFen: settled.centreShareFen,
    lines: settled.carriers
      .filter((carrier) => onlyPlatformId === null || carrier.platformId === onlyPlatformId)
      .map((carrier) => ({ ...carrier, platformName: names.get(carrier.platformId) ?? null })),
  };
}

function checkRange(from: string | undefined, to: string | undefined): { from: string; to: string } {
  const problems = [
    ...(isCalendarDate(from) ? [] : [{ field: 'from', message: 'required, a real date YYYY-MM-DD' }]),
    ...(isCalendarDate(to) ? [] : [{ field: 'to', message: 'required, a real date YYYY-MM-DD' }]),
  ];
  if (problems.length > 0) throw validationFailed('from and to must be dates YYYY-MM-DD', problems);
  if (from! > to!) throw validationFailed(`from ${from} is after to ${to}`, [{ field: 'from', message: 'must not be after to' }]);
  const days = daysInclusive(from!, to!);
  if (days > MAX_SETTLEMENT_DAYS)
    throw validationFailed(`from ${from} to ${to} is ${days} days`, [{ field: 'to', message: `at most ${MAX_SETTLEMENT_DAYS} days from from, both included` }]);
  return { from: from!, to: to! };
}
