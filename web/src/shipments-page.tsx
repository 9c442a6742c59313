import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiProblem, SessionInfo } from './api';
import { FieldError } from './field-error';
import { SHIPMENT_STATUSES, ShipmentStatus } from '../../src/shipments/shipment-status';
import { statusLabel, Translate } from './i18n';
import type { NodeItem } from './plan-types';

interface FoundShipment {
  id: string;
  platformId: string;
  platformShipmentId: string;
  status: ShipmentStatus;
  contact: { name: string; phone: string };
  villageNodeId: string | null;
  needsAttention: boolean;
  parcelCount: number;
  createdAt: string;
}

interface Search {
  q: string;
  status: string;
  platformId: string;
  from: string;
  to: string;
}

const PAGE_SIZE = 50;
const EMPTY: Search = { q: '', status: '', platformId: '', from: '', to: '' };

/** GET …/shipments with the filled-in fields only; the API validates each and names the one it refuses. */
const searchPath = (countyId: string, search: Search, cursor: string | null) => {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  for (const [key, value] of Object.entries(search)) if (value.trim() !== '') params.set(key, value.trim());
  if (cursor) params.set('cursor', cursor);
  return `/v1/counties/${countyId}/shipments?${params.toString()}`;
};

/** Shipment search: by barcode, platform id, recipient or village, filtered by status, platform and creation date, page by page. */
export function ShipmentsPage({ t, session, nodes }: { t: Translate; session: SessionInfo; nodes: Map<string, NodeItem> }) {
  const [search, setSearch] = useState<Search>(EMPTY);
  const [platforms, setPlatforms] = useState<Array<{ id: string; name: string }>>([]);
  const [items, setItems] = useState<FoundShipment[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);

  // Answers can come back out of order: only the last search's answer (or refusal) is shown.
  const lastSearch = useRef(0);
  const run = async (cursor: string | null) => {
    const ticket = ++lastSearch.current;
    try {
      const page = await api<{ items: FoundShipment[]; nextCursor: string | null }>('GET', searchPath(session.county.id, search, cursor));
      if (ticket !== lastSearch.current) return;
      setItems((previous) => (cursor && previous ? [...previous, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setProblem(null);
    } catch (error) {
      if (ticket === lastSearch.current && error instanceof ApiProblem) setProblem(error);
    }
  };

  useEffect(() => {
    void api<Array<{ id: string; name: string }>>('GET', `/v1/counties/${session.county.id}/platforms`).then(setPlatforms);
    void run(null);
  }, [session.county.id]);

  const field = (name: keyof Search) => ({
    name,
    value: search[name],
    onInput: (event: Event) => {
      const value = (event.currentTarget as HTMLInputElement).value;
      // Functional update: Preact renders later, and a second field's event must not undo the first's.
      setSearch((previous) => ({ ...previous, [name]: value }));
    },
  });
  const platformName = new Map(platforms.map((platform) => [platform.id, platform.name]));

  return (
    <div class="plans-page">
      <form
        class="plan-picker"
        data-testid="shipment-search"
        onSubmit={(event) => {
          event.preventDefault();
          void run(null);
        }}
      >
        <label>
          {t('searchShipments')}
          <input type="search" {...field('q')} />
          <FieldError problem={problem} field="q" />
        </label>
        <label>
          {t('status')}
          <select {...field('status')}>
            <option value="">{t('all')}</option>
            {SHIPMENT_STATUSES.map((status) => (
              <option value={status}>{statusLabel(t, status)}</option>
            ))}
          </select>
          <FieldError problem={problem} field="status" />
        </label>
        <label>
          {t('carrier')}
          <select {...field('platformId')}>
            <option value="">{t('all')}</option>
            {platforms.map((platform) => (
              <option value={platform.id}>{platform.name}</option>
            ))}
          </select>
        </label>
        <label>
          {t('from')}
          <input type="date" {...field('from')} />
          <FieldError problem={problem} field="from" />
        </label>
        <label>
          {t('to')}
          <input type="date" {...field('to')} />
          <FieldError problem={problem} field="to" />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      {problem && problem.errors.length === 0 && <p class="problem">{problem.detail}</p>}
      <table class="plans" data-testid="shipments">
        <thead>
          <tr>
            <th>{t('platformShipmentId')}</th>
            <th>{t('carrier')}</th>
            <th>{t('recipient')}</th>
            <th>{t('village')}</th>
            <th>{t('parcels')}</th>
            <th>{t('status')}</th>
            <th>{t('createdAt')}</th>
          </tr>
        </thead>
        <tbody>
          {items?.map((item) => (
            <tr data-shipment-id={item.id}>
              <td>{item.platformShipmentId}</td>
              <td>{platformName.get(item.platformId) ?? item.platformId}</td>
              <td>
                {item.contact.name} · {item.contact.phone}
              </td>
              <td>{item.villageNodeId ? (nodes.get(item.villageNodeId)?.name ?? item.villageNodeId) : t('needsAttention')}</td>
              <td>{item.parcelCount}</td>
              <td>{statusLabel(t, item.status)}</td>
              <td>{new Intl.DateTimeFormat('zh-CN', { timeZone: session.county.timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(item.createdAt))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items?.length === 0 && <p>{t('noResults')}</p>}
      {nextCursor && (
        <button data-testid="more" onClick={() => void run(nextCursor)}>
          {t('more')}
        </button>
      )}
    </div>
  );
}
