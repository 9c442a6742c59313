import { useMemo, useState } from 'preact/hooks';
import { CALENDAR_RULES, CalendarRule, ServiceCalendar, WEEKDAY_NAMES, WeekdayName } from '../../src/network/service-calendar';
import { api, ApiProblem, SessionInfo } from './api';
import { FieldError } from './field-error';
import type { MessageKey, Translate } from './i18n';
import type { NodeItem } from './plan-types';
import { RoadImport } from './road-import';
import { VillageHistory } from './village-history';

/** GET/PUT …/nodes/{id}/service-calendar answers (src/network/service-calendar.response.ts). */
interface CalendarView {
  node: { id: string; code: string; name: string };
  own: ServiceCalendar | null;
  station: { id: string; code: string; name: string } | null;
  stationCalendar: ServiceCalendar | null;
  ruleFrom: 'own' | 'station' | 'daily';
  upcomingServiceDays: string[];
}

interface Draft {
  rule: CalendarRule;
  weekdays: WeekdayName[];
  everyNDays: string;
  anchorDate: string;
}

const draftOf = (calendar: ServiceCalendar | null): Draft => ({
  rule: calendar?.rule ?? 'weekdays',
  weekdays: calendar?.weekdays ?? [],
  everyNDays: calendar?.everyNDays === undefined ? '' : String(calendar.everyNDays),
  anchorDate: calendar?.anchorDate ?? '',
});

/** The PUT body: only the fields of the chosen rule, the calendar's exceptions kept as they are. The API checks everything. */
const bodyOf = (draft: Draft, exceptions: ServiceCalendar['exceptions']) => ({
  rule: draft.rule,
  ...(draft.rule === 'weekdays' ? { weekdays: draft.weekdays } : {}),
  ...(draft.rule === 'every_n_days' ? { everyNDays: draft.everyNDays.trim() === '' ? null : Number(draft.everyNDays), anchorDate: draft.anchorDate } : {}),
  exceptions,
});

/** One line for a calendar: 每天 / 周一、周三 / 每 3 天 (起 2026-11-30), or who it follows. */
function describe(t: Translate, calendar: ServiceCalendar | null | undefined): string {
  if (!calendar) return t('followsStation');
  if (calendar.rule === 'daily') return t('rule_daily');
  if (calendar.rule === 'weekdays') return (calendar.weekdays ?? []).map((day) => t(`weekday_${day}` as MessageKey)).join(' ');
  return `${t('rule_every_n_days')} ${calendar.everyNDays} · ${calendar.anchorDate}`;
}

/**
 * The network's villages with their service calendars: pick one to see the calendar in force, its
 * next service days and its last 30 days, and set its own calendar (the API's refusal beside the
 * field) or remove it. Above them, a road network import with the worker's progress.
 */
