import { useCallback, useEffect, useState } from 'preact/hooks';
import type { FeatureCollection, Geometry } from 'geojson';
import { api, ApiProblem, SessionInfo } from './api';
import { CountyMap, routeColour } from './county-map';
import { FieldError } from './field-error';
import { clockTime, km, percent, Translate, yuan } from './i18n';
import type { DeferredShipment, NodeItem, PlanDetail, PlanRoute, PlanSummary } from './plan-types';

interface Props {
  t: Translate;
  session: SessionInfo;
  network: FeatureCollection<Geometry, Record<string, unknown>> | null;
  nodes: Map<string, NodeItem>;
}

/** A plan still being computed is read again this often: its status comes from the job, not a guess. */
const POLL_MS = 2000;

export const localToday = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The day's plan for a date and wave: its routes on the map, its figures, what it left out, and the dispatcher's actions. */
export function TodayPage({ t, session, network, nodes }: Props) {
  const base = `/v1/counties/${session.county.id}`;
  const canWrite = session.user.role !== 'viewer';
  const [serviceDate, setServiceDate] = useState(() => new URLSearchParams(location.hash.split('?')[1] ?? '').get('date') ?? localToday(session.county.timeZone));
  const [wave, setWave] = useState(1);
  const [plan, setPlan] = useState<PlanDetail | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [deferred, setDeferred] = useState<DeferredShipment[]>([]);
  const [selectedRouteId, setSelectedRouteId] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      const plans = await api<PlanSummary[]>('GET', `${base}/plans?serviceDate=${encodeURIComponent(serviceDate)}`);
      const latest = plans.filter((candidate) => candidate.wave === wave).sort((a, b) => b.version - a.version)[0];
      const detail = latest ? await api<PlanDetail>('GET', `${base}/plans/${latest.id}`) : null;
      setPlan(detail);
      setDeferred(detail?.status === 'computed' ? (await api<{ items: DeferredShipment[] }>('GET', `${base}/plans/${detail.id}/deferred`)).items : []);
      setProblem(null);
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    } finally {
      setLoaded(true);
    }
  }, [base, serviceDate, wave]);

  useEffect(() => {
    setLoaded(false);
    setSelectedRouteId(null);
    void load();
  }, [load]);

  useEffect(() => {
    if (plan?.status !== 'queued' && plan?.status !== 'running') return;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [plan, load]);

  const act = async (method: string, path: string, body: unknown) => {
    setBusy(true);
    try {
      await api(method, path, body);
      setProblem(null);
      await load();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const selectedRoute = plan?.routes.find((route) => route.id === selectedRouteId) ?? null;
  const figures = plan?.figures;

  return (
    <div class="today">
      <section class="side">
        <form class="plan-picker" onSubmit={(event) => event.preventDefault()}>
          <label>
            {t('serviceDate')}
            <input type="date" name="serviceDate" value={serviceDate} onInput={(event) => setServiceDate(event.currentTarget.value)} />
            <FieldError problem={problem} field="serviceDate" />
          </label>
          <label>
            {t('wave')}
            <select name="wave" value={wave} onChange={(event) => setWave(Number(event.currentTarget.value))}>
              {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((number) => (
                <option value={number}>{number}</option>
              ))}
            </select>
            <FieldError problem={problem} field="wave" />
          </label>
        </form>
        {problem && problem.errors.length === 0 && (
          <p class="problem" role="alert" data-testid="problem">
            {problem.detail}
          </p>
        )}
        {!loaded && <p>{t('loading')}</p>}
        {loaded && !plan && (
          <div class="no-plan">
            <p>{t('noPlan')}</p>
            {canWrite && (
              <button disabled={busy} onClick={() => void act('POST', `${base}/plans`, { serviceDate, wave })}>
                {t('requestPlan')}
              </button>
            )}
          </div>
        )}
        {plan && (
          <div class="plan" data-testid="plan" data-plan-id={plan.id} data-lifecycle={plan.lifecycle} data-status={plan.status}>
            <h2>
              {plan.serviceDate} · {t('wave')} {plan.wave} · {t('version')} {plan.version}
            </h2>
            <p class="plan-state">
              {t('status')}:{' '}
              <b data-testid="plan-status">{plan.status === 'computed' ? t(plan.lifecycle === 'published' ? 'published' : 'draft') : `${t('computing')} (${plan.status})`}</b>
              {plan.error && <span class="problem"> {plan.error}</span>}
            </p>
            {plan.jobProgress && (
              <p class="job-progress" data-testid="job-progress">
                <progress max={100} value={plan.jobProgress.percent} /> {plan.jobProgress.percent}% · {plan.jobProgress.stage}
              </p>
            )}
            {canWrite && (
              <div class="actions">
                <button
                  data-testid="publish"
                  disabled={busy || plan.status !== 'computed' || plan.lifecycle !== 'draft'}
                  onClick={() => void act('POST', `${base}/plans/${plan.id}/publish`, { expectedRevision: plan.revision })}
                >
                  {t('publish')}
                </button>
                <button
                  disabled={busy || (plan.status !== 'computed' && plan.status !== 'failed')}
                  onClick={() => void act('POST', `${base}/plans`, { serviceDate, wave, replan: true })}
                >
                  {t('replan')}
                </button>
              </div>
            )}
            {figures && (
              <table class="figures" data-testid="figures">
                <caption>{t('figures')}</caption>
                <tbody>
                  <tr>
                    <th>{t('costPerParcel')}</th>
                    <td>{yuan(figures.consolidated.total.costPerParcelFen)}</td>
                  </tr>
                  <tr>
                    <th>{t('saving')}</th>
                    <td>{figures.savingPercent === null ? '—' : `${figures.savingPercent.toFixed(1)}%`}</td>
                  </tr>
                  <tr>
                    <th>{t('loadFactor')}</th>
                    <td>
                      {t('weight')} {percent(figures.consolidated.total.loadFactor?.weight)} · {t('parcels')} {percent(figures.consolidated.total.loadFactor?.parcels)}
                    </td>
                  </tr>
                  <tr>
                    <th>{t('distance')}</th>
                    <td>
                      {km(figures.consolidated.total.distanceM)} ({t('trunk')} {km(figures.consolidated.tiers.trunk.distanceM)}, {t('lastMile')}{' '}
                      {km(figures.consolidated.tiers.lastMile.distanceM)})
                    </td>
                  </tr>
                  <tr>
                    <th>{t('parcels')}</th>
                    <td>{figures.consolidated.total.parcels}</td>
                  </tr>
                </tbody>
              </table>
            )}
            {plan.status === 'computed' && (
              <p class="print">
                <a href={`${base}/plans/${plan.id}/manifests?format=pdf`} target="_blank" rel="noopener" data-testid="print-wave">
                  {t('printWave')}
                </a>{' '}
                ·{' '}
                <a href={`${base}/plans/${plan.id}/handover-sheets?format=pdf`} target="_blank" rel="noopener" data-testid="print-handover">
                  {t('handover')}
                </a>
              </p>
            )}
            <RouteList t={t} routes={plan.routes} selectedRouteId={selectedRouteId} onSelect={setSelectedRouteId} />
            {selectedRoute && (
              <RouteStops
                t={t}
                route={selectedRoute}
                nodes={nodes}
                manifestUrl={`${base}/plans/${plan.id}/routes/${selectedRoute.id}/manifest?format=pdf`}
                canWrite={canWrite}
                busy={busy}
                onLock={(locked) => void act('PATCH', `${base}/plans/${plan.id}/routes/${selectedRoute.id}`, { locked })}
                timeZone={session.county.timeZone}
              />
            )}
            <LeftOut t={t} plan={plan} deferred={deferred} nodes={nodes} />
          </div>
        )}
      </section>
      <section class="map-pane">
        <CountyMap
          network={network}
          nodes={nodes}
          routes={plan?.routes ?? []}
          selectedRouteId={selectedRouteId}
          onSelectRoute={setSelectedRouteId}
          tileUrl={session.map.tileUrl}
          tileAttribution={session.map.tileAttribution}
        />
        <p class="map-note">{t('mapNote')}</p>
      </section>
    </div>
  );
}

function RouteList({ t, routes, selectedRouteId, onSelect }: { t: Translate; routes: PlanRoute[]; selectedRouteId: string | null; onSelect: (id: string) => void }) {
  return (
    <table class="routes" data-testid="routes">
      <caption>
        {t('routes')} ({routes.length})
      </caption>
      <tbody>
        {routes.map((route) => (
          <tr class={route.id === selectedRouteId ? 'selected' : ''} onClick={() => onSelect(route.id)} data-route-id={route.id}>
            <td>
              <span class="swatch" style={{ background: routeColour(route.routeNumber) }} /> #{route.routeNumber}
            </td>
            <td>{route.echelon === 'trunk' ? t('trunk') : t('lastMile')}</td>
            <td>{route.stops.length}</td>
            <td>{km(route.distanceM)}</td>
            <td>{yuan(route.costFen)}</td>
            <td>{route.locked ? '🔒' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface RouteStopsProps {
  t: Translate;
  route: PlanRoute;
  nodes: Map<string, NodeItem>;
  manifestUrl: string;
  canWrite: boolean;
  busy: boolean;
  onLock: (locked: boolean) => void;
  timeZone: string;
}

function RouteStops({ t, route, nodes, manifestUrl, canWrite, busy, onLock, timeZone }: RouteStopsProps) {
  return (
    <div class="route-detail" data-testid="route-detail">
      <h3>
        #{route.routeNumber} {route.echelon === 'trunk' ? t('trunk') : t('lastMile')} · {t('stops')} {route.stops.length}
        {route.locked && ` · ${t('locked')}`}
      </h3>
      <p>
        <a href={manifestUrl} target="_blank" rel="noopener" data-testid="manifest-link">
          {t('manifest')}
        </a>
        {canWrite && (
          <button disabled={busy} onClick={() => onLock(!route.locked)}>
            {route.locked ? t('unlock') : t('lock')}
          </button>
        )}
      </p>
      <ol class="stops">
        {route.stops.map((stop) => (
          <li>
            {clockTime(stop.arrivalAt, timeZone)} {nodes.get(stop.nodeId)?.name ?? stop.nodeId} · ↓{stop.parcelsDelivered} ↑{stop.parcelsPickedUp}
          </li>
        ))}
      </ol>
    </div>
  );
}

function LeftOut({ t, plan, deferred, nodes }: { t: Translate; plan: PlanDetail; deferred: DeferredShipment[]; nodes: Map<string, NodeItem> }) {
  const village = (id: string) => nodes.get(id)?.name ?? id;
  return (
    <div class="left-out">
      <h3>
        {t('unassigned')} ({plan.unassigned.length})
      </h3>
      <ul data-testid="unassigned">
        {plan.unassigned.length === 0 && <li>{t('none')}</li>}
        {plan.unassigned.map((item) => (
          <li>
            {village(item.villageNodeId)} · {t('reason')}: <code>{item.reason}</code>
          </li>
        ))}
      </ul>
      <h3>
        {t('deferred')} ({deferred.length})
      </h3>
      <ul data-testid="deferred">
        {deferred.length === 0 && <li>{t('none')}</li>}
        {deferred.map((item) => (
          <li>
            {item.village?.name ?? '—'} · {item.parcels} · {t('reason')}: <code>{item.reason}</code> → {item.plannedFor}
          </li>
        ))}
      </ul>
      {plan.late.length > 0 && (
        <>
          <h3>
            {t('late')} ({plan.late.length})
          </h3>
          <ul>
            {plan.late.map((item) => (
              <li>
                {village(item.villageNodeId)} · <code>{item.reason}</code>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
