import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, SessionInfo } from './api';
import { km, Translate, yuan } from './i18n';
import type { PlanSummary } from './plan-types';

interface WaveSchedule {
  waves: Array<{ wave: number; cutoff: string }>;
  autoPublish: boolean;
}

/** Every plan of the county (newest 200), by date and wave, with status and version; and the county's scheduled waves. */
export function PlansPage({ t, session }: { t: Translate; session: SessionInfo }) {
  const base = `/v1/counties/${session.county.id}`;
  const [plans, setPlans] = useState<PlanSummary[] | null>(null);
  const [schedule, setSchedule] = useState<WaveSchedule | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  useEffect(() => {
    Promise.all([api<PlanSummary[]>('GET', `${base}/plans`), api<WaveSchedule>('GET', `${base}/wave-schedule`)])
      .then(([list, waves]) => {
        setPlans(list);
        setSchedule(waves);
      })
      .catch((error: unknown) => setProblem(error instanceof ApiProblem ? error : null));
  }, [base]);

  if (problem) return <p class="problem">{problem.detail}</p>;
  if (!plans) return <p>{t('loading')}</p>;
  return (
    <div class="plans-page">
      <h2>{t('scheduledWaves')}</h2>
      <p data-testid="wave-schedule">
        {schedule && schedule.waves.length > 0 ? schedule.waves.map((wave) => `${t('wave')} ${wave.wave} · ${wave.cutoff}`).join('；') : t('noneScheduled')}
      </p>
      <table class="plans" data-testid="plans">
        <thead>
          <tr>
            <th>{t('serviceDate')}</th>
            <th>{t('wave')}</th>
            <th>{t('version')}</th>
            <th>{t('status')}</th>
            <th>{t('lifecycle')}</th>
            <th>{t('parcels')}</th>
            <th>{t('costPerParcel')}</th>
            <th>{t('distance')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => (
            <tr data-plan-id={plan.id}>
              <td>{plan.serviceDate}</td>
              <td>{plan.wave}</td>
              <td>{plan.version}</td>
              <td>{plan.status}</td>
              <td>{plan.lifecycle}</td>
              <td>{plan.parcels ?? '—'}</td>
              <td>{yuan(plan.costPerParcelFen)}</td>
              <td>{km(plan.totalDistanceM)}</td>
              <td>
                <a href={`#/today?date=${plan.serviceDate}`}>{t('open')}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
