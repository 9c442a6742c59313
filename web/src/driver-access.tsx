import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from './api';
import { FieldError } from './field-error';
import type { Translate } from './i18n';

/** GET …/drivers/{id}/app-access (src/driver/auth/driver-access.responses.ts). */
interface AppAccess {
  pinSet: boolean;
  pinSetAt: string | null;
  locked: boolean;
  lockedUntil: string | null;
  enabled: boolean;
}

interface Device {
  id: string;
  clientDeviceId: string;
  name: string | null;
  platform: string | null;
  lastSeenAt: string | null;
  enabled: boolean;
  activeSessions: number;
}

/**
 * One driver's app access: whether a PIN is set (or locked out), a form to set it, a one-time code
 * sent to the driver's phone, and the phones that signed in, each of which can be disabled (lost,
 * replaced) or enabled again. Writes are for dispatchers and admins; the API refuses a viewer anyway.
 */
export function DriverAccess({ t, driverPath, canWrite }: { t: Translate; driverPath: string; canWrite: boolean }) {
  const [access, setAccess] = useState<AppAccess | null>(null);
  const [devices, setDevices] = useState<Device[]>([]);
  const [pin, setPin] = useState('');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const load = async () => {
    const [accessNow, deviceList] = await Promise.all([api<AppAccess>('GET', `${driverPath}/app-access`), api<Device[]>('GET', `${driverPath}/devices`)]);
    setAccess(accessNow);
    setDevices(deviceList);
  };
  /** Runs a write, then reads the driver's access again; a refusal shows beside its field. */
  const write = async (action: () => Promise<string>) => {
    try {
      setNotice(await action());
      setProblem(null);
      await load();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    }
  };

  useEffect(() => {
    setNotice('');
    setProblem(null);
    load().catch((error: unknown) => setProblem(error instanceof ApiProblem ? error : null));
  }, [driverPath]);

  if (!access) return null;
  return (
    <div class="driver-access" data-testid="driver-access">
      <p data-testid="pin-state">
        {access.pinSet ? `${t('pinSet')} ${access.pinSetAt?.slice(0, 10) ?? ''}` : t('noPin')}
        {access.locked && ` · ${t('lockedOut')}`}
        {!access.enabled && ` · ${t('appAccessOff')}`}
      </p>
      {canWrite && (
        <form
          data-testid="pin-form"
          onSubmit={(event) => {
            event.preventDefault();
            void write(async () => {
              await api('PUT', `${driverPath}/pin`, { pin });
              setPin('');
              return t('pinSaved');
            });
          }}
        >
          <label>
            {t('newPin')}
            <input name="pin" type="password" autoComplete="off" value={pin} onInput={(event) => setPin(event.currentTarget.value)} />
            <FieldError problem={problem} field="pin" />
          </label>
          <button type="submit">{t('setPin')}</button>
          <button
            type="button"
            data-testid="send-code"
            onClick={() =>
              void write(async () => {
                const sent = await api<{ expiresAt: string; sentTo: string }>('POST', `${driverPath}/sign-in-code`, {});
                return `${t('codeSent')} ${sent.sentTo} (${sent.expiresAt.slice(11, 16)} UTC)`;
              })
            }
          >
            {t('sendCode')}
          </button>
        </form>
      )}
      {notice && <p data-testid="notice">{notice}</p>}
      {problem && problem.errors.length === 0 && <p class="problem">{problem.detail}</p>}
      <table class="plans" data-testid="devices">
        <tbody>
          {devices.map((device) => (
            <tr class={device.enabled ? '' : 'inactive'} data-device-id={device.clientDeviceId} data-enabled={String(device.enabled)}>
              <td>{device.name ?? device.clientDeviceId}</td>
              <td>{device.platform ?? ''}</td>
              <td>{device.lastSeenAt?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
              <td>
                {device.activeSessions} {t('sessions')}
              </td>
              <td>
                {canWrite && (
                  <button onClick={() => void write(async () => (await api('PATCH', `${driverPath}/devices/${device.id}`, { enabled: !device.enabled }), ''))}>
                    {device.enabled ? t('disable') : t('enable')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {devices.length === 0 && <p>{t('noDevices')}</p>}
    </div>
  );
}
