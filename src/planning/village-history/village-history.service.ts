import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CountiesService } from '../../counties/counties.service';
import { Clock } from '../../infra/clock/clock';
import { validationFailed } from '../../infra/errors/domain-error';
import { addDays } from '../../infra/time/calendar-date';
import { NetworkQueryService } from '../../network/network-query.service';
import { VillageOutcomesService } from '../../shipments/village-outcomes.service';
import { sumCounts, VillageHistoryDayResponse, VillageHistoryResponse } from './village-history.response';

export const DEFAULT_HISTORY_DAYS = 30;
export const MAX_HISTORY_DAYS = 90;

/**
 * A village's last days as the console's Network page shows them: parcels delivered and collected,
 * failed deliveries (from the shipments' history) and visits (stops of the plans in force), per local
 * day up to the county's today.
 */
@Injectable()
export class VillageHistoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly nodes: NetworkQueryService,
    private readonly counties: CountiesService,
    private readonly outcomes: VillageOutcomesService,
    private readonly clock: Clock,
  ) {}

  async lastDays(countyId: string, nodeId: string, daysParameter: string | undefined): Promise<VillageHistoryResponse> {
    const days = parseDays(daysParameter);
    const node = await this.nodes.getNode(countyId, nodeId);
    if (node.tier !== 'village_point') {
      throw validationFailed(`node ${node.code} is a ${node.tier}; the history is a village point's`, [{ field: 'nodeId', message: 'must be a village point' }]);
    }
    const county = await this.counties.get(countyId);
    const to = this.clock.today(county.timeZone);
    const from = addDays(to, 1 - days);
    const [outcomes, visits] = await Promise.all([this.outcomes.byDay(countyId, node.id, from, to, county.timeZone), this.visitsByDay(countyId, node.id, from, to)]);
    const daily: VillageHistoryDayResponse[] = [];
    for (let date = from; date <= to; date = addDays(date, 1)) {
      const outcome = outcomes.get(date);
      daily.push({
        date,
        parcelsDelivered: outcome?.parcelsDelivered ?? 0,
        shipmentsDelivered: outcome?.shipmentsDelivered ?? 0,
        parcelsPickedUp: outcome?.parcelsPickedUp ?? 0,
        visits: visits.get(date) ?? 0,
        failedDeliveries: outcome?.failedDeliveries ?? 0,
      });
    }
    return { nodeId: node.id, code: node.code, name: node.name, timeZone: county.timeZone, from, to, daily, totals: sumCounts(daily) };
  }

  /** Stops at the node in the plans in force (a superseded draft or a cancelled plan never went), by service date. */
  private async visitsByDay(countyId: string, nodeId: string, from: string, to: string): Promise<Map<string, number>> {
    const rows: Array<{ day: string; visits: number }> = await this.dataSource.query(
      `SELECT to_char(p.service_date, 'YYYY-MM-DD') AS day, count(*)::int AS visits
         FROM plan_stop s JOIN plan_route r ON r.id = s.route_id JOIN plan p ON p.id = r.plan_id
        WHERE s.node_id = $2 AND p.county_id = $1 AND p.lifecycle IN ('published', 'completed') AND p.service_date BETWEEN $3::date AND $4::date
        GROUP BY p.service_date`,
      [countyId, nodeId, from, to],
    );
    return new Map(rows.map((row) => [row.day, row.visits]));
  }
}

/** `?days=`: whole days back from today, today included; 30 when absent. */
function parseDays(value: string | undefined): number {
  if (value === undefined) return DEFAULT_HISTORY_DAYS;
  const days = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(days >= 1 && days <= MAX_HISTORY_DAYS)) {
    throw validationFailed(`days must be a whole number from 1 to ${MAX_HISTORY_DAYS}`, [{ field: 'days', message: `an integer from 1 to ${MAX_HISTORY_DAYS}` }]);
  }
  return days;
}
