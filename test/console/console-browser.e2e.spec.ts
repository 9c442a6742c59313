import { execFileSync } from 'child_process';
import { mkdirSync } from 'fs';
import * as path from 'path';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { randomUUID } from 'crypto';
import { DriverAccountsService } from '../../src/driver/auth/driver-accounts.service';
import { DriversService } from '../../src/fleet/drivers.service';
import { Clock } from '../../src/infra/clock/clock';
import { createCounty } from '../support/factories';
import { writeOsmPbf } from '../support/osm-pbf-writer';
import { FIXTURE_NODES, FIXTURE_WAYS, srtmTileOfPlane, zipped } from '../network/osm/osm-fixture';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../support/test-app';
import { launchChromium, waitForCounts, waitForText } from '../bench/console-browser';
import { createConsoleUser, plannedDemoCounty, PlannedDemoCounty } from '../bench/planned-demo-county';

const SERVICE_DATE = '2026-11-30';
const PASSWORD = 'console test password';
const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts', 'console');

/**
 * The console in a real Chromium against the real API, PostgreSQL and Redis, on the demo county
 * planned by a real worker: sign-in, the map's 420 nodes and the plan's routes, publishing, and what
 * a viewer and another county's user may not do. Screenshots go to test-artifacts/console/; the
 * README's docs/console.png is the Today page taken here when CONSOLE_SCREENSHOT=docs/console.png.
 */
