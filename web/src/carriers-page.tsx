import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, SessionInfo } from './api';
import { FieldError } from './field-error';
import { Translate, yuan } from './i18n';
import { localToday } from './today-page';

interface SettlementLine {
  platformId: string;
  platformName: string | null;
  parcels: number;
  standAloneCostFen: number;
  shareFen: number;
  savingFen: number;
}

interface PlanSettlement {
  planId: string;
  serviceDate: string;
  wave: number;
  totalCostFen: number;
  standAloneTotalFen: number;
  lines: SettlementLine[];
}

interface CountySettlement {
  totalCostFen: number;
  standAloneTotalFen: number;
  centreShareFen: number;
  totals: SettlementLine[];
  plans: PlanSettlement[];
}

interface DayPoint {
  date: string;
  consolidatedFen: number;
  baselineFen: number;
}

/** Cost per parcel by day, consolidated against each carrier alone, over the plans in force. */
function dailyCostPerParcel(plans: PlanSettlement[]): DayPoint[] {
  const days = new Map<string, { total: number; baseline: number; parcels: number }>();
  for (const plan of plans) {
    const day = days.get(plan.serviceDate) ?? { total: 0, baseline: 0, parcels: 0 };
    day.total += plan.totalCostFen;
    day.baseline += plan.standAloneTotalFen;
    day.parcels += plan.lines.reduce((sum, line) => sum + line.parcels, 0);
    days.set(plan.serviceDate, day);
  }
  return [...days.entries()]
    .filter(([, day]) => day.parcels > 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, day]) => ({ date, consolidatedFen: day.total / day.parcels, baselineFen: day.baseline / day.parcels }));
}

const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Each carrier's parcels and settlement share over a date range, and the day-by-day cost per parcel against the baseline. */
export function CarriersPage({ t, session }: { t: Translate; session: SessionInfo }) {
  const today = localToday(session.county.timeZone);
  const [from, setFrom] = useState(shiftDate(today, -29));
  const [to, setTo] = useState(today);
  const [settlement, setSettlement] = useState<CountySettlement | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const url = `/v1/counties/${session.county.id}/settlement?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

  useEffect(() => {
    api<CountySettlement>('GET', url)
      .then((answer) => {
        setSettlement(answer);
        setProblem(null);
      })
      .catch((error: unknown) => setProblem(error instanceof ApiProblem ? error : null));
  }, [url]);

  const points = settlement ? dailyCostPerParcel(settlement.plans) : [];
  return (
    <div class="plans-page carriers-page">
      <form class="plan-picker" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('from')}
          <input type="date" name="from" value={from} onInput={(event) => setFrom(event.currentTarget.value)} />
          <FieldError problem={problem} field="from" />
        </label>
        <label>
          {t('to')}
          <input type="date" name="to" value={to} onInput={(event) => setTo(event.currentTarget.value)} />
          <FieldError problem={problem} field="to" />
        </label>
        <a href={`${url}&format=csv`}>CSV</a>
      </form>
      {problem && problem.errors.length === 0 && (
        <p class="problem" data-testid="problem">
          {problem.detail}
        </p>
      )}
      {settlement && (
        <>
          <table class="plans" data-testid="settlement">
            <thead>
              <tr>
                <th>{t('carrier')}</th>
                <th>{t('parcels')}</th>
                <th>{t('standAlone')}</th>
                <th>{t('share')}</th>
                <th>{t('savingFen')}</th>
              </tr>
            </thead>
            <tbody>
              {settlement.totals.map((line) => (
                <tr data-platform-id={line.platformId}>
                  <td>{line.platformName ?? line.platformId}</td>
                  <td>{line.parcels}</td>
                  <td>{yuan(line.standAloneCostFen)}</td>
                  <td>{yuan(line.shareFen)}</td>
                  <td>{yuan(line.savingFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            {t('centreShare')}: {yuan(settlement.centreShareFen)}
          </p>
          <CostChart t={t} points={points} />
        </>
      )}
    </div>
  );
}

/** Two lines on one scale: consolidated cost per parcel and the baseline's, one point a day (SVG, no library). */
function CostChart({ t, points }: { t: Translate; points: DayPoint[] }) {
  if (points.length === 0) return <p>{t('noPublishedPlan')}</p>;
  const width = 640;
  const height = 220;
  const pad = 36;
  const max = Math.max(...points.flatMap((point) => [point.consolidatedFen, point.baselineFen])) * 1.1;
  const x = (index: number) => pad + (points.length === 1 ? (width - 2 * pad) / 2 : (index * (width - 2 * pad)) / (points.length - 1));
  const y = (fen: number) => height - pad - (fen / max) * (height - 2 * pad);
  const line = (value: (point: DayPoint) => number) => points.map((point, index) => `${x(index).toFixed(1)},${y(value(point)).toFixed(1)}`).join(' ');
  return (
    <figure class="cost-chart" data-testid="cost-chart">
      <figcaption>
        {t('costPerParcel')}: <span class="consolidated">━ {t('consolidated')}</span> <span class="baseline">┅ {t('baseline')}</span>
      </figcaption>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img">
        <line x1={pad} y1={height - pad} x2={width - pad} y2={height - pad} stroke="#999" />
        <text x={4} y={y(max / 1.1) + 4} font-size="11">
          {yuan(Math.round(max / 1.1))}
        </text>
        <polyline class="baseline-line" points={line((point) => point.baselineFen)} fill="none" stroke="#c0392b" stroke-width="2" stroke-dasharray="5 4" />
        <polyline class="consolidated-line" points={line((point) => point.consolidatedFen)} fill="none" stroke="#1f6fb2" stroke-width="2.5" />
        {points.map((point, index) => (
          <g>
            <circle cx={x(index)} cy={y(point.consolidatedFen)} r="3" fill="#1f6fb2" class="day-point" data-date={point.date} />
            <text x={x(index)} y={height - pad + 14} font-size="10" text-anchor="middle">
              {point.date.slice(5)}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
