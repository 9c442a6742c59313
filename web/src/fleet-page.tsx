import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiProblem, SessionInfo } from './api';
import { DriverAccess } from './driver-access';
import { FieldError } from './field-error';
import { OperatorActions } from './operator-actions';
import { Translate, yuan } from './i18n';

interface Vehicle {
  id: string;
  code: string;
  vehicleClass: string;
  capacityWeightG: number;
  capacityParcels: number;
  fixedCostFen: number;
  costPerKmFen: number;
  costPerHourFen: number;
  shiftStart: string;
  shiftEnd: string;
  active: boolean;
}

interface Driver {
  id: string;
  name: string;
  phone: string;
  vehicleId: string | null;
  active: boolean;
}

interface Account {
  id: string;
  username: string;
  displayName: string;
  role: string;
  disabledAt: string | null;
}

/** Vehicles with their costs, drivers, and (for an admin) the console's accounts with a form to add one, and who changed what. */
export function FleetPage({ t, session }: { t: Translate; session: SessionInfo }) {
  const base = `/v1/counties/${session.county.id}`;
  const isAdmin = session.user.role === 'admin';
  const [vehicles, setVehicles] = useState<Vehicle[]>([]);
  const [drivers, setDrivers] = useState<Driver[]>([]);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [selectedDriver, setSelectedDriver] = useState<Driver | null>(null);

  const loadAccounts = useCallback(async () => {
    if (isAdmin) setAccounts(await api<Account[]>('GET', `${base}/users`));
  }, [base, isAdmin]);

  useEffect(() => {
    Promise.all([api<Vehicle[]>('GET', `${base}/vehicles`), api<Driver[]>('GET', `${base}/drivers`), loadAccounts()])
      .then(([vehicleList, driverList]) => {
        setVehicles(vehicleList);
        setDrivers(driverList);
      })
      .catch((error: unknown) => setProblem(error instanceof ApiProblem ? error : null));
  }, [base, loadAccounts]);

  const vehicleCode = new Map(vehicles.map((vehicle) => [vehicle.id, vehicle.code]));
  return (
    <div class="plans-page fleet-page">
      {problem && <p class="problem">{problem.detail}</p>}
      <h2>
        {t('vehicles')} ({vehicles.length})
      </h2>
      <table class="plans" data-testid="vehicles">
        <thead>
          <tr>
            <th>{t('code')}</th>
            <th>{t('vehicleClass')}</th>
            <th>{t('capacity')}</th>
            <th>{t('fixedCost')}</th>
            <th>{t('perKm')}</th>
            <th>{t('perHour')}</th>
            <th>{t('shift')}</th>
          </tr>
        </thead>
        <tbody>
          {vehicles.map((vehicle) => (
            <tr class={vehicle.active ? '' : 'inactive'}>
              <td>{vehicle.code}</td>
              <td>{vehicle.vehicleClass}</td>
              <td>
                {(vehicle.capacityWeightG / 1000).toFixed(0)} kg · {vehicle.capacityParcels}
              </td>
              <td>{yuan(vehicle.fixedCostFen)}</td>
              <td>{yuan(vehicle.costPerKmFen)}</td>
              <td>{yuan(vehicle.costPerHourFen)}</td>
              <td>
                {vehicle.shiftStart}–{vehicle.shiftEnd}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>
        {t('drivers')} ({drivers.length})
      </h2>
      <table class="plans" data-testid="drivers">
        <tbody>
          {drivers.map((driver) => (
            <tr
              class={`${driver.active ? '' : 'inactive'} ${driver.id === selectedDriver?.id ? 'selected' : ''}`}
              data-driver-id={driver.id}
              onClick={() => setSelectedDriver(driver)}
            >
              <td>{driver.name}</td>
              <td>{driver.phone}</td>
              <td>{driver.vehicleId ? vehicleCode.get(driver.vehicleId) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selectedDriver && (
        <>
          <h3>
            {selectedDriver.name} · {t('appAccess')}
          </h3>
          <DriverAccess t={t} driverPath={`${base}/drivers/${selectedDriver.id}`} canWrite={session.user.role !== 'viewer'} />
        </>
      )}
      {isAdmin && <Accounts t={t} base={base} accounts={accounts} onCreated={() => void loadAccounts()} />}
      {isAdmin && (
        <OperatorActions
          t={t}
          base={base}
          timeZone={session.county.timeZone}
          names={new Map(accounts.map((account) => [account.id, `${account.displayName} (${account.username})`]))}
        />
      )}
    </div>
  );
}

function Accounts({ t, base, accounts, onCreated }: { t: Translate; base: string; accounts: Account[]; onCreated: () => void }) {
  const empty = { username: '', displayName: '', role: 'dispatcher', password: '' };
  const [form, setForm] = useState(empty);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const field = (name: keyof typeof empty) => ({
    name,
    value: form[name],
    onInput: (event: Event) => setForm({ ...form, [name]: (event.currentTarget as HTMLInputElement).value }),
  });

  const create = async (event: Event) => {
    event.preventDefault();
    try {
      await api('POST', `${base}/users`, form);
      setForm(empty);
      setProblem(null);
      onCreated();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    }
  };

  return (
    <>
      <h2>
        {t('accounts')} ({accounts.length})
      </h2>
      <table class="plans" data-testid="accounts">
        <tbody>
          {accounts.map((account) => (
            <tr class={account.disabledAt ? 'inactive' : ''}>
              <td>{account.username}</td>
              <td>{account.displayName}</td>
              <td>{account.role}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form class="account-form" onSubmit={(event) => void create(event)} data-testid="account-form">
        <label>
          {t('username')}
          <input {...field('username')} autoComplete="off" />
          <FieldError problem={problem} field="username" />
        </label>
        <label>
          {t('displayName')}
          <input {...field('displayName')} />
          <FieldError problem={problem} field="displayName" />
        </label>
        <label>
          {t('role')}
          <select {...field('role')} onChange={(event) => setForm({ ...form, role: event.currentTarget.value })}>
            <option value="admin">admin</option>
            <option value="dispatcher">dispatcher</option>
            <option value="viewer">viewer</option>
          </select>
          <FieldError problem={problem} field="role" />
        </label>
        <label>
          {t('password')}
          <input {...field('password')} type="password" autoComplete="new-password" />
          <FieldError problem={problem} field="password" />
        </label>
        {problem && problem.errors.length === 0 && <p class="problem">{problem.detail}</p>}
        <button type="submit">{t('addAccount')}</button>
      </form>
    </>
  );
}
