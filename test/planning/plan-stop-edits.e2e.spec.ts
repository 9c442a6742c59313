import request from 'supertest';
import { DataSource } from 'typeorm';
import { CountiesService } from '../../src/counties/counties.service';
import { DriversService } from '../../src/fleet/drivers.service';
import { VehiclesService } from '../../src/fleet/vehicles.service';
import { TravelMatrixService } from '../../src/network/matrix/travel-matrix.service';
import { NetworkNodesService } from '../../src/network/network-nodes.service';
import { NetworkQueryService } from '../../src/network/network-query.service';
import { localSecondsToInstant } from '../../src/planning/planner/local-time';
import { CountyWithKey } from '../support/factories';
import { TestApp } from '../support/test-app';
import { PlanningCounty, receiveAtHub } from './support/planning-county';
import { PlanningE2e, startPlanningE2e, waitForComputedPlan } from './support/planning-e2e';

const SERVICE_DATE = '2026-12-01';
const TIME_ZONE = 'Asia/Shanghai';
const local = (seconds: number) => localSecondsToInstant(SERVICE_DATE, seconds, TIME_ZONE);
const secondsOf = (iso: string) => Math.round((Date.parse(iso) - local(0).getTime()) / 1000);
const clock = (seconds: number) => `${String(Math.floor(seconds / 3600)).padStart(2, '0')}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;

/**
 * A dispatcher's hand edits on real PostgreSQL, Redis and BullMQ: moving a stop between routes,
 * re-ordering a route, the refusals (capacity, shift, time window, depot, locked, dispatched, stale,
 * superseded) that write nothing, Idempotency-Key replays and races, and new ETAs to the platforms.
 *
 * The fleet is sized so the plan's shape is known: two vans at the hub (8 parcels each) share the
 * township T1 transfer (3 parcels) and T2's three villages (3 parcels each), so each van carries two
 * stops and 6 parcels; two tricycles at T1 (2 parcels each) share T1's three villages (1 parcel each).
 */
describe('plan stop edits: move, re-order, refusals, revisions and idempotency', () => {
  let setup: PlanningE2e;
  let api: TestApp;
  let owner: CountyWithKey;
  let county: PlanningCounty;
  let plan: any;
  let earlyVillageId: string;

  const http = () => request(api.baseUrl);
  const plansUrl = () => `/v1/counties/${owner.county.id}/plans`;
  const auth = <T extends request.Test>(test: T) => test.set('Authorization', owner.authorization);
  const moveUrl = (planId: string, routeId: string, stopId: string) => `${plansUrl()}/${planId}/routes/${routeId}/stops/${stopId}/move`;
  const orderUrl = (planId: string, routeId: string) => `${plansUrl()}/${planId}/routes/${routeId}/stop-order`;
  const query = (sql: string, parameters: unknown[] = []) => api.app.get(DataSource).query(sql, parameters);
  const getPlan = async (planId: string) => (await auth(http().get(`${plansUrl()}/${planId}`)).expect(200)).body;
  const routesFrom = (detail: any, depotNodeId: string) => detail.routes.filter((route: any) => route.startNodeId === depotNodeId);
  const vanRoutes = (detail: any) => routesFrom(detail, county.hub.id);
  const tricycleRoutes = (detail: any) => routesFrom(detail, county.stations.T1.id).sort((a: any, b: any) => b.stops.length - a.stops.length);

  /** Every row an edit could write: a refusal must leave all of them as they were. */
  async function snapshot(): Promise<unknown> {
    const countyId = owner.county.id;
    return {
      plans: await query(`SELECT * FROM plan WHERE county_id = $1 ORDER BY id`, [countyId]),
      routes: await query(`SELECT r.* FROM plan_route r JOIN plan p ON p.id = r.plan_id WHERE p.county_id = $1 ORDER BY r.id`, [countyId]),
      stops: await query(`SELECT s.* FROM plan_stop s JOIN plan_route r ON r.id = s.route_id JOIN plan p ON p.id = r.plan_id WHERE p.county_id = $1 ORDER BY s.id`, [countyId]),
      events: await query(`SELECT e.* FROM plan_event e JOIN plan p ON p.id = e.plan_id WHERE p.county_id = $1 ORDER BY e.id`, [countyId]),
      shipmentEvents: await query(`SELECT id, type, shipment_id FROM shipment_event WHERE county_id = $1 ORDER BY id`, [countyId]),
      idempotency: await query(`SELECT key, completed_at FROM idempotency_record WHERE county_id = $1 ORDER BY key`, [countyId]),
    };
  }

  async function expectRefusedWritingNothing(send: () => request.Test, status = 409): Promise<any> {
    const before = await snapshot();
    const response = await send();
    // The body rides along so that a wrong status shows the problem the service answered.
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(await snapshot()).toEqual(before);
    return response.body;
  }

  /**
   * The route's times and cost worked out here from its stored stops, independently of the service:
   * the travel matrix for the service date at 08:00, the vehicle's costs and shift, each village's
   * opening time and service time; leaving as late as the first stop allows, not before `earliestS`.
   */
  async function recomputed(route: any, earliestS: number) {
    const vehicle = await api.app.get(VehiclesService).get(owner.county.id, route.vehicleId);
    const nodeIds = [route.startNodeId, ...route.stops.map((stop: any) => stop.nodeId)];
    const nodes = new Map((await api.app.get(NetworkQueryService).getNodes(owner.county.id, nodeIds)).map((node) => [node.id, node]));
    const matrix = await api.app.get(TravelMatrixService).computeMatrix(owner.county.id, nodeIds, vehicle.vehicleClass, local(8 * 3600));
    const index = (nodeId: string) => matrix.nodes.findIndex((node) => node.id === nodeId);
    const leg = (from: string, to: string) => ({
      s: matrix.durationS[index(from) * matrix.nodes.length + index(to)]!,
      m: matrix.distanceM[index(from) * matrix.nodes.length + index(to)]!,
    });
    const opensS = (nodeId: string) => {
      const hours = nodes.get(nodeId)!.openingHours;
      return hours ? Math.min(...hours.map((rule) => Number(rule.open.slice(0, 2)) * 3600 + Number(rule.open.slice(3, 5)) * 60)) : 0;
    };
    let time = Math.max(vehicle.shiftStartS, earliestS);
    let at = route.startNodeId;
    let distanceM = 0;
    const stops = route.stops.map((stop: any) => {
      const travel = leg(at, stop.nodeId);
      distanceM += travel.m;
      const arrivalS = time + travel.s;
      const startS = Math.max(arrivalS, opensS(stop.nodeId));
      const jobs = (stop.parcelsDelivered > 0 || stop.parcelsPickedUp === 0 ? 1 : 0) + (stop.parcelsPickedUp > 0 ? 1 : 0);
      time = startS + jobs * nodes.get(stop.nodeId)!.serviceTimeS;
      at = stop.nodeId;
      return { arrivalS, startS, departureS: time };
    });
    const back = leg(at, route.startNodeId);
    distanceM += back.m;
    const returnS = time + back.s;
    const departureS = Math.max(Math.max(vehicle.shiftStartS, earliestS), stops[0].startS - leg(route.startNodeId, route.stops[0].nodeId).s);
    stops[0].arrivalS = Math.max(stops[0].arrivalS, departureS + leg(route.startNodeId, route.stops[0].nodeId).s);
    const durationS = returnS - departureS;
    const costFen = vehicle.fixedCostFen + Math.round((vehicle.costPerKmFen * distanceM) / 1000) + Math.round((vehicle.costPerHourFen * durationS) / 3600);
    return {
      departureAt: local(departureS).toISOString(),
      returnAt: local(returnS).toISOString(),
      distanceM,
      durationS,
      costFen,
      stops: stops.map((stop: any) => ({ arrivalAt: local(stop.arrivalS).toISOString(), departureAt: local(stop.departureS).toISOString() })),
    };
  }

  const figures = (route: any) => ({
    departureAt: route.departureAt,
    returnAt: route.returnAt,
    distanceM: route.distanceM,
    durationS: route.durationS,
    costFen: route.costFen,
    stops: route.stops.map((stop: any) => ({ arrivalAt: stop.arrivalAt, departureAt: stop.departureAt })),
  });

  /** The trunk's drop at T1 has finished: the tricycles leave no earlier (the planner's synchronisation). */
  const t1UnloadedS = (detail: any) =>
    Math.max(
      ...vanRoutes(detail).flatMap((route: any) =>
        route.stops.filter((stop: any) => stop.nodeId === county.stations.T1.id && stop.parcelsDelivered > 0).map((stop: any) => secondsOf(stop.departureAt)),
      ),
    );

  beforeAll(async () => {
    setup = await startPlanningE2e();
    ({ api, owner, county } = setup);
    const vehicles = api.app.get(VehiclesService);
    const countyId = owner.county.id;
    await vehicles.update(countyId, county.van.id, { capacityParcels: 8 });
    await vehicles.update(countyId, county.tricycle.id, { capacityParcels: 2 });
    const vanFields = { vehicleClass: 'van' as const, homeNodeId: county.hub.id, capacityWeightG: 800_000, capacityVolumeCm3: 6_000_000, capacityParcels: 8 };
    await vehicles.create(countyId, { code: 'VAN-2', ...vanFields, fixedCostFen: 8_000, costPerKmFen: 90, costPerHourFen: 2_500, shiftStart: '07:00', shiftEnd: '19:00' });
    await vehicles.create(countyId, {
      code: 'TRI-2',
      vehicleClass: 'tricycle',
      homeNodeId: county.stations.T1.id,
      capacityWeightG: 300_000,
      capacityVolumeCm3: 1_500_000,
      capacityParcels: 2,
      fixedCostFen: 2_000,
      costPerKmFen: 25,
      costPerHourFen: 1_800,
      shiftStart: '07:00',
      shiftEnd: '19:00',
    });
    // One T2 village closes early: served first from the hub at 07:00 it is open, behind any other stop it is not.
    const early = county.villages[3]!;
    earlyVillageId = early.id;
    const matrix = await api.app.get(TravelMatrixService).computeMatrix(countyId, [county.hub.id, early.id], 'van', local(8 * 3600));
    const latestStartS = 7 * 3600 + matrix.durationS[1]!;
    const closeS = Math.ceil((latestStartS + early.serviceTimeS) / 60) * 60;
    await api.app.get(NetworkNodesService).update(countyId, early.id, { openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: clock(closeS) }] });

    await receiveAtHub(
      api.app,
      countyId,
      county.villages.map((village, index) => ({ villageCode: village.adminCode!, parcelWeightsG: index < 3 ? [2_000] : [2_000, 2_000, 2_000] })),
    );
    const requested = await auth(http().post(plansUrl())).send({ serviceDate: SERVICE_DATE, wave: 1, timeLimitS: 5 }).expect(202);
    plan = await waitForComputedPlan(api, owner, requested.body.id);
    // The job also plans the baseline (the same budget again): on a loaded machine this takes minutes.
  }, 300_000);

  afterAll(async () => {
    await setup?.close();
  });

  it('plans the expected shape: two full vans of two stops, tricycles with two stops and one', () => {
    expect(plan).toMatchObject({ status: 'computed', lifecycle: 'draft', unassigned: [] });
    expect(vanRoutes(plan).map((route: any) => [route.stops.length, route.parcelsDelivered])).toEqual([
      [2, 6],
      [2, 6],
    ]);
    expect(tricycleRoutes(plan).map((route: any) => route.stops.length)).toEqual([2, 1]);
    const early = vanRoutes(plan).find((route: any) => route.stops.some((stop: any) => stop.nodeId === earlyVillageId));
    expect(early.stops[0].nodeId).toBe(earlyVillageId);
  });

  it('documents both edits in the OpenAPI document, and refuses them to a viewer (403, nothing written)', async () => {
    const { body } = await http().get('/docs-json').expect(200);
    const move = body.paths['/v1/counties/{countyId}/plans/{planId}/routes/{routeId}/stops/{stopId}/move'].post;
    const order = body.paths['/v1/counties/{countyId}/plans/{planId}/routes/{routeId}/stop-order'].put;
    for (const operation of [move, order]) {
      expect(operation.responses['200'].content['application/json'].schema.$ref).toMatch(/PlanEditResponse$/);
      expect(operation.responses['409'].description).toMatch(/capacity/);
      expect(operation.parameters.map((parameter: any) => parameter.name)).toContain('Idempotency-Key');
    }
    const { secret } = await api.app.get(CountiesService).createApiKey(owner.county.id, 'viewer', 'viewer');
    const [route] = vanRoutes(plan);
    await expectRefusedWritingNothing(
      () =>
        http()
          .put(orderUrl(plan.id, route.id))
          .set('Authorization', `Bearer ${secret}`)
          .send({ stopIds: route.stops.map((stop: any) => stop.id) }),
      403,
    );
  });

  it('refuses a move that overloads the target route, naming capacity and its dimension, writing nothing', async () => {
    const [from, to] = vanRoutes(plan);
    const body = await expectRefusedWritingNothing(() => auth(http().post(moveUrl(plan.id, from.id, from.stops[1].id))).send({ toRouteId: to.id, position: 1 }));
    expect(body.code).toBe('conflict');
    expect(body.violations).toContainEqual(expect.objectContaining({ rule: 'capacity', dimension: 'parcels', routeId: to.id, load: 9, capacity: 8 }));
  });

  it("refuses a stop moved off its depot, a position past the end, and a stop order that is not the route's", async () => {
    const [van] = vanRoutes(plan);
    const [tricycle] = tricycleRoutes(plan);
    const depot = await expectRefusedWritingNothing(() => auth(http().post(moveUrl(plan.id, van.id, van.stops[0].id))).send({ toRouteId: tricycle.id, position: 1 }));
    expect(depot.violations).toEqual([expect.objectContaining({ rule: 'depot', fromDepotNodeId: county.hub.id, toDepotNodeId: county.stations.T1.id })]);
    const past = await expectRefusedWritingNothing(() => auth(http().post(moveUrl(plan.id, tricycle.id, tricycle.stops[0].id))).send({ toRouteId: tricycle.id, position: 3 }), 400);
    expect(past.errors).toEqual([expect.objectContaining({ field: 'position' })]);
    const order = await expectRefusedWritingNothing(() => auth(http().put(orderUrl(plan.id, van.id))).send({ stopIds: [van.stops[0].id] }), 400);
    expect(order.errors).toEqual([expect.objectContaining({ field: 'stopIds' })]);
    await expectRefusedWritingNothing(() => auth(http().post(moveUrl(plan.id, van.id, van.stops[0].id))).send({ toRouteId: van.id, position: 0 }), 400);
    const unknown = await expectRefusedWritingNothing(() => auth(http().post(moveUrl(plan.id, van.id, van.stops[0].id))).send({ toRouteId: county.van.id, position: 1 }), 400);
    expect(unknown.errors).toEqual([expect.objectContaining({ field: 'toRouteId' })]);
  });

  it('refuses a re-order that reaches a village after it closes, naming time_window and the stop', async () => {
    const route = vanRoutes(plan).find((candidate: any) => candidate.stops[0].nodeId === earlyVillageId);
    const reversed = [...route.stops].reverse();
    const body = await expectRefusedWritingNothing(() => auth(http().put(orderUrl(plan.id, route.id))).send({ stopIds: reversed.map((stop: any) => stop.id) }));
    expect(body.violations).toEqual([expect.objectContaining({ rule: 'time_window', routeId: route.id, stopId: route.stops[0].id, nodeId: earlyVillageId })]);
    expect(body.violations[0].arrivalAt).toMatch(/^2026-12-01T\d\d:\d\d:\d\d\+08:00$/);
    expect(Date.parse(body.violations[0].arrivalAt)).toBeGreaterThan(Date.parse(body.violations[0].latestStartAt));
  });

  it("refuses a move that runs the vehicle past its shift's end, naming shift", async () => {
    const [from, to] = tricycleRoutes(plan);
    const vehicles = api.app.get(VehiclesService);
    // The target tricycle's shift now ends right after its route: one more stop cannot fit.
    await vehicles.update(owner.county.id, to.vehicleId, { shiftEnd: clock(Math.ceil(secondsOf(to.returnAt) / 60) * 60) });
    try {
      const body = await expectRefusedWritingNothing(() => auth(http().post(moveUrl(plan.id, from.id, from.stops[0].id))).send({ toRouteId: to.id, position: 1 }));
      expect(body.violations).toEqual([expect.objectContaining({ rule: 'shift', limit: 'shift_end', routeId: to.id })]);
    } finally {
      await vehicles.update(owner.county.id, to.vehicleId, { shiftEnd: '19:00' });
    }
  });

  let moved: any;

  it('moves a stop to another route: the answer has both routes re-timed and re-priced as worked out from their stored stops, and the new totals', async () => {
    const [from, to] = tricycleRoutes(plan);
    const stop = from.stops[1];
    const response = await auth(http().post(moveUrl(plan.id, from.id, stop.id)))
      .set('Idempotency-Key', 'move-1')
      .send({ toRouteId: to.id, position: 1, expectedRevision: plan.revision })
      .expect(200);
    moved = response.body;
    const stored = await getPlan(plan.id);
    // The answer's routes are the plan's routes as GET shows them, and its totals are theirs.
    expect(moved.routes.map((route: any) => route.id).sort()).toEqual([from.id, to.id].sort());
    for (const route of moved.routes) expect(route).toEqual(stored.routes.find((candidate: any) => candidate.id === route.id));
    expect(moved.plan).toMatchObject({ id: plan.id, revision: plan.revision + 1, totalCostFen: stored.routes.reduce((sum: number, route: any) => sum + route.costFen, 0) });
    expect(moved.plan.totalDistanceM).toBe(stored.routes.reduce((sum: number, route: any) => sum + route.distanceM, 0));
    expect(moved.removedRouteIds).toEqual([]);
    const target = moved.routes.find((route: any) => route.id === to.id);
    expect(target.stops.map((candidate: any) => [candidate.sequence, candidate.nodeId, candidate.shipmentIds])).toEqual([
      [1, stop.nodeId, stop.shipmentIds],
      [2, to.stops[0].nodeId, to.stops[0].shipmentIds],
    ]);
    expect(target.parcelsDelivered).toBe(2);
    // The stop keeps its id: a manifest or a driver's event that names it stays valid.
    expect((await query(`SELECT route_id FROM plan_stop WHERE id = $1`, [stop.id]))[0].route_id).toBe(to.id);
    for (const route of moved.routes) expect(figures(route)).toEqual(await recomputed(route, t1UnloadedS(stored)));
  });

  it('answers a repeat of the same Idempotency-Key with the first answer, doing nothing again; the edit is one event row with its actor', async () => {
    const [from] = tricycleRoutes(plan);
    const before = await snapshot();
    const again = await auth(http().post(moveUrl(plan.id, from.id, from.stops[1].id)))
      .set('Idempotency-Key', 'move-1')
      .send({ toRouteId: tricycleRoutes(plan)[1].id, position: 1, expectedRevision: plan.revision })
      .expect(200);
    expect(again.body).toEqual(moved);
    expect(await snapshot()).toEqual(before);
    const { body: events } = await auth(http().get(`${plansUrl()}/${plan.id}/events`)).expect(200);
    const operator = (await api.app.get(CountiesService).resolve(owner.apiKey))!.apiKeyId;
    const edits = events.filter((event: any) => event.type === 'route.stop_moved');
    expect(edits).toEqual([
      expect.objectContaining({
        actor: operator,
        routeId: from.id,
        data: expect.objectContaining({ stopId: from.stops[1].id, toRouteId: tricycleRoutes(plan)[1].id, position: 1 }),
      }),
    ]);
  });

  it('re-orders a route: times move, as worked out from the stored stops', async () => {
    const route = vanRoutes(plan).find((candidate: any) => candidate.stops.every((stop: any) => stop.nodeId !== earlyVillageId));
    const current = await getPlan(plan.id);
    const response = await auth(http().put(orderUrl(plan.id, route.id)))
      .send({ stopIds: [...route.stops].reverse().map((stop: any) => stop.id), expectedRevision: current.revision })
      .expect(200);
    const [reordered] = response.body.routes;
    expect(reordered.stops.map((stop: any) => stop.nodeId)).toEqual([...route.stops].reverse().map((stop: any) => stop.nodeId));
    expect(figures(reordered)).toEqual(await recomputed(reordered, 0));
    expect(response.body.plan.revision).toBe(current.revision + 1);
    const events = (await auth(http().get(`${plansUrl()}/${plan.id}/events`)).expect(200)).body;
    expect(events[events.length - 1]).toMatchObject({ type: 'route.stops_reordered', routeId: route.id });
  });

  it('refuses an edit made against a revision the plan has moved on from (409 stale_version), writing nothing', async () => {
    const route = (await getPlan(plan.id)).routes.find((candidate: any) => candidate.stops.length === 2 && candidate.startNodeId === county.hub.id);
    const body = await expectRefusedWritingNothing(() =>
      auth(http().put(orderUrl(plan.id, route.id))).send({ stopIds: route.stops.map((stop: any) => stop.id), expectedRevision: plan.revision }),
    );
    expect(body).toMatchObject({ code: 'stale_version', expectedRevision: plan.revision });
  });

  it('runs two concurrent requests with one Idempotency-Key once, and serialises two edits of one plan', async () => {
    const current = await getPlan(plan.id);
    const route = vanRoutes(current).find((candidate: any) => candidate.stops.every((stop: any) => stop.nodeId !== earlyVillageId));
    const stopIds = [...route.stops].reverse().map((stop: any) => stop.id);
    const twins = await Promise.all(
      [1, 2, 3, 4].map(() =>
        auth(http().put(orderUrl(plan.id, route.id)))
          .set('Idempotency-Key', 'race-1')
          .send({ stopIds }),
      ),
    );
    const succeeded = twins.filter((response) => response.status === 200);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    for (const response of twins) {
      if (response.status === 200) expect(response.body).toEqual(succeeded[0]!.body);
      else expect([response.status, response.body.code]).toEqual([409, 'idempotency_in_progress']);
    }
    const after = await getPlan(plan.id);
    expect(after.revision).toBe(current.revision + 1);
    // Two different edits against the same revision: the plan's row lock orders them; the second sees a newer revision.
    const both = await Promise.all(
      [stopIds, [...stopIds].reverse()].map((order) => auth(http().put(orderUrl(plan.id, route.id))).send({ stopIds: order, expectedRevision: after.revision })),
    );
    expect(both.map((response) => response.status).sort()).toEqual([200, 409]);
    expect(both.find((response) => response.status === 409)!.body.code).toBe('stale_version');
    expect((await getPlan(plan.id)).revision).toBe(after.revision + 1);
  });

  it('refuses edits of a locked route', async () => {
    const [route] = tricycleRoutes(await getPlan(plan.id));
    await auth(http().patch(`${plansUrl()}/${plan.id}/routes/${route.id}`))
      .send({ locked: true })
      .expect(200);
    const body = await expectRefusedWritingNothing(() => auth(http().put(orderUrl(plan.id, route.id))).send({ stopIds: route.stops.map((stop: any) => stop.id) }));
    expect(body).toMatchObject({ code: 'illegal_transition', routeId: route.id, locked: true });
    await auth(http().patch(`${plansUrl()}/${plan.id}/routes/${route.id}`))
      .send({ locked: false })
      .expect(200);
  });

  it('on a published plan: refuses to touch a dispatched route, and tells each platform the new ETAs of an edit through the outbox', async () => {
    const before = await getPlan(plan.id);
    const published = await auth(http().post(`${plansUrl()}/${plan.id}/publish`))
      .send({ expectedRevision: before.revision })
      .expect(200);
    expect(published.body).toMatchObject({ lifecycle: 'published', revision: before.revision + 1 });
    const driver = await api.app.get(DriversService).create(owner.county.id, { name: '孙师傅', phone: '13800138009' });
    const [dispatched, other] = tricycleRoutes(before);
    await auth(http().patch(`${plansUrl()}/${plan.id}/routes/${dispatched.id}`))
      .send({ driverId: driver.id })
      .expect(200);
    await auth(http().patch(`${plansUrl()}/${plan.id}/routes/${dispatched.id}`))
      .send({ status: 'dispatched' })
      .expect(200);
    const refused = await expectRefusedWritingNothing(() => auth(http().post(moveUrl(plan.id, other.id, other.stops[0].id))).send({ toRouteId: dispatched.id, position: 1 }));
    expect(refused).toMatchObject({ code: 'illegal_transition', routeId: dispatched.id, currentStatus: 'dispatched' });

    const route = vanRoutes(before).find((candidate: any) => candidate.stops.every((stop: any) => stop.nodeId !== earlyVillageId));
    const response = await auth(http().put(orderUrl(plan.id, route.id)))
      .send({ stopIds: [...route.stops].reverse().map((stop: any) => stop.id) })
      .expect(200);
    const [edited] = response.body.routes;
    const arrivalBefore = new Map(route.stops.map((stop: any) => [stop.id, stop.arrivalAt]));
    const changed = edited.stops.filter((stop: any) => stop.kind === 'village' && arrivalBefore.get(stop.id) !== stop.arrivalAt);
    expect(changed.length).toBeGreaterThan(0);
    const events: Array<{ shipment_id: string; platform_id: string; payload: any; shipment_platform: string }> = await query(
      `SELECT e.shipment_id, e.platform_id, e.payload, s.platform_id AS shipment_platform FROM shipment_event e JOIN shipment s ON s.id = e.shipment_id
         JOIN shipment_outbox o ON o.event_id = e.id WHERE e.county_id = $1 AND e.type = 'shipment.updated' AND e.payload->>'reason' LIKE 'rescheduled%'`,
      [owner.county.id],
    );
    const expected = changed.flatMap((stop: any) => stop.shipmentIds.map((shipmentId: string) => [shipmentId, stop.arrivalAt]));
    expect(events.map((event) => event.shipment_id).sort()).toEqual(expected.map(([shipmentId]: [string]) => shipmentId).sort());
    for (const event of events) {
      const arrivalAt = expected.find(([shipmentId]: [string]) => shipmentId === event.shipment_id)[1];
      expect(event.platform_id).toBe(event.shipment_platform);
      expect(event.payload).toMatchObject({ status: 'planned', plannedDate: SERVICE_DATE });
      expect(Date.parse(event.payload.eta.from)).toBe(Date.parse(arrivalAt) - 3600_000);
      expect(Date.parse(event.payload.eta.to)).toBe(Date.parse(arrivalAt) + 3600_000);
    }
  });

  it('refuses edits and publishing of a superseded version, and edits of a cancelled one (409, nothing written)', async () => {
    const replanned = await auth(http().post(plansUrl())).send({ serviceDate: SERVICE_DATE, wave: 1, replan: true, timeLimitS: 5 }).expect(202);
    expect(replanned.body).toMatchObject({ version: 2, supersedesPlanId: plan.id });
    const version2 = await waitForComputedPlan(api, owner, replanned.body.id);
    const old = await getPlan(plan.id);
    const route = vanRoutes(old).find((candidate: any) => candidate.status === 'planned');
    const stale = await expectRefusedWritingNothing(() => auth(http().put(orderUrl(plan.id, route.id))).send({ stopIds: route.stops.map((stop: any) => stop.id) }));
    expect(stale).toMatchObject({ code: 'stale_version', version: 1, latestVersion: 2 });
    // Publishing only the revision the dispatcher read: a change since (a lock and an unlock) makes it stale.
    const [anyRoute] = version2.routes;
    await auth(http().patch(`${plansUrl()}/${version2.id}/routes/${anyRoute.id}`))
      .send({ locked: true })
      .expect(200);
    await auth(http().patch(`${plansUrl()}/${version2.id}/routes/${anyRoute.id}`))
      .send({ locked: false })
      .expect(200);
    const publishStale = await expectRefusedWritingNothing(() => auth(http().post(`${plansUrl()}/${version2.id}/publish`)).send({ expectedRevision: version2.revision }));
    expect(publishStale.code).toBe('stale_version');
    await auth(http().post(`${plansUrl()}/${version2.id}/publish`))
      .send({})
      .expect(200);
    expect((await getPlan(plan.id)).lifecycle).toBe('cancelled');
    const cancelled = await expectRefusedWritingNothing(() => auth(http().put(orderUrl(plan.id, route.id))).send({ stopIds: route.stops.map((stop: any) => stop.id) }));
    expect(cancelled).toMatchObject({ code: 'illegal_transition', lifecycle: 'cancelled' });
  }, 120_000);
});
