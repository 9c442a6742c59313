import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { FeatureCollection, Geometry } from 'geojson';
import { api, ApiProblem, SessionInfo } from './api';
import { CountyMap } from './county-map';
import { FieldError } from './field-error';
import type { Translate } from './i18n';
import type { NodeItem } from './plan-types';

interface AttentionShipment {
  id: string;
  platformShipmentId: string;
  status: string;
  attentionReason: string | null;
  destination: { villageCode?: string; coordinate?: [number, number]; address?: { county?: string; township?: string; village?: string; detail?: string } };
  contact: { name: string };
  parcelCount: number;
}

interface Props {
  t: Translate;
  session: SessionInfo;
  network: FeatureCollection<Geometry, Record<string, unknown>> | null;
  nodes: Map<string, NodeItem>;
}

const describeDestination = (destination: AttentionShipment['destination']) =>
  [
    destination.address && [destination.address.county, destination.address.township, destination.address.village, destination.address.detail].filter(Boolean).join(' '),
    destination.villageCode,
    destination.coordinate?.map((value) => value.toFixed(4)).join(', '),
  ]
    .filter(Boolean)
    .join(' · ');

/**
 * The needs-attention queue: shipments whose destination matched no village point. The operator
 * picks the village by searching its name or code, or by clicking it on the map, and settles it.
 */
export function AttentionPage({ t, session, network, nodes }: Props) {
  const base = `/v1/counties/${session.county.id}`;
  const canWrite = session.user.role !== 'viewer';
  const [items, setItems] = useState<AttentionShipment[] | null>(null);
  const [selected, setSelected] = useState<AttentionShipment | null>(null);
  const [query, setQuery] = useState('');
  const [village, setVillage] = useState<NodeItem | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const page = await api<{ items: AttentionShipment[] }>('GET', `${base}/shipments/needs-attention?limit=500`);
    setItems(page.items);
  }, [base]);

  useEffect(() => {
    load().catch((error: unknown) => setProblem(error instanceof ApiProblem ? error : null));
  }, [load]);

  const villages = useMemo(() => [...nodes.values()].filter((node) => node.tier === 'village_point'), [nodes]);
  const byCode = useMemo(() => new Map(villages.map((node) => [node.code, node])), [villages]);
  const matches = useMemo(() => {
    const wanted = query.trim().toLowerCase();
    return wanted === '' ? [] : villages.filter((node) => node.name.toLowerCase().includes(wanted) || node.code.includes(wanted)).slice(0, 12);
  }, [query, villages]);

  const resolve = async () => {
    if (!selected) return;
    setBusy(true);
    try {
      await api('POST', `${base}/shipments/${selected.id}/destination`, { villageNodeId: village?.id ?? '' });
      setSelected(null);
      setVillage(null);
      setQuery('');
      setProblem(null);
      await load();
    } catch (error) {
      if (error instanceof ApiProblem) setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="today">
      <section class="side">
        <h2>
          {t('needsAttention')} ({items?.length ?? '…'})
        </h2>
        {problem && problem.errors.length === 0 && <p class="problem">{problem.detail}</p>}
        <table class="routes" data-testid="attention">
          <tbody>
            {items?.map((item) => (
              <tr
                class={item.id === selected?.id ? 'selected' : ''}
                data-shipment-id={item.id}
                onClick={() => {
                  setSelected(item);
                  setProblem(null);
                }}
              >
                <td>{item.platformShipmentId}</td>
                <td>{describeDestination(item.destination)}</td>
                <td>
                  <code>{item.attentionReason}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {selected && canWrite && (
          <div class="resolve" data-testid="resolve">
            <h3 data-testid="chosen-village" data-node-code={village?.code ?? ''}>
              {selected.platformShipmentId} → {village ? `${village.name} (${village.code})` : t('chooseVillage')}
            </h3>
            <label>
              {t('searchVillage')}
              <input name="village" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
              <FieldError problem={problem} field="villageNodeId" />
            </label>
            <ul class="matches">
              {matches.map((node) => (
                <li>
                  <button type="button" data-node-code={node.code} onClick={() => setVillage(node)}>
                    {node.name} ({node.code})
                  </button>
                </li>
              ))}
            </ul>
            <button data-testid="resolve-submit" disabled={busy} onClick={() => void resolve()}>
              {t('resolve')}
            </button>
          </div>
        )}
      </section>
      <section class="map-pane">
        <CountyMap
          network={network}
          nodes={nodes}
          routes={[]}
          selectedRouteId={null}
          onSelectRoute={() => undefined}
          onSelectNode={(code) => {
            // A station or the hub clicked: the village chosen so far stays.
            const node = byCode.get(code);
            if (node) setVillage(node);
          }}
          tileUrl={session.map.tileUrl}
          tileAttribution={session.map.tileAttribution}
        />
      </section>
    </div>
  );
}
