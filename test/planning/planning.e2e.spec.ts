import { INestApplicationContext } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../src/infra/config/app-config';
import { PlannableShipmentsService } from '../../src/shipments/plannable-shipments.service';
import { ShipmentsQueryService } from '../../src/shipments/shipments-query.service';
import { Plan } from '../../src/planning/plan.entity';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../support/test-app';
import { createPlanningCounty, PlanningCounty, receiveAtHub } from './support/planning-county';
import { waitForComputedPlan } from './support/planning-e2e';
import { isStationRoundRun } from '../../src/planning/planner/station-round';

const SERVICE_DATE = '2026-11-30';

describe('planning: POST a wave, the worker plans it, routes and manifests come back', () => {
  let config: AppConfig;
  let api: TestApp;
  let worker: INestApplicationContext;
  let owner: CountyWithKey;
  let other: CountyWithKey;
  let county: PlanningCounty;
  let deliverable: string[];
  let heavy: string;
  let notScanned: string;
  let plan: any;

  const http = () => request(api.baseUrl);
  const plansUrl = (countyId = owner.county.id) => `/v1/counties/${countyId}/plans`;
  const statusOf = async (shipmentId: string) => (await api.app.get(ShipmentsQueryService).get(owner.county.id, shipmentId)).shipment.status;

  const waitForPlan = (planId: string) => waitForComputedPlan(api, owner, planId);

  beforeAll(async () => {
    config = await createTestConfig();
    api = await startTestApp(config);
    worker = await startTestWorker(config);
    const countyCode = String(100000 + Math.floor(Math.random() * 800000));
    owner = await createCounty(api.app, { adminCode: countyCode });
    other = await createCounty(api.app);
    county = await createPlanningCounty(api.app, owner.county.id, countyCode);
    const codes = county.villages.map((village) => village.adminCode!);
    deliverable = await receiveAtHub(api.app, owner.county.id, [
      ...codes.map((villageCode, index) => ({ villageCode, parcelWeightsG: [1_500 + index * 100, 2_500] })),
      ...codes.map((villageCode) => ({ villageCode, parcelWeightsG: [800] })),
    ]);
    [heavy] = await receiveAtHub(api.app, owner.county.id, [{ villageCode: codes[0]!, parcelWeightsG: [900_000] }]);
    [notScanned] = await receiveAtHub(api.app, owner.county.id, [{ villageCode: codes[1]!, parcelWeightsG: [1_000] }], { scan: false });
  }, 60_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (config) await cleanupTestConfig(config);
  });

  it('accepts the request with 202 and a queued plan', async () => {
    const response = await http().post(plansUrl()).set('Authorization', owner.authorization).send({ serviceDate: SERVICE_DATE, wave: 1, timeLimitS: 120, seed: 3 }).expect(202);
    expect(response.body).toMatchObject({ serviceDate: SERVICE_DATE, wave: 1, version: 1, supersedesPlanId: null, status: 'queued', lifecycle: 'draft', seed: 3, timeLimitS: 120 });
    expect(response.body.jobId).toBe(`plan-${owner.county.id}-${SERVICE_DATE}-1-v1`);
    plan = await waitForPlan(response.body.id);
    expect(plan).toMatchObject({ status: 'computed', lifecycle: 'draft', publishedAt: null });
    expect(plan.error).toBeNull();
  }, 120_000);

  it('puts every planned shipment on exactly one village stop; the draft reserves nothing, so they stay at_hub', async () => {
    const villageStops = plan.routes.flatMap((route: any) => route.stops.filter((stop: any) => stop.kind === 'village'));
    for (const shipmentId of deliverable) {
      expect(villageStops.filter((stop: any) => stop.shipmentIds.includes(shipmentId))).toHaveLength(1);
      expect(await statusOf(shipmentId)).toBe('at_hub');
    }
    const onStops = new Set(villageStops.flatMap((stop: any) => stop.shipmentIds));
    expect(onStops.size).toBe(deliverable.length);
    expect(plan.parcels).toBe((deliverable.length / 2) * 3);
  });

  it('leaves the shipment too heavy for any vehicle open, at the hub, with reason capacity', async () => {
    expect(plan.unassigned).toEqual([expect.objectContaining({ shipmentId: heavy, reason: 'capacity' })]);
    expect(await statusOf(heavy)).toBe('at_hub');
    expect(plan.routes.some((route: any) => route.stops.some((stop: any) => stop.shipmentIds.includes(heavy)))).toBe(false);
  });

  it('does not plan a shipment that never reached the hub', async () => {
    expect(await statusOf(notScanned)).toBe('received');
    expect(plan.routes.some((route: any) => route.stops.some((stop: any) => stop.shipmentIds.includes(notScanned)))).toBe(false);
  });

  it('runs the van as trunk through T1 and the tricycle as last mile from T1, after the trunk unloads', async () => {
    const trunk = plan.routes.filter((route: any) => route.echelon === 'trunk');
    expect(trunk.map((route: any) => route.vehicleId)).toEqual([county.van.id]);
    const transfers = trunk[0].stops.filter((stop: any) => stop.kind === 'station_transfer');
    expect(transfers.map((stop: any) => stop.nodeId)).toEqual([county.stations.T1.id]);
    const lastMile = plan.routes.filter((route: any) => route.echelon === 'last_mile');
    expect(lastMile.map((route: any) => [route.vehicleId, route.startNodeId])).toEqual([[county.tricycle.id, county.stations.T1.id]]);
    expect(Date.parse(lastMile[0].departureAt)).toBeGreaterThanOrEqual(Date.parse(transfers[0].departureAt));
    // T2 has no vehicle: its villages are on the van's route, T2 itself is not visited.
    const t2Villages = county.villages.filter((village) => village.parentId === county.stations.T2.id).map((village) => village.id);
    expect(trunk[0].stops.filter((stop: any) => t2Villages.includes(stop.nodeId))).toHaveLength(3);
    // Shift 07:00 Asia/Shanghai is 23:00 UTC the day before.
    expect(Date.parse(trunk[0].departureAt)).toBeGreaterThanOrEqual(Date.parse('2026-11-29T23:00:00Z'));
  });

  it('respects every vehicle capacity and adds up the totals', async () => {
    const capacity = new Map([
      [county.van.id, county.van],
      [county.tricycle.id, county.tricycle],
    ]);
    for (const route of plan.routes) {
      const vehicle = capacity.get(route.vehicleId)!;
      expect(route.peakLoad.weightG).toBeLessThanOrEqual(vehicle.capacityWeightG);
      expect(route.peakLoad.parcels).toBeLessThanOrEqual(vehicle.capacityParcels);
    }
    expect(plan.totalCostFen).toBe(plan.routes.reduce((sum: number, route: any) => sum + route.costFen, 0));
    expect(plan.vehiclesUsed).toBe(2);
    expect(plan.costPerParcelFen).toBe(Math.round(plan.totalCostFen / plan.parcels));
    expect(plan.statistics.matrixMethods).toEqual(['great_circle_fallback']);
    expect(plan.statistics.runs.every((run: any) => run.replayable)).toBe(true);
  });

  it('serves manifests: per route the vehicle and the stops in order with parcels', async () => {
    const response = await http().get(`${plansUrl()}/${plan.id}/manifests`).set('Authorization', owner.authorization).expect(200);
    expect(response.body.routes).toHaveLength(plan.routes.length);
    const tricycle = response.body.routes.find((route: any) => route.vehicle.code === 'TRI-1');
    expect(tricycle).toMatchObject({ echelon: 'last_mile', vehicle: { vehicleClass: 'tricycle' }, start: { code: 'T1', tier: 'township_station' } });
    expect(tricycle.stops.map((stop: any) => stop.sequence)).toEqual([1, 2, 3]);
    expect(tricycle.stops.every((stop: any) => stop.node.tier === 'village_point' && stop.parcelsToDeliver > 0)).toBe(true);
    expect(tricycle.parcelsToLoad).toBe(tricycle.stops.reduce((sum: number, stop: any) => sum + stop.parcelsToDeliver, 0));
  });

  it('returns the existing plan for a second POST of the same wave, without running it again', async () => {
    const response = await http().post(plansUrl()).set('Authorization', owner.authorization).send({ serviceDate: SERVICE_DATE, wave: 1 }).expect(202);
    expect(response.body).toMatchObject({ id: plan.id, status: 'computed', attempts: 1 });
    const list = await http().get(`${plansUrl()}?serviceDate=${SERVICE_DATE}`).set('Authorization', owner.authorization).expect(200);
    expect(list.body.map((entry: any) => entry.id)).toEqual([plan.id]);
  });

  it('replans a draft in place on request, from its routes: same version, same seed, same routes, no dearer', async () => {
    const response = await http().post(plansUrl()).set('Authorization', owner.authorization).send({ serviceDate: SERVICE_DATE, wave: 1, replan: true }).expect(202);
    expect(response.body).toMatchObject({ id: plan.id, version: 1, status: 'queued', lifecycle: 'draft' });
    const again = await waitForPlan(plan.id);
    expect(again).toMatchObject({ status: 'computed', attempts: 2, totalCostFen: plan.totalCostFen, parcels: plan.parcels });
    const stopsOf = (p: any) => p.routes.map((route: any) => [route.vehicleId, route.stops.map((stop: any) => stop.nodeId)]);
    expect(stopsOf(again)).toEqual(stopsOf(plan));
    // Each depot run started from the routes the replan replaced (all of them), kept on the plan only until it was written;
    // a station's must-go round (it only bounds the trunk's drop) starts afresh.
    const depotRuns = (p: any) => p.statistics.runs.filter((run: any) => !isStationRoundRun(run));
    expect(again.statistics.runs.length).toBeGreaterThan(depotRuns(again).length);
    expect(depotRuns(again).map((run: any) => run.startingRoutes)).toEqual(depotRuns(plan).map((run: any) => run.routes));
    expect(plan.statistics.runs.every((run: any) => run.startingRoutes === undefined)).toBe(true);
    expect(Number(again.totalCostFen)).toBeLessThanOrEqual(Number(plan.totalCostFen));
    expect((await api.app.get(DataSource).getRepository(Plan).findOneByOrFail({ id: plan.id })).startingRoutes).toBeNull();
    for (const shipmentId of deliverable) expect(await statusOf(shipmentId)).toBe('at_hub');
    plan = again;
  }, 120_000);

  it('publishing moves the shipments to planned', async () => {
    const response = await http().post(`${plansUrl()}/${plan.id}/publish`).set('Authorization', owner.authorization).expect(200);
    expect(response.body).toMatchObject({ id: plan.id, status: 'computed', lifecycle: 'published' });
    for (const shipmentId of deliverable) expect(await statusOf(shipmentId)).toBe('planned');
    expect(await statusOf(heavy)).toBe('at_hub');
  });

  it('plans only what is still open in the next wave: the heavy shipment again, nothing twice', async () => {
    const response = await http().post(plansUrl()).set('Authorization', owner.authorization).send({ serviceDate: SERVICE_DATE, wave: 2, timeLimitS: 120 }).expect(202);
    const wave2 = await waitForPlan(response.body.id);
    expect(wave2).toMatchObject({ status: 'computed', parcels: 0, routes: [] });
    expect(wave2.unassigned.map((entry: any) => [entry.shipmentId, entry.reason])).toEqual([[heavy, 'capacity']]);
  }, 120_000);

  it('refuses to mark planned a shipment another plan has already taken', async () => {
    const dataSource = api.app.get(DataSource);
    const shipments = api.app.get(PlannableShipmentsService);
    await expect(dataSource.transaction((manager) => shipments.markPlanned(manager, owner.county.id, [deliverable[0]!], plan.id))).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await statusOf(deliverable[0]!)).toBe('planned');
  });

  it("refuses another county's key with 403 and bad input with 400", async () => {
    await http().get(plansUrl()).set('Authorization', other.authorization).expect(403);
    await http().get(`${plansUrl()}/${plan.id}`).set('Authorization', other.authorization).expect(403);
    await http().post(plansUrl()).set('Authorization', other.authorization).send({ serviceDate: SERVICE_DATE, wave: 2 }).expect(403);
    const invalid = await http().post(plansUrl()).set('Authorization', owner.authorization).send({ serviceDate: '2026-02-30', wave: 10 }).expect(400);
    expect(invalid.headers['content-type']).toMatch(/application\/problem\+json/);
    await http().post(plansUrl()).set('Authorization', owner.authorization).send({ serviceDate: '2026-02-30', wave: 2 }).expect(400);
    await http()
      .get(`${plansUrl(other.county.id)}/${plan.id}`)
      .set('Authorization', other.authorization)
      .expect(404);
  });

  it('documents the endpoints in the OpenAPI document', async () => {
    const { body } = await http().get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/v1/counties/{countyId}/plans', '/v1/counties/{countyId}/plans/{planId}', '/v1/counties/{countyId}/plans/{planId}/manifests']),
    );
    expect(body.paths['/v1/counties/{countyId}/plans'].post.responses['202']).toBeDefined();
  });

  it('lets a viewer read but not request plans', async () => {
    const { CountiesService } = await import('../../src/counties/counties.service');
    const { secret } = await api.app.get(CountiesService).createApiKey(owner.county.id, 'viewer', 'viewer');
    await http().get(plansUrl()).set('Authorization', `Bearer ${secret}`).expect(200);
    await http().post(plansUrl()).set('Authorization', `Bearer ${secret}`).send({ serviceDate: SERVICE_DATE, wave: 3 }).expect(403);
  });
});