describe('the console in a browser', () => {
  let api: TestApp;
  let demo: PlannedDemoCounty;
  let browser: Browser;
  let routesInPlan: { all: number; trunk: number };
  const otherCounty = { adminCode: '', id: '', authorization: '' };

  beforeAll(async () => {
    execFileSync('bash', ['scripts/build-web-if-stale.sh'], { stdio: 'inherit' });
    mkdirSync(ARTIFACTS, { recursive: true });
    const config = await createTestConfig();
    api = await startTestApp(config);
    demo = await plannedDemoCounty(api.app, SERVICE_DATE, () => startTestWorker(config));
    await createConsoleUser(api.app, demo.countyId, 'wang.li', 'dispatcher', PASSWORD);
    await createConsoleUser(api.app, demo.countyId, 'zhao.kan', 'viewer', PASSWORD);
    await createConsoleUser(api.app, demo.countyId, 'chen.admin', 'admin', PASSWORD);
    const other = await createCounty(api.app, { name: '邻县' });
    Object.assign(otherCounty, { adminCode: other.county.adminCode, id: other.county.id, authorization: other.authorization });
    await createConsoleUser(api.app, other.county.id, 'li.other', 'admin', PASSWORD);
    const plan = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/plans/${demo.planId}`).set('Authorization', `Bearer ${demo.apiKey}`).expect(200)).body;
    routesInPlan = { all: plan.routes.length, trunk: plan.routes.filter((route: { echelon: string }) => route.echelon === 'trunk').length };
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    if (!api) return;
    await api.close();
    await cleanupTestConfig(api.config);
  });

  async function signedIn(adminCode: string, username: string, baseUrl = api.baseUrl): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${baseUrl}/console/#/today?date=${SERVICE_DATE}`);
    await page.fill('input[name=county]', adminCode);
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=who]');
    return page;
  }

  it('shows the API reason beside the field, in Chinese first, and signs in', async () => {
    const page = await browser.newPage();
    await page.goto(`${api.baseUrl}/console/`);
    expect(await page.textContent('h1')).toBe('县级物流调度台');
    await page.fill('input[name=county]', '62');
    await page.fill('input[name=username]', 'wang.li');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    expect(await page.textContent('[data-field=county]', { timeout: 10_000 })).toContain('6-digit county code');
    await page.fill('input[name=county]', demo.adminCode);
    await page.click('button[type=submit]');
    expect(await page.textContent('[data-testid=who]', { timeout: 10_000 })).toContain('wang.li (dispatcher)');
    await page.click('[data-testid=language]');
    expect(await page.textContent('header nav a.active')).toBe('Today');
    await page.close();
  });

  it("draws the demo county's 420 nodes and the plan's routes, trunk told from last mile, and lists a route's stops", async () => {
    const page = await signedIn(demo.adminCode, 'wang.li');
    await page.waitForSelector('path.route', { timeout: 20_000 });
    await page.waitForSelector('path.node', { timeout: 20_000 });
    expect(await page.locator('path.node').count()).toBe(420);
    expect(await page.locator('path.node-county_hub').count()).toBe(1);
    expect(await page.locator('path.node-township_station').count()).toBe(20);
    expect(await page.locator('path.node-village_point').count()).toBe(399);
    expect(await page.locator('path.road').count()).toBeGreaterThan(0);
    expect(await page.locator('path.route').count()).toBe(routesInPlan.all);
    expect(await page.locator('path.route-trunk').count()).toBe(routesInPlan.trunk);
    expect(await page.locator('path.route-last_mile').count()).toBe(routesInPlan.all - routesInPlan.trunk);
    expect(await page.textContent('[data-testid=figures]')).toContain('¥');
    expect(await page.getAttribute('[data-testid=plan]', 'data-lifecycle')).toBe('draft');

    await page.click('[data-testid=routes] tr >> nth=0');
    await page.waitForSelector('[data-testid=route-detail] li');
    // The route's manifest, and in one go every manifest of the wave and the stations' hand-over sheets.
    const links = await Promise.all(['manifest-link', 'print-wave', 'print-handover'].map((id) => page.getAttribute(`[data-testid=${id}]`, 'href')));
    const pdfs = await page.evaluate(async (urls) => {
      return Promise.all(
        urls.map(async (url) => {
          const response = await fetch(url!);
          return { status: response.status, type: response.headers.get('content-type') };
        }),
      );
    }, links);
    expect(pdfs).toEqual(links.map(() => ({ status: 200, type: 'application/pdf' })));
    await page.screenshot({ path: path.join(ARTIFACTS, 'today.png') });
    // The README's picture is refreshed on demand only, so that a test run leaves the work tree clean.
    if (process.env.CONSOLE_SCREENSHOT) await page.screenshot({ path: path.resolve(process.env.CONSOLE_SCREENSHOT) });
    await page.close();
  });

  it('lets a viewer see the plan but not publish it', async () => {
    const page = await signedIn(demo.adminCode, 'zhao.kan');
    await page.waitForSelector('path.route', { timeout: 20_000 });
    expect(await page.locator('[data-testid=publish]').count()).toBe(0);
    // Not even by hand, with the session's own CSRF token.
    const status = await page.evaluate(
      async ({ countyId, planId }) => {
        const session = (await (await fetch('/v1/console/session')).json()) as { csrfToken: string };
        const response = await fetch(`/v1/counties/${countyId}/plans/${planId}/publish`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
          body: '{}',
        });
        return response.status;
      },
      { countyId: demo.countyId, planId: demo.planId },
    );
    expect(status).toBe(403);
    await page.close();
  });

  it('shows a user of another county nothing of this one', async () => {
    const page = await signedIn(otherCounty.adminCode, 'li.other');
    expect(await page.textContent('header strong')).toContain('邻县');
    await page.waitForSelector('.no-plan');
    expect(await page.locator('path.node').count()).toBe(0);
    const statuses = await page.evaluate(async (countyId) => {
      const paths = [`/v1/counties/${countyId}/plans`, `/v1/counties/${countyId}/network`, `/v1/counties/${countyId}/nodes`];
      return Promise.all(paths.map(async (url) => (await fetch(url)).status));
    }, demo.countyId);
    expect(statuses).toEqual([403, 403, 403]);
    await page.close();
  });

  it("imports a road network from the Network page and shows the worker's progress on the job, refusing a form without an extract beside the field", async () => {
    const page = await signedIn(otherCounty.adminCode, 'li.other');
    await page.goto(`${api.baseUrl}/console/#/network`);
    const form = '[data-testid=road-import-form]';
    await page.click(`${form} button[type=submit]`);
    expect(await page.textContent(`${form} [data-field=pbf]`, { timeout: 10_000 })).toContain('.osm.pbf');

    await page.setInputFiles(`${form} input[name=pbf]`, { name: 'valley.osm.pbf', mimeType: 'application/octet-stream', buffer: writeOsmPbf(FIXTURE_NODES, FIXTURE_WAYS) });
    const tile = Buffer.from(zipped('N42E001.hgt', srtmTileOfPlane()));
    await page.setInputFiles(`${form} input[name=dem]`, { name: 'N42E001.hgt.zip', mimeType: 'application/zip', buffer: tile });
    await page.click(`${form} button[type=submit]`);
    // No worker runs yet: the page shows the job as queued, from the job's row, not a guess.
    await page.waitForSelector('[data-testid=import-progress][data-status=queued]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid=import-progress]')).toContain('排队中');

    const worker = await startTestWorker(api.config);
    try {
      await page.waitForSelector('[data-testid=import-progress][data-status=completed][data-step=done]', { timeout: 60_000 });
    } finally {
      await worker.close();
    }
    expect(await page.getAttribute('[data-testid=import-progress] progress', 'value')).toBe('100');
    expect(await page.textContent('[data-testid=import-report]')).toMatch(/路段: 7 ·/);
    const roads = await api.app.get(DataSource).query('SELECT count(*)::int AS n FROM road_segment WHERE county_id = $1', [otherCounty.id]);
    expect(roads[0].n).toBe(7);
    await page.screenshot({ path: path.join(ARTIFACTS, 'road-import.png') });
    await page.close();
  });

  it('resolves a needs-attention shipment by searching its village, with the API reason beside the field first', async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const queue = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/shipments/needs-attention`).set('Authorization', auth).expect(200)).body.items;
    expect(queue.length).toBeGreaterThan(0);
    const villages = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/nodes?tier=village_point&limit=5`).set('Authorization', auth).expect(200)).body.items;
    const village = villages[3];

    const page = await signedIn(demo.adminCode, 'wang.li');
    await page.goto(`${api.baseUrl}/console/#/attention`);
    const rows = page.locator('[data-testid=attention] tr');
    await page.waitForSelector('[data-testid=attention] tr');
    expect(await rows.count()).toBe(queue.length);
    await page.click(`[data-testid=attention] tr[data-shipment-id="${queue[0].id}"]`);
    await page.click('[data-testid=resolve-submit]');
    expect(await page.textContent('[data-field=villageNodeId]', { timeout: 10_000 })).toContain('villageNodeId');

    await page.fill('input[name=village]', village.name);
    await page.click(`button[data-node-code="${village.code}"]`);
    await page.click('[data-testid=resolve-submit]');
    await waitForCounts(page, { '[data-testid=attention] tr': queue.length - 1 }, 20_000);
    const settled = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/shipments/${queue[0].id}`).set('Authorization', auth).expect(200)).body;
    expect(settled).toMatchObject({ needsAttention: false, villageNodeId: village.id });
    await page.close();
  });

  it('resolves a needs-attention shipment by clicking its village on the map', async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const queue = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/shipments/needs-attention`).set('Authorization', auth).expect(200)).body.items;
    expect(queue.length).toBeGreaterThan(0);
    const villages = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/nodes?tier=village_point&limit=1000`).set('Authorization', auth).expect(200)).body.items;

    const page = await signedIn(demo.adminCode, 'wang.li');
    await page.goto(`${api.baseUrl}/console/#/attention`);
    await waitForCounts(page, { '[data-testid=attention] tr': queue.length, 'path.node-village_point[data-node-code]': villages.length }, 20_000);
    await page.click(`[data-testid=attention] tr[data-shipment-id="${queue[0].id}"]`);
    // A village whose marker no other marker covers: the click lands on it, as an operator's would.
    const code = await page.evaluate(() => {
      interface Marker {
        getBoundingClientRect(): { x: number; y: number; width: number; height: number };
        getAttribute(name: string): string | null;
      }
      const document = (globalThis as unknown as { document: { querySelectorAll(selector: string): Marker[]; elementFromPoint(x: number, y: number): Marker | null } }).document;
      for (const marker of document.querySelectorAll('path.node-village_point')) {
        const box = marker.getBoundingClientRect();
        if (document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === marker) return marker.getAttribute('data-node-code');
      }
      return null;
    });
    expect(code).not.toBeNull();
    await page.click(`path.node-village_point[data-node-code="${code}"]`);
    await page.waitForSelector(`[data-testid=chosen-village][data-node-code="${code}"]`, { timeout: 10_000 });
    await page.click('[data-testid=resolve-submit]');
    await waitForCounts(page, { '[data-testid=attention] tr': queue.length - 1 }, 20_000);
    const settled = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/shipments/${queue[0].id}`).set('Authorization', auth).expect(200)).body;
    const clicked = villages.find((village: { code: string }) => village.code === code);
    expect(settled).toMatchObject({ needsAttention: false, villageNodeId: clicked.id });
    await page.close();
  });

  it('scans parcels in at the hub as a barcode gun types them, counting them and listing the unexpected', async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const [shipment] = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/shipments?status=at_hub&limit=1`).set('Authorization', auth).expect(200)).body.items;
    const { parcels } = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/shipments/${shipment.id}`).set('Authorization', auth).expect(200)).body;

    const page = await signedIn(demo.adminCode, 'wang.li');
    await page.goto(`${api.baseUrl}/console/#/hub`);
    await page.waitForSelector('input[name=barcode]');
    // The gun types into the focused field and ends with Enter.
    await page.keyboard.type(`${parcels[0].barcode}\n`);
    await waitForText(page, '[data-outcome=already_scanned]', '1', 10_000);
    await page.keyboard.type('NOT-OURS-0001\n');
    await waitForText(page, '[data-outcome=unexpected]', '1', 10_000);
    expect(await page.textContent('[data-testid=unexpected]')).toContain('NOT-OURS-0001');
    await page.keyboard.type('bad barcode!\n');
    expect(await page.textContent('[data-field=barcodes]', { timeout: 10_000 })).toMatch(/barcode/);
    await page.close();
  });

  it('searches shipments by barcode and by village with a status filter, refusing bad input beside the field', async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const get = async (query: string) => (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/shipments?${query}`).set('Authorization', auth).expect(200)).body;
    const [shipment] = (await get('status=at_hub&limit=1')).items;
    const { parcels } = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/shipments/${shipment.id}`).set('Authorization', auth).expect(200)).body;
    const village = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/nodes/${shipment.villageNodeId}`).set('Authorization', auth).expect(200)).body;
    const inVillage = await get(`q=${encodeURIComponent(village.name)}&status=at_hub&limit=50`);

    const page = await signedIn(demo.adminCode, 'zhao.kan');
    await page.goto(`${api.baseUrl}/console/#/shipments`);
    await page.waitForSelector('[data-testid=shipments] tbody tr');
    await page.fill('[data-testid=shipment-search] input[name=q]', parcels[0].barcode);
    await page.click('[data-testid=shipment-search] button[type=submit]');
    await waitForCounts(page, { '[data-testid=shipments] tbody tr': 1, [`[data-testid=shipments] tr[data-shipment-id="${shipment.id}"]`]: 1 }, 20_000);
    expect(await page.textContent('[data-testid=shipments] tbody')).toContain('已到县中心');

    await page.fill('[data-testid=shipment-search] input[name=q]', village.name);
    await page.selectOption('[data-testid=shipment-search] select[name=status]', 'at_hub');
    await page.click('[data-testid=shipment-search] button[type=submit]');
    await waitForCounts(page, { '[data-testid=shipments] tbody tr': inVillage.items.length }, 20_000);

    await page.fill('[data-testid=shipment-search] input[name=q]', 'x'.repeat(101));
    await page.click('[data-testid=shipment-search] button[type=submit]');
    expect(await page.textContent('[data-testid=shipment-search] [data-field=q]', { timeout: 10_000 })).toContain('q');
    await page.screenshot({ path: path.join(ARTIFACTS, 'shipments.png') });
    await page.close();
  });

  it("edits a village's service calendar, showing the API's refusal beside the field", async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const [village] = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/nodes?tier=village_point&limit=1`).set('Authorization', auth).expect(200)).body.items;
    const calendarPath = `/v1/counties/${demo.countyId}/nodes/${village.id}/service-calendar`;
    const before = (await request(api.baseUrl).get(calendarPath).set('Authorization', auth).expect(200)).body;

    const page = await signedIn(demo.adminCode, 'wang.li');
    await page.goto(`${api.baseUrl}/console/#/network`);
    await page.fill('input[name=village-filter]', village.code);
    await page.click(`[data-testid=villages] tr[data-node-code="${village.code}"]`);
    await page.waitForSelector('[data-testid=calendar-form]');
    await page.selectOption('[data-testid=calendar-form] select[name=rule]', 'every_n_days');
    await page.fill('[data-testid=calendar-form] input[name=everyNDays]', '0');
    await page.fill('[data-testid=calendar-form] input[name=anchorDate]', SERVICE_DATE);
    await page.click('[data-testid=calendar-form] button[type=submit]');
    expect(await page.textContent('[data-testid=calendar-form] [data-field=everyNDays]', { timeout: 10_000 })).toContain('integer from 1');
    expect((await request(api.baseUrl).get(calendarPath).set('Authorization', auth).expect(200)).body.own).toEqual(before.own);

    await page.fill('[data-testid=calendar-form] input[name=everyNDays]', '3');
    await page.click('[data-testid=calendar-form] button[type=submit]');
    await page.waitForSelector('[data-testid=calendar-form] [data-field=everyNDays]', { state: 'detached', timeout: 10_000 });
    expect((await request(api.baseUrl).get(calendarPath).set('Authorization', auth).expect(200)).body.own).toMatchObject({
      rule: 'every_n_days',
      everyNDays: 3,
      anchorDate: SERVICE_DATE,
    });
    expect(await page.textContent('[data-testid=rule-from]')).toContain('本村自己的日历');
    await page.screenshot({ path: path.join(ARTIFACTS, 'network.png') });
    await page.close();
    // The later tests plan with the demo's own calendars.
    if (before.own) await request(api.baseUrl).put(calendarPath).set('Authorization', auth).send(before.own).expect(200);
    else await request(api.baseUrl).delete(calendarPath).set('Authorization', auth).expect(200);
  });

  it('lists the fleet with its costs and lets an admin add a console account, refusing bad input field by field', async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const vehicles = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/vehicles`).set('Authorization', auth).expect(200)).body;
    const page = await signedIn(demo.adminCode, 'chen.admin');
    await page.goto(`${api.baseUrl}/console/#/fleet`);
    await waitForCounts(page, { '[data-testid=vehicles] tbody tr': vehicles.length, '[data-testid=accounts] tr': 3 }, 20_000);

    await page.fill('[data-testid=account-form] input[name=username]', 'x y');
    await page.fill('[data-testid=account-form] input[name=displayName]', '李明');
    await page.fill('[data-testid=account-form] input[name=password]', 'short');
    await page.click('[data-testid=account-form] button[type=submit]');
    expect(await page.textContent('[data-testid=account-form] [data-field=username]', { timeout: 10_000 })).toContain('username');
    expect(await page.textContent('[data-testid=account-form] [data-field=password]')).toContain('10 to 200');

    await page.fill('[data-testid=account-form] input[name=username]', 'li.ming');
    await page.fill('[data-testid=account-form] input[name=password]', 'a long enough password');
    await page.click('[data-testid=account-form] button[type=submit]');
    await waitForCounts(page, { '[data-testid=accounts] tr': 4 }, 20_000);
    const accounts = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/users`).set('Authorization', auth).expect(200)).body;
    expect(accounts.map((account: { username: string }) => account.username)).toContain('li.ming');

    // The refused attempt and the account made are both in the record, with the admin's user id.
    const admin = accounts.find((account: { username: string }) => account.username === 'chen.admin');
    const recorded = (status: number) => page.locator(`[data-testid=operator-actions] tr[data-status="${status}"][data-user-id="${admin.id}"]`);
    for (let attempt = 0; attempt < 20 && (await recorded(201).count()) === 0; attempt++) {
      await page.click('[data-testid=operator-actions-refresh]');
      await page.waitForTimeout(200);
    }
    expect(await recorded(201).textContent()).toContain('POST /users');
    expect(await recorded(400).count()).toBe(1);
    await page.close();
  });

  it("sets a driver's PIN, refusing a bad one beside the field, and disables the phone the driver signed in with", async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const drivers = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/drivers`).set('Authorization', auth).expect(200)).body;
    const driver = drivers[drivers.length - 1];
    const driverPath = `/v1/counties/${demo.countyId}/drivers/${driver.id}`;

    const page = await signedIn(demo.adminCode, 'wang.li');
    await page.goto(`${api.baseUrl}/console/#/fleet`);
    await page.click(`[data-testid=drivers] tr[data-driver-id="${driver.id}"]`);
    await page.fill('[data-testid=pin-form] input[name=pin]', '12');
    await page.click('[data-testid=pin-form] button[type=submit]');
    expect(await page.textContent('[data-testid=pin-form] [data-field=pin]', { timeout: 10_000 })).toContain('6 to 12 digits');
    await page.fill('[data-testid=pin-form] input[name=pin]', '135790');
    await page.click('[data-testid=pin-form] button[type=submit]');
    await waitForText(page, '[data-testid=notice]', 'PIN 已保存', 10_000);

    await request(api.baseUrl)
      .post('/v1/driver/sign-in')
      .send({ county: demo.adminCode, phone: driver.phone, pin: '135790', device: { id: 'console-lost-phone', name: '红米 Note 12' } })
      .expect(200);
    await page.click(`[data-testid=drivers] tr[data-driver-id="${drivers[0].id}"]`);
    await page.click(`[data-testid=drivers] tr[data-driver-id="${driver.id}"]`);
    await page.click('[data-testid=devices] tr[data-device-id=console-lost-phone] button');
    await page.waitForSelector('[data-testid=devices] tr[data-device-id=console-lost-phone][data-enabled=false]', { timeout: 10_000 });
    const devices = (await request(api.baseUrl).get(`${driverPath}/devices`).set('Authorization', auth).expect(200)).body;
    expect(devices).toEqual([expect.objectContaining({ clientDeviceId: 'console-lost-phone', enabled: false })]);
    await page.close();
  });

  it("lists the county's platforms with their subscriptions and the failed deliveries", async () => {
    const platforms = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/platforms`).set('Authorization', `Bearer ${demo.apiKey}`).expect(200)).body;
    const page = await signedIn(demo.adminCode, 'zhao.kan');
    await page.goto(`${api.baseUrl}/console/#/platforms`);
    await waitForCounts(page, { '[data-testid=platforms] tr': platforms.length, '[data-testid=failed-deliveries] tr': 0 }, 20_000);
    expect(await page.textContent('[data-testid=platforms]')).toContain(platforms[0].name);
    await page.close();
  });

  it('sends a failed delivery again from the Platforms page, and records who did', async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const [platform] = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/platforms`).set('Authorization', auth).expect(200)).body;
    const subscription = (
      await request(api.baseUrl)
        .post(`/v1/counties/${demo.countyId}/platforms/${platform.id}/subscriptions`)
        .set('Authorization', auth)
        .send({ url: 'http://127.0.0.1:9/hook', eventTypes: ['shipment.created'] })
        .expect(201)
    ).body;
    // A delivery that used up its retries, made by hand: no endpoint has to fail eight times for it.
    const db = api.app.get(DataSource);
    const [event] = await db.query('SELECT id FROM shipment_event WHERE county_id = $1 ORDER BY id LIMIT 1', [demo.countyId]);
    const [delivery] = await db.query(
      `INSERT INTO webhook_delivery (county_id, event_id, subscription_id, status, attempt_count, last_status_code, last_error)
       VALUES ($1, $2, $3, 'failed', 8, 503, 'Service Unavailable') RETURNING id`,
      [demo.countyId, event.id, subscription.id],
    );

    const page = await signedIn(demo.adminCode, 'wang.li');
    await page.goto(`${api.baseUrl}/console/#/platforms`);
    await waitForCounts(page, { '[data-testid=failed-deliveries] tr': 1 }, 20_000);
    expect(await page.textContent('[data-testid=failed-deliveries] tr')).toContain('HTTP 503');
    await page.click('[data-testid=failed-deliveries] tr button');
    await waitForCounts(page, { '[data-testid=failed-deliveries] tr': 0 }, 20_000);
    const [after] = await db.query('SELECT status FROM webhook_delivery WHERE id = $1', [delivery.id]);
    expect(after.status).toBe('pending');
    // The record is written once the answer is sent.
    let action: unknown;
    for (let attempt = 0; attempt < 50 && !action; attempt++) {
      [action] = await db.query(`SELECT actor, user_id, status FROM operator_action WHERE route LIKE '%/redeliver' AND params->>'deliveryId' = $1`, [delivery.id]);
      if (!action) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const [wang] = await db.query(`SELECT id FROM operator_user WHERE county_id = $1 AND username = 'wang.li'`, [demo.countyId]);
    expect(action).toEqual({ actor: `user:${wang.id}`, user_id: wang.id, status: 200 });
    await page.close();
  });

  it('lets an admin register a platform, rotate its secret, showing each new secret once, and subscribe its callback URL', async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const before = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/platforms`).set('Authorization', auth).expect(200)).body;
    const page = await signedIn(demo.adminCode, 'chen.admin');
    await page.goto(`${api.baseUrl}/console/#/platforms`);
    await waitForCounts(page, { '[data-testid=platforms] tr': before.length }, 20_000);
    await page.click('[data-testid=platform-form] button[type=submit]');
    expect(await page.textContent('[data-testid=platform-form] [data-field=name]', { timeout: 10_000 })).toContain('name');

    await page.fill('[data-testid=platform-form] input[name=name]', '乡村快递');
    await page.click('[data-testid=platform-form] button[type=submit]');
    await waitForCounts(page, { '[data-testid=platforms] tr': before.length + 1, '[data-testid=new-secret] [data-testid=api-key]': 1 }, 20_000);
    const platformId = await page.getAttribute('[data-testid=new-secret]', 'data-platform-id');
    const firstSecret = await page.textContent('[data-testid=webhook-secret]');
    expect(firstSecret).toBeTruthy();

    await page.click(`[data-testid=platforms] tr[data-platform-id="${platformId}"] [data-testid=rotate-secret]`);
    await waitForCounts(page, { '[data-testid=new-secret] [data-testid=api-key]': 0 }, 10_000);
    expect(await page.textContent('[data-testid=webhook-secret]')).not.toBe(firstSecret);
    const after = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/platforms`).set('Authorization', auth).expect(200)).body;
    expect(after.find((platform: { id: string }) => platform.id === platformId)).toMatchObject({ name: '乡村快递', rotationInProgress: true });
    // Once the page is left, the secrets are gone: the list never carries them.
    expect(JSON.stringify(after)).not.toContain(firstSecret);

    // Subscribe the new platform's callback URL: refused beside the field first, then listed with its platform.
    const subscribe = '[data-testid=subscribe-form]';
    await page.selectOption(`${subscribe} select[name=platformId]`, platformId!);
    await page.fill(`${subscribe} input[name=url]`, 'not a url');
    await page.click(`${subscribe} button[type=submit]`);
    expect(await page.textContent(`${subscribe} [data-field=url]`, { timeout: 10_000 })).toContain('url');
    await page.fill(`${subscribe} input[name=url]`, 'https://hooks.example.cn/rural-dispatch');
    await page.click(`${subscribe} button[type=submit]`);
    await page.waitForSelector(`[data-testid=platforms] tr[data-platform-id="${platformId}"] >> text=hooks.example.cn`, { timeout: 10_000 });
    const subscriptions = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/platforms/${platformId}/subscriptions`).set('Authorization', auth).expect(200)).body;
    expect(subscriptions).toEqual([expect.objectContaining({ url: 'https://hooks.example.cn/rural-dispatch', eventTypes: ['shipment.status_changed'], active: true })]);
    await page.close();
  });

  it('publishes the plan, and records who did', async () => {
    const page = await signedIn(demo.adminCode, 'wang.li');
    await page.waitForSelector('[data-testid=publish]:not([disabled])', { timeout: 20_000 });
    await page.click('[data-testid=publish]');
    await page.waitForSelector('[data-testid=plan][data-lifecycle=published]', { timeout: 20_000 });
    const [event] = await api.app.get(DataSource).query(`SELECT actor FROM plan_event WHERE plan_id = $1 AND type = 'plan.published'`, [demo.planId]);
    expect(event.actor).toMatch(/^user:[0-9a-f-]{36}$/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'published.png') });
    await page.close();
  });

  it("shows a village's last 30 days on the Network page, with the published plan's visit today", async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const plan = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/plans/${demo.planId}`).set('Authorization', auth).expect(200)).body;
    const villageStop = plan.routes.flatMap((route: { stops: Array<{ kind: string; nodeId: string }> }) => route.stops).find((stop: { kind: string }) => stop.kind === 'village');
    const village = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/nodes/${villageStop.nodeId}`).set('Authorization', auth).expect(200)).body;
    const history = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/nodes/${village.id}/history?days=30`).set('Authorization', auth).expect(200)).body;
    const today = history.daily.find((day: { date: string }) => day.date === SERVICE_DATE);
    expect(today.visits).toBeGreaterThan(0);

    const page = await signedIn(demo.adminCode, 'zhao.kan');
    await page.goto(`${api.baseUrl}/console/#/network`);
    await page.fill('input[name=village-filter]', village.code);
    await page.click(`[data-testid=villages] tr[data-node-code="${village.code}"]`);
    await page.waitForSelector(`[data-testid=village-history] tr[data-date="${SERVICE_DATE}"]`, { timeout: 10_000 });
    expect(await page.textContent('[data-testid=village-history] h4')).toContain('近 30 天');
    expect(await page.textContent(`[data-testid=village-history] tr[data-date="${SERVICE_DATE}"] [data-column=visits]`)).toBe(String(today.visits));
    expect(await page.textContent('[data-testid=history-total] [data-column=visits]')).toBe(String(history.totals.visits));
    expect(await page.locator('[data-testid=village-history] g.history-day').count()).toBe(30);
    // A viewer sees the history, not the import form.
    expect(await page.locator('[data-testid=road-import-form]').count()).toBe(0);
    await page.screenshot({ path: path.join(ARTIFACTS, 'village-history.png') });
    await page.close();
  });

  it("shows each carrier's settlement over a date range and the day's cost per parcel against the baseline, refusing a reversed range beside the field", async () => {
    const auth = `Bearer ${demo.apiKey}`;
    const settled = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/settlement?from=2026-11-01&to=${SERVICE_DATE}`).set('Authorization', auth).expect(200)).body;
    expect(settled.totals.length).toBeGreaterThan(0);
    const page = await signedIn(demo.adminCode, 'wang.li');
    await page.goto(`${api.baseUrl}/console/#/carriers`);
    await page.fill('input[name=from]', '2026-11-01');
    await page.fill('input[name=to]', SERVICE_DATE);
    await waitForCounts(page, { '[data-testid=settlement] tbody tr': settled.totals.length, [`circle.day-point[data-date="${SERVICE_DATE}"]`]: 1 }, 20_000);
    await page.fill('input[name=from]', '2026-12-05');
    expect(await page.textContent('[data-field=from]', { timeout: 10_000 })).toContain('must not be after to');
    await page.close();
  });

  it("shows a driver's events on the runs page as they are stored by another API process, without a reload", async () => {
    const plan = (await request(api.baseUrl).get(`/v1/counties/${demo.countyId}/plans/${demo.planId}`).set('Authorization', `Bearer ${demo.apiKey}`).expect(200)).body;
    const route = plan.routes.find((candidate: { driverId: string | null; echelon: string }) => candidate.driverId !== null && candidate.echelon === 'last_mile');
    const driver = await api.app.get(DriversService).get(demo.countyId, route.driverId);
    await api.app.get(DriverAccountsService).setPin(demo.countyId, driver.id, '246810');

    // The console talks to a second API process on the same database; the driver syncs with the first.
    const second = await startTestApp(api.config);
    const page = await signedIn(demo.adminCode, 'wang.li', second.baseUrl);
    await page.goto(`${second.baseUrl}/console/#/runs?date=${SERVICE_DATE}`);
    const stopsDone = page.locator(`tr[data-route-id="${route.id}"] [data-testid=stops-done]`);
    await page.waitForSelector('[data-testid=live][data-live=true]', { timeout: 20_000 });
    expect(await stopsDone.textContent()).toBe(`0/${route.stops.length}`);
    const reloads: string[] = [];
    page.on('framenavigated', (frame) => reloads.push(frame.url()));

    const signIn = await request(api.baseUrl)
      .post('/v1/driver/sign-in')
      .send({ county: demo.adminCode, phone: driver.phone, pin: '246810', device: { id: 'console-test-phone' } })
      .expect(200);
    const now = api.app
      .get(Clock)
      .now()
      .toISOString()
      .replace(/\.\d+Z$/, 'Z');
    const firstStop = route.stops[0];
    const events = [
      { id: randomUUID(), type: 'departed', routeId: route.id, recordedAt: now, location: { coordinates: [105.3, 34.0] } },
      { id: randomUUID(), type: 'arrived', routeId: route.id, stopId: firstStop.id, recordedAt: now },
      { id: randomUUID(), type: 'departed', routeId: route.id, stopId: firstStop.id, recordedAt: now },
    ];
    const synced = await request(api.baseUrl).post('/v1/driver/events').set('Authorization', `Bearer ${signIn.body.accessToken}`).send({ sentAt: now, events }).expect(200);
    expect(synced.body.accepted).toBe(3);

    await waitForText(page, `tr[data-route-id="${route.id}"] [data-testid=stops-done]`, `1/${route.stops.length}`, 20_000);
    expect(await page.textContent(`tr[data-route-id="${route.id}"] [data-testid=run-status]`)).toBe('dispatched');
    expect(reloads).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'runs.png') });
    await page.close();
    await second.close();
  });
});
