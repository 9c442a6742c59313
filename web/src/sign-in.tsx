import { useState } from 'preact/hooks';
import { api, ApiProblem, SessionInfo, setCsrfToken } from './api';
import type { Translate } from './i18n';
import { FieldError } from './field-error';

/** County code, username, password; the API's reason is shown beside the field it names. */
export function SignIn({ t, onSignedIn }: { t: Translate; onSignedIn: (session: SessionInfo) => void }) {
  const [county, setCounty] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const session = await api<SessionInfo>('POST', '/v1/console/sign-in', { county, username, password });
      setCsrfToken(session.csrfToken);
      onSignedIn(session);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error : new ApiProblem(0, String(error), []));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="sign-in" onSubmit={submit} data-testid="sign-in">
      <h1>{t('title')}</h1>
      <label>
        {t('county')}
        <input name="county" inputMode="numeric" autoComplete="organization" value={county} onInput={(event) => setCounty(event.currentTarget.value)} />
        <FieldError problem={problem} field="county" />
      </label>
      <label>
        {t('username')}
        <input name="username" autoComplete="username" value={username} onInput={(event) => setUsername(event.currentTarget.value)} />
        <FieldError problem={problem} field="username" />
      </label>
      <label>
        {t('password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onInput={(event) => setPassword(event.currentTarget.value)} />
        <FieldError problem={problem} field="password" />
      </label>
      {problem && problem.errors.length === 0 && (
        <p class="problem" role="alert">
          {problem.detail}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('signIn')}
      </button>
    </form>
  );
}
