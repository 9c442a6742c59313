import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { FeatureCollection, Geometry } from 'geojson';
import { api, ApiProblem, SessionInfo, setCsrfToken } from './api';
import { initialLanguage, Language, rememberLanguage, translator } from './i18n';
import type { NodeItem } from './plan-types';
import { AttentionPage } from './attention-page';
import { CarriersPage } from './carriers-page';
import { FleetPage } from './fleet-page';
import { HubPage } from './hub-page';
import { NetworkPage } from './network-page';
import { PlansPage } from './plans-page';
import { PlatformsPage } from './platforms-page';
import { RunsPage } from './runs-page';
import { ShipmentsPage } from './shipments-page';
import { SignIn } from './sign-in';
import { TodayPage } from './today-page';
import './console.css';

type Page = 'today' | 'plans' | 'runs' | 'shipments' | 'attention' | 'hub' | 'network' | 'fleet' | 'carriers' | 'platforms';
const PAGES: Page[] = ['plans', 'runs', 'shipments', 'attention', 'hub', 'network', 'fleet', 'carriers', 'platforms'];
const pageOf = (hash: string): Page => PAGES.find((page) => hash.startsWith(`#/${page}`)) ?? 'today';

/** Every node of the county, page by page (GET …/nodes pages at 1000). */
async function loadNodes(countyId: string): Promise<Map<string, NodeItem>> {
  const nodes = new Map<string, NodeItem>();
  let cursor: string | null = null;
  do {
    const page: { items: NodeItem[]; nextCursor: string | null } = await api(
      'GET',
      `/v1/counties/${countyId}/nodes?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const node of page.items) nodes.set(node.id, node);
    cursor = page.nextCursor;
  } while (cursor);
  return nodes;
}

function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const t = useMemo(() => translator(language), [language]);
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [page, setPage] = useState<Page>(pageOf(location.hash));
  const [network, setNetwork] = useState<FeatureCollection<Geometry, Record<string, unknown>> | null>(null);
  const [nodes, setNodes] = useState<Map<string, NodeItem>>(new Map());

  useEffect(() => {
    api<SessionInfo>('GET', '/v1/console/session')
      .then((found) => {
        setCsrfToken(found.csrfToken);
        setSession(found);
      })
      .catch(() => setSession(null));
    const onHash = () => setPage(pageOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!session) return;
    document.title = `${session.county.name} · ${t('title')}`;
    void api<FeatureCollection<Geometry, Record<string, unknown>>>('GET', `/v1/counties/${session.county.id}/network`).then(setNetwork);
    void loadNodes(session.county.id).then(setNodes);
  }, [session]);

  const switchLanguage = () => {
    const next = language === 'zh' ? 'en' : 'zh';
    rememberLanguage(next);
    setLanguage(next);
  };

  const signOut = async () => {
    await api('POST', '/v1/console/sign-out').catch((error: unknown) => {
      if (!(error instanceof ApiProblem) || error.status !== 401) throw error;
    });
    setCsrfToken(null);
    setSession(null);
    setNetwork(null);
  };

  if (session === undefined) return <p class="loading">{t('loading')}</p>;
  const languageButton = (
    <button class="language" onClick={switchLanguage} data-testid="language">
      {t('language')}
    </button>
  );
  if (session === null)
    return (
      <div class="signed-out">
        {languageButton}
        <SignIn t={t} onSignedIn={setSession} />
      </div>
    );
  return (
    <div class="shell">
      <header>
        <strong>
          {session.county.name} · {t('title')}
        </strong>
        <nav>
          <a href="#/today" class={page === 'today' ? 'active' : ''}>
            {t('today')}
          </a>
          <a href="#/plans" class={page === 'plans' ? 'active' : ''}>
            {t('plans')}
          </a>
          <a href="#/runs" class={page === 'runs' ? 'active' : ''}>
            {t('runs')}
          </a>
          <a href="#/shipments" class={page === 'shipments' ? 'active' : ''}>
            {t('shipments')}
          </a>
          <a href="#/attention" class={page === 'attention' ? 'active' : ''}>
            {t('needsAttention')}
          </a>
          <a href="#/hub" class={page === 'hub' ? 'active' : ''}>
            {t('hubScan')}
          </a>
          <a href="#/network" class={page === 'network' ? 'active' : ''}>
            {t('network')}
          </a>
          <a href="#/fleet" class={page === 'fleet' ? 'active' : ''}>
            {t('fleet')}
          </a>
          <a href="#/carriers" class={page === 'carriers' ? 'active' : ''}>
            {t('carriers')}
          </a>
          <a href="#/platforms" class={page === 'platforms' ? 'active' : ''}>
            {t('platforms')}
          </a>
        </nav>
        <span class="who" data-testid="who">
          {session.user.displayName} ({session.user.role})
        </span>
        {languageButton}
        <button onClick={() => void signOut()}>{t('signOut')}</button>
      </header>
      <main>
        {page === 'today' && <TodayPage t={t} session={session} network={network} nodes={nodes} />}
        {page === 'plans' && <PlansPage t={t} session={session} />}
        {page === 'runs' && <RunsPage t={t} session={session} />}
        {page === 'shipments' && <ShipmentsPage t={t} session={session} nodes={nodes} />}
        {page === 'attention' && <AttentionPage t={t} session={session} network={network} nodes={nodes} />}
        {page === 'hub' && <HubPage t={t} session={session} />}
        {page === 'network' && <NetworkPage t={t} session={session} nodes={nodes} />}
        {page === 'fleet' && <FleetPage t={t} session={session} />}
        {page === 'carriers' && <CarriersPage t={t} session={session} />}
        {page === 'platforms' && <PlatformsPage t={t} session={session} />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
