import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, SessionInfo } from './api';
import { clockTime, Translate } from './i18n';
import type { PlanSummary } from './plan-types';
import { localToday } from './today-page';

interface RouteProgress {
  routeId: string;
  routeNumber: number;
  status: string;
  delayS: number;
  lastPosition: { coordinates: [number, number]; at: string } | null;
  stops: number;
  stopsDone: number;
  stopsLate: number;
  stopsFailed: number;
  parcelsOnBoard: number;
  parcelsDelivered: number;
  parcelsFailed: number;
}

interface PlanProgress {
  planId: string;
  totals: { routes: number; stops: number; stopsDone: number; stopsLate: number; stopsFailed: number; parcelsDelivered: number; parcelsFailed: number };
  routes: RouteProgress[];
}

/**
 * The published plan's runs as the drivers report them, refreshed live: the API's event stream says
 * which routes had events stored (from any API process, through PostgreSQL NOTIFY), and the page reads
 * those runs' progress again. No page reload, no polling.
 */
export function RunsPage({ t, session }: { t: Translate; session: SessionInfo }) {
  const base = `/v1/counties/${session.county.id}`;
  const [serviceDate, setServiceDate] = useState(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('date') ?? localToday(session.county.timeZone));
  const [plans, setPlans] = useState<PlanSummary[]>([]);
  const [progress, setProgress] = useState<PlanProgress[]>([]);
  const [live, setLive] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const load = async (date: string) => {
    try {
      const all = await api<PlanSummary[]>('GET', `${base}/plans?serviceDate=${encodeURIComponent(date)}`);
      const running = all.filter((plan) => plan.lifecycle === 'published' || plan.lifecycle === 'completed');
      setPlans(running);
      setProgress(await Promise.all(running.map((plan) => api<PlanProgress>('GET', `${base}/plans/${plan.id}/progress`))));
      setProblem(null);
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    }
  };

  useEffect(() => {
    void load(serviceDate);
    const stream = new EventSource(`${base}/runs/updates`);
    stream.onopen = () => setLive(true);
    stream.onerror = () => setLive(false);
    stream.addEventListener('run-update', () => void load(serviceDate));
    return () => stream.close();
  }, [base, serviceDate]);

  return (
    <div class="runs-page">
      <form class="plan-picker" onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('serviceDate')}
          <input type="date" name="serviceDate" value={serviceDate} onInput={(event) => setServiceDate(event.currentTarget.value)} />
        </label>
        <span class={live ? 'live on' : 'live'} data-testid="live" data-live={String(live)}>
          ● {live ? t('live') : t('offline')}
        </span>
      </form>
      {problem && <p class="problem">{problem.detail}</p>}
      {plans.length === 0 && <p>{t('noPublishedPlan')}</p>}
      {progress.map((plan) => (
        <table class="plans runs" data-testid="runs" data-plan-id={plan.planId}>
          <caption>
            {t('wave')} {plans.find((candidate) => candidate.id === plan.planId)?.wave} · {t('stopsDone')} {plan.totals.stopsDone}/{plan.totals.stops} · {t('delivered')}{' '}
            {plan.totals.parcelsDelivered} · {t('failed')} {plan.totals.parcelsFailed}
          </caption>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('status')}</th>
              <th>{t('stopsDone')}</th>
              <th>{t('lateStops')}</th>
              <th>{t('failed')}</th>
              <th>{t('onBoard')}</th>
              <th>{t('delivered')}</th>
              <th>{t('lastPosition')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.routes.map((route) => (
              <tr data-route-id={route.routeId}>
                <td>{route.routeNumber}</td>
                <td data-testid="run-status">{route.status}</td>
                <td data-testid="stops-done">
                  {route.stopsDone}/{route.stops}
                </td>
                <td>{route.stopsLate}</td>
                <td>{route.stopsFailed}</td>
                <td>{route.parcelsOnBoard}</td>
                <td data-testid="delivered">{route.parcelsDelivered}</td>
                <td>
                  {route.lastPosition
                    ? `${clockTime(route.lastPosition.at, session.county.timeZone)} (${route.lastPosition.coordinates.map((value) => value.toFixed(4)).join(', ')})`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
