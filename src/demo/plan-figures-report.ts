import type { PlanFigures, TierFigures } from '../planning/figures/plan-figures';
import type { OpenShipmentRemedy } from '../planning/remedies/remedy-model';
import type { PlanSettlementResponse } from '../planning/settlement/settlement.response';

/** Rows (label, value) for the demo's and the benches' plain-text reports: Simplified Chinese first. */
export type ReportRows = Array<[string, string]>;

const yuan = (fen: number | null) => (fen === null ? 'n/a' : `¥${(fen / 100).toFixed(2)}`);
const percent = (value: number | null) => (value === null ? 'n/a' : `${value.toFixed(1)} %`);

function tierLine(tier: TierFigures): string {
  const load = tier.loadFactor ? `, 装载率 load ${tier.loadFactor.weight.toFixed(2)} weight / ${tier.loadFactor.parcels.toFixed(2)} parcels` : '';
  return `${yuan(tier.costFen)}, ${tier.parcels} 件 parcels, ${yuan(tier.costPerParcelFen)}/件, ${(tier.distanceM / 1000).toFixed(1)} km, ${tier.vehicleHours.toFixed(1)} 车·时 vehicle-h, ${tier.routes} routes${load}`;
}

/** The plan's figures beside its baseline, and the saving at handling cost × 0.5, × 1, × 2. */
export function figureRows(figures: PlanFigures): ReportRows {
  const { consolidated, baseline, handlingCosts } = figures;
  const sensitivity = figures.handlingSensitivity.map((entry) => `×${entry.factor}: ${percent(entry.savingPercent)}`).join(', ');
  return [
    ['干线 trunk', tierLine(consolidated.tiers.trunk)],
    ['末端 last mile', tierLine(consolidated.tiers.lastMile)],
    [
      '中转操作 handling',
      `${yuan(consolidated.handling.costFen)}: ${consolidated.handling.hubSortParcels} 件 sorted at the hub × ${yuan(handlingCosts.hubSortFenPerParcel)}, ${consolidated.handling.townshipHandoverParcels} 件 handed over at stations × ${yuan(handlingCosts.townshipHandoverFenPerParcel)}`,
    ],
    [
      '共配合计 consolidated',
      `${tierLine(consolidated.total)}; late ${consolidated.parcelsLate}, left open ${consolidated.parcelsLeftOpen}, deferred ${consolidated.parcelsDeferred}`,
    ],
    ['各自配送 baseline', `${tierLine(baseline.total)}; late ${baseline.parcelsLate}, left open ${baseline.parcelsLeftOpen} (each carrier alone from the hub)`],
    ['节省 saving', `${percent(figures.savingPercent)} per parcel (handling ${sensitivity})`],
  ];
}

/** What would serve the shipments left open, as re-solved and priced by the worker. */
export function remedyRows(remedies: OpenShipmentRemedy[] | null): ReportRows {
  return (remedies ?? []).map((remedy) => [
    remedy.change,
    `${remedy.description}: serves ${remedy.servedShipments} of ${remedy.openShipments} open shipments (${remedy.servedParcels} 件), ${yuan(remedy.extraCostFen)} more` +
      (remedy.extraCostPerServedParcelFen === null ? '' : ` (${yuan(remedy.extraCostPerServedParcelFen)}/件)`) +
      (remedy.newlyOpenShipments > 0 ? `, but ${remedy.newlyOpenShipments} others (${remedy.newlyOpenParcels} 件) left open instead` : ''),
  ]);
}

/** Each carrier's share of the consolidated cost against what it would pay alone. */
export function settlementRows(settlement: PlanSettlementResponse): ReportRows {
  const rows: ReportRows = settlement.lines.map((line) => [
    line.platformName ?? line.platformId,
    `pays ${yuan(line.shareFen)} for ${line.parcels} 件 (${yuan(line.parcels > 0 ? Math.round(line.shareFen / line.parcels) : null)}/件), alone ${yuan(line.standAloneCostFen)}: saves ${yuan(line.savingFen)}`,
  ]);
  if (settlement.centreShareFen > 0) rows.push(['县共配中心 centre', `bears ${yuan(settlement.centreShareFen)} (the carriers pay no more than alone)`]);
  return rows;
}
