import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from './api';
import type { MessageKey, Translate } from './i18n';

/** GET …/nodes/{id}/history (src/planning/village-history/village-history.response.ts). */
interface Counts {
  parcelsDelivered: number;
  shipmentsDelivered: number;
  parcelsPickedUp: number;
  visits: number;
  failedDeliveries: number;
}
interface History {
  from: string;
  to: string;
  daily: Array<Counts & { date: string }>;
  totals: Counts;
}

const COLUMNS: Array<[keyof Counts, MessageKey]> = [
  ['parcelsDelivered', 'parcelsDeliveredShort'],
  ['parcelsPickedUp', 'parcelsPickedUpShort'],
  ['visits', 'visits'],
  ['failedDeliveries', 'failedDeliveriesAtVillage'],
];

const isQuiet = (day: Counts) => day.parcelsDelivered + day.parcelsPickedUp + day.visits + day.failedDeliveries === 0;

/** A village's last 30 days: a bar a day (parcels delivered and collected, failed deliveries in red, a dot for each day visited), and the days with something, totalled. */
export function VillageHistory({ t, countyId, nodeId }: { t: Translate; countyId: string; nodeId: string }) {
  const [history, setHistory] = useState<History | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const url = `/v1/counties/${countyId}/nodes/${nodeId}/history?days=30`;

  useEffect(() => {
    setHistory(null);
    setProblem(null);
    api<History>('GET', url)
      .then(setHistory)
      .catch((error: unknown) => setProblem(error instanceof ApiProblem ? error.detail : String(error)));
  }, [url]);

  if (problem) return <p class="problem">{problem}</p>;
  if (!history) return <p>{t('loading')}</p>;
  const busy = history.daily.filter((day) => !isQuiet(day));
  return (
    <div class="village-history" data-testid="village-history" data-from={history.from} data-to={history.to}>
      <h4>
        {t('villageHistory')} ({history.from} – {history.to}) <a href={`${url}&format=csv`}>{t('downloadCsv')}</a>
      </h4>
      <HistoryBars days={history.daily} />
      <p class="history-legend">
        <span class="delivered">■ {t('parcelsDeliveredShort')}</span> <span class="collected">■ {t('parcelsPickedUpShort')}</span>{' '}
        <span class="failed">■ {t('failedDeliveriesAtVillage')}</span> <span class="visited">● {t('visits')}</span>
      </p>
      <table class="routes">
        <thead>
          <tr>
            <th>{t('historyDate')}</th>
            {COLUMNS.map(([, label]) => (
              <th>{t(label)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {busy.map((day) => (
            <tr data-date={day.date}>
              <td>{day.date}</td>
              {COLUMNS.map(([column]) => (
                <td data-column={column}>{day[column]}</td>
              ))}
            </tr>
          ))}
          <tr class="total" data-testid="history-total">
            <td>
              {t('historyTotal')}
              {busy.length < history.daily.length && <small> · {t('quietDays')}</small>}
            </td>
            {COLUMNS.map(([column]) => (
              <td data-column={column}>{history.totals[column]}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** One bar a day on the scale of the busiest day: delivered (green) under collected (orange), failed (red) on top; a blue dot under a visited day. */
function HistoryBars({ days }: { days: History['daily'] }) {
  const width = 360;
  const height = 90;
  const base = height - 14;
  const step = width / days.length;
  const max = Math.max(1, ...days.map((day) => day.parcelsDelivered + day.parcelsPickedUp + day.failedDeliveries));
  const scale = (count: number) => (count / max) * (base - 4);
  return (
    <svg class="history-bars" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img">
      <line x1={0} y1={base} x2={width} y2={base} stroke="#999" />
      {days.map((day, index) => {
        const x = index * step + 1;
        const barWidth = Math.max(1, step - 2);
        const delivered = scale(day.parcelsDelivered);
        const collected = scale(day.parcelsPickedUp);
        const failed = scale(day.failedDeliveries);
        return (
          <g class="history-day" data-date={day.date}>
            <title>{`${day.date}: ${day.parcelsDelivered} / ${day.parcelsPickedUp} / ${day.visits} / ${day.failedDeliveries}`}</title>
            <rect x={x} y={base - delivered} width={barWidth} height={delivered} fill="#41ab5d" />
            <rect x={x} y={base - delivered - collected} width={barWidth} height={collected} fill="#fd8d3c" />
            <rect x={x} y={base - delivered - collected - failed} width={barWidth} height={failed} fill="#d7301f" />
            {day.visits > 0 && <circle class="visit" cx={x + barWidth / 2} cy={base + 7} r={2.5} fill="#2171b5" />}
          </g>
        );
      })}
    </svg>
  );
}
