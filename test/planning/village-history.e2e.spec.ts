import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { CountiesService } from '../../src/counties/counties.service';
import { NetworkNode } from '../../src/network/network-node.entity';
import type { VillageHistoryDayResponse } from '../../src/planning/village-history/village-history.response';
import { PlanLifecycle } from '../../src/planning/plan.entity';
import { ShipmentLifecycleService } from '../../src/shipments/shipment-lifecycle.service';
import { ShipmentStatus } from '../../src/shipments/shipment-status';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, startTestApp, TestApp } from '../support/test-app';
import { createPlanningCounty, PlanningCounty, receiveAtHub } from './support/planning-county';

/**
 * GET …/nodes/{nodeId}/history on hand-made rows: shipments moved through their real lifecycle with
 * the driver's time of each report, and plans of every lifecycle written straight to their tables,
 * so that every count of the answer is known. The test clock's today is 2026-11-30 (Asia/Shanghai).
 */
describe("a village's last days: parcels, visits, failed deliveries", () => {
  let api: TestApp;
  let owner: CountyWithKey;
  let county: PlanningCounty;
  let village: NetworkNode;
  let viewerAuthorization: string;

  const historyUrl = (nodeId: string, query = '') => `/v1/counties/${owner.county.id}/nodes/${nodeId}/history${query}`;
  const get = (url: string, authorization = owner.authorization) => request(api.baseUrl).get(url).set('Authorization', authorization);

  /** Moves a shipment to `to` as a driver's report recorded at `occurredAt` would. */
  async function report(shipmentId: string, to: ShipmentStatus, occurredAt: string): Promise<void> {
    const lifecycle = api.app.get(ShipmentLifecycleService);
    await api.app.get(DataSource).transaction((manager) => lifecycle.advanceIn(manager, owner.county.id, shipmentId, to, 'driver report', { source: 'driver', occurredAt }));
  }

  /** A plan of `lifecycle` on `serviceDate` with one van route stopping at `nodes` in order. */
  async function storedPlan(lifecycle: PlanLifecycle, serviceDate: string, wave: number, nodes: NetworkNode[]): Promise<void> {
    const db = api.app.get(DataSource);
    const at = new Date(`${serviceDate}T08:00:00+08:00`);
    const [plan] = await db.query(
      `INSERT INTO plan (county_id, service_date, wave, status, lifecycle, seed, time_limit_s) VALUES ($1, $2, $3, 'computed', $4, 1, 1) RETURNING id`,
      [owner.county.id, serviceDate, wave, lifecycle],
    );
    const figures = [0, 0, 0, 0, 0, 0, 0, 0, at, at];
    const [route] = await db.query(
      `INSERT INTO plan_route (plan_id, route_number, vehicle_id, echelon, start_node_id, distance_m, duration_s, cost_fen, parcels_delivered, parcels_picked_up,
                               peak_load_weight_g, peak_load_volume_cm3, peak_load_parcels, departure_at, return_at)
       VALUES ($1, 1, $2, 'last_mile', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [plan.id, county.van.id, county.hub.id, ...figures],
    );
    for (const [index, node] of nodes.entries()) {
      await db.query(
        `INSERT INTO plan_stop (route_id, sequence, node_id, kind, arrival_at, departure_at, parcels_delivered, parcels_picked_up, weight_delivered_g, weight_picked_up_g,
                                volume_delivered_cm3, volume_picked_up_cm3, shipment_ids)
         VALUES ($1, $2, $3, 'village', $4, $4, 0, 0, 0, 0, 0, 0, '{}')`,
        [route.id, index + 1, node.id, at],
      );
    }
  }

  beforeAll(async () => {
    api = await startTestApp();
    owner = await createCounty(api.app);
    county = await createPlanningCounty(api.app, owner.county.id, owner.county.adminCode);
    village = county.villages[0]!;
    const neighbour = county.villages[1]!;
    const viewer = await api.app.get(CountiesService).createApiKey(owner.county.id, 'viewer', 'viewer');
    viewerAuthorization = `Bearer ${viewer.secret}`;

    const [twoParcels, failsTwice, longAgo, elsewhere] = await receiveAtHub(api.app, owner.county.id, [
      { villageCode: village.code, parcelWeightsG: [1_000, 2_000] },
      { villageCode: village.code, parcelWeightsG: [500] },
      { villageCode: village.code, parcelWeightsG: [700] },
      { villageCode: neighbour.code, parcelWeightsG: [900] },
    ]);
    const [produce] = await receiveAtHub(api.app, owner.county.id, [{ villageCode: village.code, parcelWeightsG: [5_000, 5_000, 5_000], direction: 'outbound_pickup' }], {
      scan: false,
    });
    await report(twoParcels!, 'delivered', '2026-11-29T10:00:00+08:00');
    await report(failsTwice!, 'failed', '2026-11-28T09:00:00+08:00');
    await report(failsTwice!, 'out_for_delivery', '2026-11-29T08:00:00+08:00');
    // 01:00 in Beijing is still the 29th in UTC: the county's day counts.
    await report(failsTwice!, 'failed', '2026-11-30T01:00:00+08:00');
    await report(longAgo!, 'delivered', '2026-10-20T12:00:00+08:00');
    await report(elsewhere!, 'delivered', '2026-11-29T11:00:00+08:00');
    await report(produce!, 'picked_up', '2026-11-28T15:00:00+08:00');

    await storedPlan('published', '2026-11-29', 1, [neighbour, village]);
    await storedPlan('published', '2026-11-29', 2, [village]);
    await storedPlan('completed', '2026-11-20', 1, [village]);
    await storedPlan('draft', '2026-11-29', 3, [village]);
    await storedPlan('cancelled', '2026-11-28', 1, [village]);
    await storedPlan('published', '2026-10-20', 1, [village]);
  }, 120_000);

  afterAll(async () => {
    if (!api) return;
    await api.close();
    await cleanupTestConfig(api.config);
  });

  it('counts each local day of the last 30, today included, and totals them; a viewer may read it', async () => {
    const { body } = await get(historyUrl(village.id), viewerAuthorization).expect(200);
    expect(body).toMatchObject({ nodeId: village.id, code: village.code, name: village.name, timeZone: 'Asia/Shanghai', from: '2026-11-01', to: '2026-11-30' });
    expect(body.daily).toHaveLength(30);
    expect(body.daily[0].date).toBe('2026-11-01');
    const busyDays = body.daily.filter((day: VillageHistoryDayResponse) => day.parcelsDelivered + day.parcelsPickedUp + day.visits + day.failedDeliveries > 0);
    expect(busyDays).toEqual([
      { date: '2026-11-20', parcelsDelivered: 0, shipmentsDelivered: 0, parcelsPickedUp: 0, visits: 1, failedDeliveries: 0 },
      { date: '2026-11-28', parcelsDelivered: 0, shipmentsDelivered: 0, parcelsPickedUp: 3, visits: 0, failedDeliveries: 1 },
      { date: '2026-11-29', parcelsDelivered: 2, shipmentsDelivered: 1, parcelsPickedUp: 0, visits: 2, failedDeliveries: 0 },
      { date: '2026-11-30', parcelsDelivered: 0, shipmentsDelivered: 0, parcelsPickedUp: 0, visits: 0, failedDeliveries: 1 },
    ]);
    expect(body.totals).toEqual({ parcelsDelivered: 2, shipmentsDelivered: 1, parcelsPickedUp: 3, visits: 3, failedDeliveries: 2 });
  });

  it('reaches back up to 90 days, and exports CSV with a total row', async () => {
    const { body } = await get(historyUrl(village.id, '?days=90')).expect(200);
    expect(body.from).toBe('2026-09-02');
    expect(body.daily.find((day: VillageHistoryDayResponse) => day.date === '2026-10-20')).toMatchObject({ parcelsDelivered: 1, visits: 1 });
    expect(body.totals).toMatchObject({ parcelsDelivered: 3, visits: 4 });

    const csv = await get(historyUrl(village.id, '?days=7&format=csv')).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.text) as string[][];
    expect(rows[0]).toEqual(['date', 'parcels_delivered', 'shipments_delivered', 'parcels_picked_up', 'visits', 'failed_deliveries']);
    expect(rows).toHaveLength(1 + 7 + 1);
    expect(rows.find((row) => row[0] === '2026-11-29')).toEqual(['2026-11-29', '2', '1', '0', '2', '0']);
    expect(rows[rows.length - 1]).toEqual(['total', '2', '1', '3', '2', '2']);
  });

  it('refuses a bad number of days, and a node that is not a village, naming the field', async () => {
    for (const days of ['0', '91', 'abc', '1.5', '-3']) {
      const refused = await get(historyUrl(village.id, `?days=${days}`)).expect(400);
      expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'days', message: 'an integer from 1 to 90' }] });
    }
    const station = await get(historyUrl(county.stations.T1.id)).expect(400);
    expect(station.body.errors).toEqual([{ field: 'nodeId', message: 'must be a village point' }]);
    await get(historyUrl(village.id, '?format=pdf')).expect(400);
  });

  it("answers 404 for another county's village, and 403 to another county's key", async () => {
    const other = await createCounty(api.app);
    const theirs = await createPlanningCounty(api.app, other.county.id, other.county.adminCode);
    await get(historyUrl(theirs.villages[0]!.id)).expect(404);
    await get(historyUrl(village.id), other.authorization).expect(403);
  });
});