export function NetworkPage({ t, session, nodes }: { t: Translate; session: SessionInfo; nodes: Map<string, NodeItem> }) {
  const canWrite = session.user.role !== 'viewer';
  const [filter, setFilter] = useState('');
  const [edited, setEdited] = useState<Map<string, ServiceCalendar | null>>(new Map());
  const [view, setView] = useState<CalendarView | null>(null);
  const [draft, setDraft] = useState<Draft>(draftOf(null));
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  const villages = useMemo(() => {
    const wanted = filter.trim().toLowerCase();
    return [...nodes.values()].filter((node) => node.tier === 'village_point' && (wanted === '' || node.name.toLowerCase().includes(wanted) || node.code.includes(wanted)));
  }, [nodes, filter]);
  const calendarPath = (nodeId: string) => `/v1/counties/${session.county.id}/nodes/${nodeId}/service-calendar`;

  const show = (answer: CalendarView) => {
    setView(answer);
    setDraft(draftOf(answer.own));
    setEdited((previous) => new Map(previous).set(answer.node.id, answer.own));
    setProblem(null);
  };
  const call = async (method: 'GET' | 'PUT' | 'DELETE', nodeId: string, body?: unknown) => {
    try {
      show(await api<CalendarView>(method, calendarPath(nodeId), body));
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    }
  };
  // Functional updates: Preact renders later, and a second field's event must not undo the first's.
  const update = (patch: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...patch }));
  const toggleWeekday = (day: WeekdayName) =>
    setDraft((previous) => ({ ...previous, weekdays: previous.weekdays.includes(day) ? previous.weekdays.filter((other) => other !== day) : [...previous.weekdays, day] }));

  return (
    <div class="today">
      <section class="side">
        <RoadImport t={t} countyId={session.county.id} canWrite={canWrite} />
        <h2>
          {t('network')} ({villages.length})
        </h2>
        <label>
          {t('searchVillage')}
          <input name="village-filter" value={filter} onInput={(event) => setFilter(event.currentTarget.value)} />
        </label>
        <table class="routes" data-testid="villages">
          <tbody>
            {villages.slice(0, 200).map((node) => (
              <tr class={node.id === view?.node.id ? 'selected' : ''} data-node-code={node.code} onClick={() => void call('GET', node.id)}>
                <td>{node.name}</td>
                <td>{node.code}</td>
                <td>{describe(t, edited.has(node.id) ? edited.get(node.id) : node.serviceCalendar)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {view && (
        <section class="side" data-testid="calendar">
          <h3>
            {view.node.name} ({view.node.code})
          </h3>
          <p data-testid="rule-from">
            {t(`ruleFrom_${view.ruleFrom}`)}
            {view.station && ` · ${view.station.name}: ${describe(t, view.stationCalendar)}`}
          </p>
          <p>
            {t('upcomingServiceDays')}: <span data-testid="upcoming">{view.upcomingServiceDays.join(' ')}</span>
          </p>
          {canWrite && (
            <form
              data-testid="calendar-form"
              onSubmit={(event) => {
                event.preventDefault();
                void call('PUT', view.node.id, bodyOf(draft, view.own?.exceptions ?? []));
              }}
            >
              <label>
                {t('rule')}
                <select name="rule" value={draft.rule} onInput={(event) => update({ rule: event.currentTarget.value as CalendarRule })}>
                  {CALENDAR_RULES.map((rule) => (
                    <option value={rule}>{t(`rule_${rule}`)}</option>
                  ))}
                </select>
                <FieldError problem={problem} field="rule" />
              </label>
              {draft.rule === 'weekdays' && (
                <fieldset>
                  {WEEKDAY_NAMES.map((day) => (
                    <label>
                      <input type="checkbox" name={`weekday-${day}`} checked={draft.weekdays.includes(day)} onChange={() => toggleWeekday(day)} />
                      {t(`weekday_${day}`)}
                    </label>
                  ))}
                  <FieldError problem={problem} field="weekdays" />
                </fieldset>
              )}
              {draft.rule === 'every_n_days' && (
                <>
                  <label>
                    {t('everyNDays')}
                    <input type="number" name="everyNDays" value={draft.everyNDays} onInput={(event) => update({ everyNDays: event.currentTarget.value })} />
                    <FieldError problem={problem} field="everyNDays" />
                  </label>
                  <label>
                    {t('anchorDate')}
                    <input type="date" name="anchorDate" value={draft.anchorDate} onInput={(event) => update({ anchorDate: event.currentTarget.value })} />
                    <FieldError problem={problem} field="anchorDate" />
                  </label>
                </>
              )}
              {problem && problem.errors.length === 0 && <p class="problem">{problem.detail}</p>}
              <button type="submit">{t('save')}</button>
              {view.own && (
                <button type="button" data-testid="calendar-remove" onClick={() => void call('DELETE', view.node.id)}>
                  {t('removeOwnCalendar')}
                </button>
              )}
            </form>
          )}
          <VillageHistory t={t} countyId={session.county.id} nodeId={view.node.id} />
        </section>
      )}
    </div>
  );
}
