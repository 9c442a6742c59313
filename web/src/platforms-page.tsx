import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, SessionInfo } from './api';
import type { Translate } from './i18n';
import { RegisterPlatformForm, ShownOnce, SubscribeForm, usePlatformAdmin } from './platform-admin';

interface Platform {
  id: string;
  name: string;
  rotationInProgress: boolean;
}

interface Subscription {
  id: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  failingSince: string | null;
}

interface Delivery {
  id: string;
  eventId: string;
  subscriptionId: string;
  attemptCount: number;
  lastStatusCode: number | null;
}

/** The county's platforms with their subscriptions (URLs masked below admin), and failed deliveries to send again. */
export function PlatformsPage({ t, session }: { t: Translate; session: SessionInfo }) {
  const base = `/v1/counties/${session.county.id}`;
  const canWrite = session.user.role !== 'viewer';
  const isAdmin = session.user.role === 'admin';
  const [platforms, setPlatforms] = useState<Array<Platform & { subscriptions: Subscription[] }>>([]);
  const [failed, setFailed] = useState<Delivery[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const load = useCallback(async () => {
    const list = await api<Platform[]>('GET', `${base}/platforms`);
    setPlatforms(
      await Promise.all(list.map(async (platform) => ({ ...platform, subscriptions: await api<Subscription[]>('GET', `${base}/platforms/${platform.id}/subscriptions`) }))),
    );
    setFailed(await api<Delivery[]>('GET', `${base}/webhook-deliveries?status=failed`));
  }, [base]);

  const admin = usePlatformAdmin(base, load);

  useEffect(() => {
    load().catch((error: unknown) => setProblem(error instanceof ApiProblem ? error : null));
  }, [load]);

  const redeliver = async (deliveryId: string) => {
    try {
      await api('POST', `${base}/webhook-deliveries/${deliveryId}/redeliver`, {});
      await load();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    }
  };

  return (
    <div class="plans-page">
      {problem && <p class="problem">{problem.detail}</p>}
      <h2>
        {t('platforms')} ({platforms.length})
      </h2>
      {admin.shown && <ShownOnce t={t} credentials={admin.shown} />}
      <table class="plans" data-testid="platforms">
        <tbody>
          {platforms.map((platform) => (
            <tr data-platform-id={platform.id}>
              <td>{platform.name}</td>
              <td>
                {platform.rotationInProgress ? t('rotating') : ''}
                {isAdmin && (
                  <button data-testid="rotate-secret" onClick={() => void admin.rotate(platform.id)}>
                    {t('rotateSecret')}
                  </button>
                )}
              </td>
              <td>
                {platform.subscriptions.length === 0
                  ? t('noSubscriptions')
                  : platform.subscriptions.map((subscription) => (
                      <div class={subscription.active ? '' : 'inactive'}>
                        {subscription.url} · {subscription.eventTypes.join(', ')}
                        {subscription.failingSince && (
                          <span class="problem">
                            {' '}
                            · {t('failingSince')} {subscription.failingSince}
                          </span>
                        )}
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin && <RegisterPlatformForm t={t} problem={admin.problem} onRegister={admin.register} />}
      {isAdmin && <SubscribeForm t={t} base={base} platforms={platforms} onSubscribed={load} />}
      <h2>
        {t('failedDeliveries')} ({failed.length})
      </h2>
      <table class="plans" data-testid="failed-deliveries">
        <tbody>
          {failed.map((delivery) => (
            <tr>
              <td>{delivery.eventId}</td>
              <td>
                {delivery.attemptCount} · HTTP {delivery.lastStatusCode ?? '—'}
              </td>
              <td>{canWrite && <button onClick={() => void redeliver(delivery.id)}>{t('redeliver')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
