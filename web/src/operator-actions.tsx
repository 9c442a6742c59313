import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from './api';
import type { Translate } from './i18n';

/** GET …/operator-actions (src/operators/operator-actions.controller.ts). */
interface OperatorAction {
  id: string;
  actor: string;
  userId: string | null;
  method: string;
  route: string;
  status: number;
  at: string;
}

/** Every change made by a console account or an operator key, newest first: who, what, the status it got (admins). */
export function OperatorActions({ t, base, timeZone, names }: { t: Translate; base: string; timeZone: string; names: Map<string, string> }) {
  const [actions, setActions] = useState<OperatorAction[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api<OperatorAction[]>('GET', `${base}/operator-actions?limit=50`).then(setActions, (error: unknown) =>
        setProblem(error instanceof ApiProblem ? error.detail : String(error)),
      ),
    [base],
  );
  useEffect(() => void load(), [load]);
  const when = new Intl.DateTimeFormat('zh-CN', { timeZone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return (
    <>
      <h2>
        {t('operatorActions')}{' '}
        <button onClick={() => void load()} data-testid="operator-actions-refresh">
          {t('refresh')}
        </button>
      </h2>
      {problem && <p class="problem">{problem}</p>}
      <table class="plans" data-testid="operator-actions">
        <tbody>
          {actions.map((action) => (
            <tr data-status={action.status} data-user-id={action.userId ?? ''}>
              <td>{when.format(new Date(action.at))}</td>
              <td>{action.userId ? (names.get(action.userId) ?? action.actor) : `${t('apiKey')} ${action.actor.slice(0, 8)}`}</td>
              <td>
                <code>
                  {action.method} {action.route.replace('/v1/counties/:countyId', '')}
                </code>
              </td>
              <td>{action.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
