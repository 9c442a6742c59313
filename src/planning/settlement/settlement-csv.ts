import { stringify } from 'csv-stringify/sync';
import { PlanSettlementResponse } from './settlement.response';

/** The centre's line in CSV: it bears what no carrier can be charged (docs/planning.md, "Settlement"). */
const CENTRE_NAME = '县共配中心 county centre';

const HEADER = ['service_date', 'wave', 'version', 'plan_id', 'platform_id', 'platform_name', 'parcels', 'stand_alone_cost_fen', 'share_fen', 'saving_fen', 'plan_total_cost_fen'];

/**
 * One row per carrier per plan, and a centre row for a plan whose total exceeds the carriers'
 * stand-alone costs together; amounts in fen. A platform's key gets its own rows only.
 */
export function settlementCsv(plans: PlanSettlementResponse[], withCentre: boolean): string {
  const rows: Array<Array<string | number>> = [HEADER];
  for (const plan of plans) {
    const planColumns = [plan.serviceDate, plan.wave, plan.version, plan.planId];
    for (const line of plan.lines) {
      rows.push([...planColumns, line.platformId, line.platformName ?? '', line.parcels, line.standAloneCostFen, line.shareFen, line.savingFen, plan.totalCostFen]);
    }
    if (withCentre && plan.centreShareFen > 0) rows.push([...planColumns, '', CENTRE_NAME, 0, 0, plan.centreShareFen, -plan.centreShareFen, plan.totalCostFen]);
  }
  return stringify(rows);
}
