import { existsSync, readFileSync, writeFileSync } from 'fs';
import type { PlanFigures, ScenarioFigures } from '../../src/planning/figures/plan-figures';
import type { CountySettlementResponse } from '../../src/planning/settlement/settlement.response';
import type { PromiseTally, WeekPromises } from './week-promises';

/** What the week bench keeps of one simulated day. */
export interface WeekDay {
  /** 1-based; days after the demand days are the run-out. */
  day: number;
  date: string;
  newInboundParcels: number;
  newExpressParcels: number;
  newPickups: number;
  planStatus: string;
  planWallS: number;
  figures: PlanFigures | null;
  /** Shipments still open (at the hub or requested) after the day's plan was published. */
  openAfter: number;
}

const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? '–' : `¥${(fen / 100).toFixed(2)}`);
const km = (metres: number) => (metres / 1000).toFixed(0);
const hours = (value: number) => value.toFixed(1);
const share = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '–');
const load = (figures: ScenarioFigures) => (figures.total.loadFactor ? `${figures.total.loadFactor.weight.toFixed(2)} / ${figures.total.loadFactor.parcels.toFixed(2)}` : '–');

function row(label: string, date: string, demand: string, figures: PlanFigures | null, promises: PromiseTally | undefined): string {
  const c = figures?.consolidated;
  const b = figures?.baseline;
  const cells = [
    label,
    date,
    demand,
    c ? String(c.total.parcels) : '–',
    c ? String(c.parcelsDeferred) : '–',
    yuan(c?.total.costPerParcelFen),
    yuan(b?.total.costPerParcelFen),
    figures?.savingPercent === null || figures?.savingPercent === undefined ? '–' : `${figures.savingPercent.toFixed(1)} %`,
    c && b ? `${km(c.total.distanceM)} / ${km(b.total.distanceM)}` : '–',
    c && b ? `${hours(c.total.vehicleHours)} / ${hours(b.total.vehicleHours)}` : '–',
    c && b ? `${load(c)} · ${load(b)}` : '–',
    promises ? share(promises.keptParcels, promises.parcels) : '–',
    promises ? `${share(promises.expressKeptParcels, promises.expressParcels)} (${promises.expressParcels})` : '–',
  ];
  return `| ${cells.join(' | ')} |`;
}

/** The per-day and week table, the carriers' settlement and the goals, as Markdown (the console prints the same). */
export function weekTable(days: WeekDay[], week: PlanFigures | null, promises: WeekPromises, settlement: CountySettlementResponse): string {
  const lines: string[] = [];
  lines.push(
    '| day | date | new parcels (express) + pickups | carried | deferred | consolidated ¥/parcel | baseline ¥/parcel | saving | km cons. / base | vehicle-h cons. / base | load weight / parcels: cons. · base | by promise | express on their day (n) |',
  );
  lines.push(`|${' --- |'.repeat(13)}`);
  for (const day of days) {
    const demand = day.newInboundParcels + day.newPickups > 0 ? `${day.newInboundParcels} (${day.newExpressParcels}) + ${day.newPickups}` : 'run-out';
    lines.push(row(String(day.day), day.date, demand, day.figures, promises.byCarryDate.get(day.date)));
  }
  const inbound = days.reduce((sum, day) => sum + day.newInboundParcels, 0);
  const express = days.reduce((sum, day) => sum + day.newExpressParcels, 0);
  const pickups = days.reduce((sum, day) => sum + day.newPickups, 0);
  lines.push(row('**all**', `${days[0]?.date ?? ''} – ${days.at(-1)?.date ?? ''}`, `${inbound} (${express}) + ${pickups}`, week, promises.all));
  lines.push('');
  lines.push('| carrier | parcels | pays (share) | alone (baseline) | share / alone |');
  lines.push(`|${' --- |'.repeat(5)}`);
  for (const line of settlement.totals) {
    lines.push(
      `| ${line.platformName ?? line.platformId} | ${line.parcels} | ${yuan(line.shareFen)} | ${yuan(line.standAloneCostFen)} | ${share(line.shareFen, line.standAloneCostFen)} |`,
    );
  }
  lines.push(
    `| **all** | ${settlement.totals.reduce((sum, line) => sum + line.parcels, 0)} | ${yuan(settlement.totalCostFen - settlement.centreShareFen)} (centre bears ${yuan(settlement.centreShareFen)}) | ${yuan(settlement.standAloneTotalFen)} | ${share(settlement.totalCostFen - settlement.centreShareFen, settlement.standAloneTotalFen)} |`,
  );
  lines.push('');
  const goal = (met: boolean) => (met ? 'met' : '**missed**');
  const saving = week?.savingPercent ?? null;
  const keptPercent = promises.all.parcels > 0 ? (100 * promises.all.keptParcels) / promises.all.parcels : 0;
  const expressPercent = promises.all.expressParcels > 0 ? (100 * promises.all.expressKeptParcels) / promises.all.expressParcels : 100;
  lines.push(`- goal: consolidated cost per parcel ≥ 50 % below the baseline — ${saving === null ? '–' : `${saving.toFixed(1)} %`}: ${goal(saving !== null && saving >= 50)}`);
  lines.push(`- goal: ≥ 99 % of parcels by their promise — ${keptPercent.toFixed(2)} %: ${goal(keptPercent >= 99)}`);
  lines.push(`- goal: 100 % of express parcels on their day — ${expressPercent.toFixed(2)} %: ${goal(expressPercent === 100)}`);
  if (promises.neverCarriedParcels > 0) lines.push(`- ${promises.neverCarriedParcels} parcels were on no published plan when the run stopped (counted as not kept)`);
  if (week) {
    const sensitivity = week.handlingSensitivity.map((entry) => `×${entry.factor}: ${entry.savingPercent === null ? '–' : `${entry.savingPercent.toFixed(1)} %`}`).join(', ');
    lines.push(
      `- saving with the handling cost (hub sort ${yuan(week.handlingCosts.hubSortFenPerParcel)}, hand-over ${yuan(week.handlingCosts.townshipHandoverFenPerParcel)} per parcel) ${sensitivity}`,
    );
  }
  return lines.join('\n');
}

export const WEEK_SECTION_START = '<!-- bench:week:start (written by `npm run bench:week`) -->';
export const WEEK_SECTION_END = '<!-- bench:week:end -->';

/** Rewrites the bench's section of `file` between its markers; appends the section (with markers) if absent. */
export function writeWeekSection(file: string, section: string): void {
  const document = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const block = `${WEEK_SECTION_START}\n${section.trim()}\n${WEEK_SECTION_END}`;
  const start = document.indexOf(WEEK_SECTION_START);
  const end = document.indexOf(WEEK_SECTION_END);
  const next = start >= 0 && end > start ? document.slice(0, start) + block + document.slice(end + WEEK_SECTION_END.length) : `${document.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
