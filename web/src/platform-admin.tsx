import { useState } from 'preact/hooks';
import { SHIPMENT_EVENT_TYPES, ShipmentEventType } from '../../src/shipments/shipment-event-types';
import { api, ApiProblem } from './api';
import { FieldError } from './field-error';
import type { Translate } from './i18n';

/** POST …/platforms and …/rotate-secret answers: the secrets are in this answer only, never again. */
interface Credentials {
  id: string;
  name: string;
  webhookSecret: string;
  apiKey: string | null;
}

/**
 * An admin's platform actions: register one, rotate one's webhook secret (the previous secret keeps
 * verifying for 24 h). The new secret (and, at registration, the feed API key) is shown once, here.
 */
export function usePlatformAdmin(base: string, onChanged: () => Promise<void>) {
  const [shown, setShown] = useState<Credentials | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  /** True when the API took it; a refusal is kept for the form to show beside its field. */
  const run = async (call: () => Promise<Credentials>): Promise<boolean> => {
    try {
      setShown(await call());
      setProblem(null);
      await onChanged();
      return true;
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
      return false;
    }
  };
  return {
    shown,
    problem,
    register: (name: string) => run(() => api<Credentials>('POST', `${base}/platforms`, { name })),
    rotate: (platformId: string) => run(() => api<Credentials>('POST', `${base}/platforms/${platformId}/rotate-secret`, {})),
  };
}

export function RegisterPlatformForm({ t, problem, onRegister }: { t: Translate; problem: ApiProblem | null; onRegister: (name: string) => Promise<boolean> }) {
  const [name, setName] = useState('');
  return (
    <form
      class="account-form"
      data-testid="platform-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onRegister(name).then((taken) => taken && setName(''));
      }}
    >
      <label>
        {t('platformName')}
        <input name="name" value={name} onInput={(event) => setName(event.currentTarget.value)} autoComplete="off" />
        <FieldError problem={problem} field="name" />
      </label>
      {problem && problem.errors.length === 0 && <p class="problem">{problem.detail}</p>}
      <button type="submit">{t('registerPlatform')}</button>
    </form>
  );
}

export function ShownOnce({ t, credentials }: { t: Translate; credentials: Credentials }) {
  return (
    <div class="problem" data-testid="new-secret" data-platform-id={credentials.id}>
      <p>
        {credentials.name}: {t('shownOnce')}
      </p>
      <p>
        {t('webhookSecret')}: <code data-testid="webhook-secret">{credentials.webhookSecret}</code>
      </p>
      {credentials.apiKey && (
        <p>
          {t('feedApiKey')}: <code data-testid="api-key">{credentials.apiKey}</code>
        </p>
      )}
    </div>
  );
}

/** An admin subscribes a platform's URL to event types; the API's reasons show beside the URL and the types. */
export function SubscribeForm({
  t,
  base,
  platforms,
  onSubscribed,
}: {
  t: Translate;
  base: string;
  platforms: Array<{ id: string; name: string }>;
  onSubscribed: () => Promise<void>;
}) {
  const [platformId, setPlatformId] = useState('');
  const [url, setUrl] = useState('');
  const [eventTypes, setEventTypes] = useState<ShipmentEventType[]>(['shipment.status_changed']);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const chosen = platformId || platforms[0]?.id || '';
  const toggle = (type: ShipmentEventType) => setEventTypes((previous) => (previous.includes(type) ? previous.filter((other) => other !== type) : [...previous, type]));
  const subscribe = async () => {
    try {
      await api('POST', `${base}/platforms/${chosen}/subscriptions`, { url: url.trim(), eventTypes });
      setUrl('');
      setProblem(null);
      await onSubscribed();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    }
  };
  if (platforms.length === 0) return null;
  return (
    <form
      class="account-form"
      data-testid="subscribe-form"
      onSubmit={(event) => {
        event.preventDefault();
        void subscribe();
      }}
    >
      <label>
        {t('platforms')}
        <select name="platformId" value={chosen} onChange={(event) => setPlatformId(event.currentTarget.value)}>
          {platforms.map((platform) => (
            <option value={platform.id}>{platform.name}</option>
          ))}
        </select>
      </label>
      <label>
        {t('subscriptionUrl')}
        <input name="url" value={url} onInput={(event) => setUrl(event.currentTarget.value)} autoComplete="off" />
        <FieldError problem={problem} field="url" />
      </label>
      <fieldset>
        {SHIPMENT_EVENT_TYPES.map((type) => (
          <label>
            <input type="checkbox" name={`eventType-${type}`} checked={eventTypes.includes(type)} onChange={() => toggle(type)} />
            <code>{type}</code>
          </label>
        ))}
        <FieldError problem={problem} field="eventTypes" />
      </fieldset>
      {problem && problem.errors.length === 0 && <p class="problem">{problem.detail}</p>}
      <button type="submit">{t('subscribe')}</button>
    </form>
  );
}
