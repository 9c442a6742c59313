import request from 'supertest';
import { DataSource } from 'typeorm';
import { CountiesService } from '../../src/counties/counties.service';
import { DriversService } from '../../src/fleet/drivers.service';
import { ShipmentsQueryService } from '../../src/shipments/shipments-query.service';
import { CountyWithKey } from '../support/factories';
import { TestApp } from '../support/test-app';
import { PlanningCounty, receiveAtHub } from './support/planning-county';
import { PlanningE2e, startPlanningE2e, waitForComputedPlan } from './support/planning-e2e';

const SERVICE_DATE = '2026-12-03';

/**
 * The plan's life on real PostgreSQL, Redis and BullMQ: draft → published, versions, drivers and
 * route statuses, the day's shared fleet, publish conflicts, Idempotency-Key and the event rows.
 */
describe('plan lifecycle: publish, versions, drivers, one fleet per day', () => {
  let setup: PlanningE2e;
  let api: TestApp;
  let owner: CountyWithKey;
  let county: PlanningCounty;
  let vanDriverId: string;
  let spareDriverId: string;
  let firstWave: string[];
  let wave1: any;

  const http = () => request(api.baseUrl);
  const plansUrl = () => `/v1/counties/${owner.county.id}/plans`;
  const post = (url: string) => http().post(url).set('Authorization', owner.authorization);
  const statusOf = async (shipmentId: string) => (await api.app.get(ShipmentsQueryService).get(owner.county.id, shipmentId)).shipment.status;
  const query = (sql: string, parameters: unknown[]) => api.app.get(DataSource).query(sql, parameters);

  const waitForPlan = (planId: string) => waitForComputedPlan(api, owner, planId);

  async function computeWave(wave: number, replan = false): Promise<any> {
    const response = await post(plansUrl()).send({ serviceDate: SERVICE_DATE, wave, timeLimitS: 60, replan }).expect(202);
    return waitForPlan(response.body.id);
  }

  async function receiveOnePerVillage(weightG: number): Promise<string[]> {
    return receiveAtHub(
      api.app,
      owner.county.id,
      county.villages.map((village) => ({ villageCode: village.adminCode!, parcelWeightsG: [weightG] })),
    );
  }

  const apiKeyIdOf = async (key: CountyWithKey) => (await api.app.get(CountiesService).resolve(key.apiKey))!.apiKeyId;

  beforeAll(async () => {
    setup = await startPlanningE2e();
    ({ api, owner, county } = setup);
    const drivers = api.app.get(DriversService);
    vanDriverId = (await drivers.create(owner.county.id, { name: '王师傅', phone: '13800138001', vehicleId: county.van.id })).id;
    spareDriverId = (await drivers.create(owner.county.id, { name: '赵师傅', phone: '13800138002' })).id;
    firstWave = await receiveOnePerVillage(2_000);
  }, 60_000);

  afterAll(async () => {
    await setup?.close();
  });

  it('computes a draft whose routes start with their vehicle driver', async () => {
    wave1 = await computeWave(1);
    expect(wave1).toMatchObject({ status: 'computed', lifecycle: 'draft', version: 1 });
    const van = wave1.routes.find((route: any) => route.vehicleId === county.van.id);
    const tricycle = wave1.routes.find((route: any) => route.vehicleId === county.tricycle.id);
    expect(van).toMatchObject({ driverId: vanDriverId, status: 'planned' });
    expect(tricycle).toMatchObject({ driverId: null, status: 'planned' });
    for (const shipmentId of firstWave) expect(await statusOf(shipmentId)).toBe('at_hub');
  }, 120_000);

  it("refuses to dispatch a draft's route (409), writing nothing", async () => {
    const van = wave1.routes.find((route: any) => route.vehicleId === county.van.id);
    const response = await http().patch(`${plansUrl()}/${wave1.id}/routes/${van.id}`).set('Authorization', owner.authorization).send({ status: 'dispatched' }).expect(409);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.detail ?? response.body.title).toMatch(/only a published plan/);
    expect((await query(`SELECT status FROM plan_route WHERE id = $1`, [van.id]))[0].status).toBe('planned');
  });

  it('publishes with an Idempotency-Key: shipments planned, each platform told the date and an ETA window, a repeat answers the same', async () => {
    const first = await post(`${plansUrl()}/${wave1.id}/publish`).set('Idempotency-Key', 'publish-wave-1').expect(200);
    expect(first.body).toMatchObject({ id: wave1.id, lifecycle: 'published' });
    const repeat = await post(`${plansUrl()}/${wave1.id}/publish`).set('Idempotency-Key', 'publish-wave-1').expect(200);
    expect(repeat.body).toEqual(first.body);
    for (const shipmentId of firstWave) expect(await statusOf(shipmentId)).toBe('planned');
    const events: Array<{ shipment_id: string; platform_id: string; payload: any; shipment_platform: string }> = await query(
      `SELECT e.shipment_id, e.platform_id, e.payload, s.platform_id AS shipment_platform
         FROM shipment_event e JOIN shipment s ON s.id = e.shipment_id JOIN shipment_outbox o ON o.event_id = e.id
        WHERE e.shipment_id = ANY($1::uuid[]) AND e.to_status = 'planned'`,
      [firstWave],
    );
    expect(events).toHaveLength(firstWave.length);
    for (const event of events) {
      expect(event.platform_id).toBe(event.shipment_platform);
      expect(event.payload.plannedDate).toBe(SERVICE_DATE);
      expect(event.payload.eta.from).toMatch(/^2026-12-03T\d\d:\d\d:\d\d\+08:00$/);
      expect(Date.parse(event.payload.eta.to) - Date.parse(event.payload.eta.from)).toBe(2 * 3600 * 1000);
    }
  });

  it('refuses to publish a plan that is not a draft (409) and a key reused for another request (409)', async () => {
    const again = await post(`${plansUrl()}/${wave1.id}/publish`).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.detail ?? again.body.title).toMatch(/only a draft can be published/);
    const van = wave1.routes.find((route: any) => route.vehicleId === county.van.id);
    const reused = await http()
      .patch(`${plansUrl()}/${wave1.id}/routes/${van.id}`)
      .set('Authorization', owner.authorization)
      .set('Idempotency-Key', 'publish-wave-1')
      .send({ driverId: spareDriverId })
      .expect(409);
    expect(reused.body.detail ?? reused.body.title).toMatch(/Idempotency-Key/);
    expect((await query(`SELECT driver_id FROM plan_route WHERE id = $1`, [van.id]))[0].driver_id).toBe(vanDriverId);
  });

  it('needs a driver before dispatch, then dispatches; every change is an event row with who made it', async () => {
    const tricycle = wave1.routes.find((route: any) => route.vehicleId === county.tricycle.id);
    const routeUrl = `${plansUrl()}/${wave1.id}/routes/${tricycle.id}`;
    const noDriver = await http().patch(routeUrl).set('Authorization', owner.authorization).send({ status: 'dispatched' }).expect(409);
    expect(noDriver.body.detail ?? noDriver.body.title).toMatch(/no driver/);
    await http().patch(routeUrl).set('Authorization', owner.authorization).send({ driverId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    const assigned = await http().patch(routeUrl).set('Authorization', owner.authorization).set('Idempotency-Key', 'tri-driver').send({ driverId: spareDriverId }).expect(200);
    expect(assigned.body).toMatchObject({ id: tricycle.id, driverId: spareDriverId, status: 'planned' });
    const dispatched = await http().patch(routeUrl).set('Authorization', owner.authorization).send({ status: 'dispatched' }).expect(200);
    expect(dispatched.body.status).toBe('dispatched');
    await http().patch(routeUrl).set('Authorization', owner.authorization).send({ status: 'planned' }).expect(409);

    const { body: events } = await http().get(`${plansUrl()}/${wave1.id}/events`).set('Authorization', owner.authorization).expect(200);
    const operator = await apiKeyIdOf(owner);
    expect(events.map((event: any) => [event.type, event.actor, event.routeId])).toEqual([
      ['plan.requested', operator, null],
      ['plan.computed', 'worker', null],
      ['plan.published', operator, null],
      ['route.driver_changed', operator, tricycle.id],
      ['route.status_changed', operator, tricycle.id],
    ]);
    expect(events[3].data).toEqual({ from: null, to: spareDriverId });
    expect(events[4].data).toEqual({ from: 'planned', to: 'dispatched' });
  });

  it('plans a second wave on the same fleet: no vehicle in two places at once, nothing routed twice', async () => {
    const secondWave = await receiveOnePerVillage(1_000);
    const wave2 = await computeWave(2);
    expect(wave2.routes.length).toBeGreaterThan(0);
    const onStops = wave2.routes.flatMap((route: any) => route.stops.filter((stop: any) => stop.kind === 'village').flatMap((stop: any) => stop.shipmentIds));
    expect(onStops.sort()).toEqual([...secondWave].sort());
    await post(`${plansUrl()}/${wave2.id}/publish`).expect(200);

    const routes: Array<{ vehicle_id: string; departure_at: Date; return_at: Date; plan_id: string }> = await query(
      `SELECT r.vehicle_id, r.departure_at, r.return_at, r.plan_id FROM plan_route r JOIN plan p ON p.id = r.plan_id
        WHERE p.county_id = $1 AND p.service_date = $2 AND p.lifecycle = 'published' ORDER BY r.vehicle_id, r.departure_at`,
      [owner.county.id, SERVICE_DATE],
    );
    expect(new Set(routes.map((route) => route.plan_id)).size).toBe(2);
    for (let index = 1; index < routes.length; index++) {
      const [before, after] = [routes[index - 1]!, routes[index]!];
      if (before.vehicle_id === after.vehicle_id) expect(after.departure_at.getTime()).toBeGreaterThanOrEqual(before.return_at.getTime());
    }
  }, 120_000);

  it('refuses to publish a draft that collides with what was published meanwhile, listing the conflicts, writing nothing', async () => {
    const thirdWave = await receiveOnePerVillage(1_500);
    const wave3 = await computeWave(3);
    const wave4 = await computeWave(4);
    await post(`${plansUrl()}/${wave3.id}/publish`).expect(200);
    const refused = await post(`${plansUrl()}/${wave4.id}/publish`).expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    const rules = new Set(refused.body.conflicts.map((conflict: any) => conflict.rule));
    expect(rules).toEqual(new Set(['vehicle_overlap', 'shipment_on_published_route']));
    expect(
      refused.body.conflicts
        .filter((conflict: any) => conflict.rule === 'shipment_on_published_route')
        .map((conflict: any) => conflict.shipmentId)
        .sort(),
    ).toEqual([...thirdWave].sort());
    const stored = await http().get(`${plansUrl()}/${wave4.id}`).set('Authorization', owner.authorization).expect(200);
    expect(stored.body.lifecycle).toBe('draft');
  }, 180_000);

  it('replans a published plan as a new draft version that supersedes it; publishing it cancels the old one', async () => {
    const [published] = (await http().get(`${plansUrl()}?serviceDate=${SERVICE_DATE}`).set('Authorization', owner.authorization).expect(200)).body.filter(
      (plan: any) => plan.wave === 3,
    );
    const publishedDetail = (await http().get(`${plansUrl()}/${published.id}`).set('Authorization', owner.authorization).expect(200)).body;
    const villageShipments = (plan: any): string[] =>
      plan.routes.flatMap((route: any) => route.stops.filter((stop: any) => stop.kind === 'village').flatMap((stop: any) => stop.shipmentIds));
    const publishedShipmentIds = villageShipments(publishedDetail);
    expect(publishedShipmentIds.length).toBeGreaterThan(0);
    const response = await post(plansUrl()).send({ serviceDate: SERVICE_DATE, wave: 3, replan: true }).expect(202);
    expect(response.body).toMatchObject({ version: 2, supersedesPlanId: published.id, lifecycle: 'draft' });
    expect(response.body.id).not.toBe(published.id);
    expect(response.body.jobId).toBe(`plan-${owner.county.id}-${SERVICE_DATE}-3-v2`);
    const version2 = await waitForPlan(response.body.id);
    expect(version2.status).toBe('computed');
    // Its solves started from the published version's routes.
    expect(version2.statistics.runs.some((run: any) => run.startingRoutes > 0)).toBe(true);
    await post(`${plansUrl()}/${version2.id}/publish`).expect(200);
    const old = await http().get(`${plansUrl()}/${published.id}`).set('Authorization', owner.authorization).expect(200);
    expect(old.body.lifecycle).toBe('cancelled');
    await post(`${plansUrl()}/${published.id}/publish`).expect(409);
    const shipmentIds = villageShipments(version2);
    for (const shipmentId of shipmentIds) expect(await statusOf(shipmentId)).toBe('planned');
    // The new version routes the old one's shipments again: none of them is dropped by the replan.
    for (const shipmentId of publishedShipmentIds) expect(shipmentIds).toContain(shipmentId);
  }, 120_000);

  it('replans a plan with a dispatched route: the route stays fixed, with its route and stop ids, and its vehicle is not double-booked', async () => {
    const tricycle = wave1.routes.find((route: any) => route.vehicleId === county.tricycle.id);
    const response = await post(plansUrl()).send({ serviceDate: SERVICE_DATE, wave: 1, replan: true }).expect(202);
    expect(response.body).toMatchObject({ version: 2, supersedesPlanId: wave1.id });
    const version2 = await waitForPlan(response.body.id);
    expect(
      version2.routes.some((route: any) =>
        route.stops.some((stop: any) => tricycle.stops.some((kept: any) => kept.shipmentIds.some((id: string) => stop.shipmentIds.includes(id)))),
      ),
    ).toBe(false);
    const published = await post(`${plansUrl()}/${version2.id}/publish`).expect(200);
    const stored = await http().get(`${plansUrl()}/${version2.id}`).set('Authorization', owner.authorization).expect(200);
    const kept = stored.body.routes.find((route: any) => route.id === tricycle.id);
    expect(kept).toMatchObject({ status: 'dispatched', driverId: spareDriverId, vehicleId: county.tricycle.id });
    expect(kept.stops.map((stop: any) => [stop.sequence, stop.nodeId, stop.shipmentIds])).toEqual(
      tricycle.stops.map((stop: any) => [stop.sequence, stop.nodeId, stop.shipmentIds]),
    );
    const keptStopIds: Array<{ id: string }> = await query(`SELECT id FROM plan_stop WHERE route_id = $1 ORDER BY sequence`, [tricycle.id]);
    expect(keptStopIds).toHaveLength(tricycle.stops.length);
    expect(published.body.totalCostFen).toBe(stored.body.routes.reduce((sum: number, route: any) => sum + route.costFen, 0));
    for (const shipmentId of tricycle.stops.flatMap((stop: any) => stop.shipmentIds)) expect(await statusOf(shipmentId)).toBe('planned');
    const tricycleRoutes = stored.body.routes.filter((route: any) => route.vehicleId === county.tricycle.id && route.id !== tricycle.id);
    for (const route of tricycleRoutes) expect(Date.parse(route.departureAt)).toBeGreaterThanOrEqual(Date.parse(tricycle.returnAt));
    const old = await http().get(`${plansUrl()}/${wave1.id}`).set('Authorization', owner.authorization).expect(200);
    // The cancelled version keeps its other routes as history; the dispatched one has moved.
    expect(old.body.lifecycle).toBe('cancelled');
    expect(old.body.routes.map((route: any) => route.id)).not.toContain(tricycle.id);
  }, 120_000);

  it('keeps a locked route as it is when its draft is replanned in place, and plans the rest around it', async () => {
    const [draft] = (await http().get(`${plansUrl()}?serviceDate=${SERVICE_DATE}`).set('Authorization', owner.authorization).expect(200)).body.filter(
      (plan: any) => plan.wave === 4,
    );
    const before = await waitForPlan(draft.id);
    const chosen = before.routes[0];
    const locked = await http().patch(`${plansUrl()}/${draft.id}/routes/${chosen.id}`).set('Authorization', owner.authorization).send({ locked: true }).expect(200);
    expect(locked.body).toMatchObject({ id: chosen.id, locked: true });
    await post(plansUrl()).send({ serviceDate: SERVICE_DATE, wave: 4, replan: true }).expect(202);
    const after = await waitForPlan(draft.id);
    expect(after.attempts).toBe(2);
    const kept = after.routes.find((route: any) => route.id === chosen.id);
    expect(kept.stops).toEqual(chosen.stops);
    const keptShipments = new Set(chosen.stops.flatMap((stop: any) => (stop.kind === 'village' ? stop.shipmentIds : [])));
    for (const route of after.routes.filter((candidate: any) => candidate.id !== chosen.id)) {
      for (const stop of route.stops.filter((candidate: any) => candidate.kind === 'village')) expect(stop.shipmentIds.some((id: string) => keptShipments.has(id))).toBe(false);
      if (route.vehicleId === chosen.vehicleId) expect(Date.parse(route.departureAt)).toBeGreaterThanOrEqual(Date.parse(chosen.returnAt));
    }
    expect(Number(after.totalCostFen)).toBe(after.routes.reduce((sum: number, route: any) => sum + route.costFen, 0));
    const events = (await http().get(`${plansUrl()}/${draft.id}/events`).set('Authorization', owner.authorization).expect(200)).body;
    expect(events.map((event: any) => event.type)).toContain('route.locked');
  }, 120_000);
});
