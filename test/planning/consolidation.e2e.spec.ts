import request from 'supertest';
import { DataSource } from 'typeorm';
import { createCounty } from '../support/factories';
import { createPlatform, shipmentInput, TestPlatform } from '../shipments/support/platform-client';
import { receiveAtHub } from './support/planning-county';
import { PlanningE2e, startPlanningE2e, waitForComputedPlan } from './support/planning-e2e';

/**
 * Consolidation over days on the planning county (T1 with a tricycle, T2 served from the hub) with T1's
 * villages served Mon/Wed/Fri. The Clock starts on Monday 2026-11-30 at 06:00 (test-app.ts), so the
 * parcels scanned now are due, by the county default for standard, on Thursday 2026-12-03 at 20:00.
 */
const TUESDAY = '2026-12-01';
const WEDNESDAY = '2026-12-02';

// Each plan here is solved twice (the consolidated day and its baseline) within its time limit.
jest.setTimeout(300_000);

describe('consolidation over days: service calendars and promises decide what goes', () => {
  let e2e: PlanningE2e;
  let platform: TestPlatform;
  let tuesday: any;
  const shipmentIds: Record<string, string> = {};
  const http = () => request(e2e.api.baseUrl);
  const countyUrl = () => `/v1/counties/${e2e.owner.county.id}`;
  const villageCode = (index: number) => e2e.county.villages[index]!.adminCode!;
  const villageStops = (plan: any) => plan.routes.flatMap((route: any) => route.stops.filter((stop: any) => stop.kind === 'village'));
  const stopOf = (plan: any, shipmentId: string) => villageStops(plan).find((stop: any) => stop.shipmentIds.includes(shipmentId));
  const plan = async (serviceDate: string) => {
    const response = await http().post(`${countyUrl()}/plans`).set('Authorization', e2e.owner.authorization).send({ serviceDate, wave: 1, timeLimitS: 20, seed: 5 }).expect(202);
    return waitForComputedPlan(e2e.api, e2e.owner, response.body.id);
  };
  const shipmentCount = async () => Number((await e2e.api.app.get(DataSource).query('SELECT count(*) AS n FROM shipment'))[0].n);

  beforeAll(async () => {
    e2e = await startPlanningE2e();
    platform = await createPlatform(e2e.api.app, e2e.api.baseUrl, e2e.owner.county.id);
    await http()
      .put(`${countyUrl()}/nodes/${e2e.county.stations.T1.id}/service-calendar`)
      .set('Authorization', e2e.owner.authorization)
      .send({ rule: 'weekdays', weekdays: ['mon', 'wed', 'fri'] })
      .expect(200);
    const [waits, dueToday, ridesAlong, express] = await receiveAtHub(e2e.api.app, e2e.owner.county.id, [
      { villageCode: villageCode(0), parcelWeightsG: [1_200], serviceLevel: 'standard' },
      { villageCode: villageCode(1), parcelWeightsG: [900], serviceLevel: 'standard', promisedBy: `${TUESDAY}T20:00:00+08:00` },
      { villageCode: villageCode(1), parcelWeightsG: [700], serviceLevel: 'standard' },
      // Its promise would allow Wednesday, T1's next service day: express is never deferred all the same.
      { villageCode: villageCode(2), parcelWeightsG: [500], serviceLevel: 'express', promisedBy: `${WEDNESDAY}T20:00:00+08:00` },
    ]);
    Object.assign(shipmentIds, { waits, dueToday, ridesAlong, express });
  }, 120_000);

  afterAll(async () => {
    await e2e?.close();
  });

  it('accepts a promisedBy that has already passed, flags it late; refuses one before 2000 or more than a year ahead, writing nothing', async () => {
    const before = await shipmentCount();
    const tooEarly = await platform.push({ shipments: [shipmentInput({ destination: { villageCode: villageCode(4) }, promisedBy: '1999-12-31T20:00:00+08:00' })] }).expect(400);
    expect(tooEarly.body.errors).toEqual([{ field: 'shipments[0].promisedBy', message: 'must be 2000-01-01 or later' }]);
    const tooLate = await platform
      .push({
        shipments: [
          shipmentInput({ destination: { villageCode: villageCode(4) } }),
          shipmentInput({ destination: { villageCode: villageCode(4) }, promisedBy: '2028-01-01T20:00:00+08:00' }),
        ],
      })
      .expect(400);
    expect(tooLate.body.errors).toEqual([{ field: 'shipments[1].promisedBy', message: expect.stringMatching(/at most a year ahead/) }]);
    expect(await shipmentCount()).toBe(before);

    const past = shipmentInput({ destination: { villageCode: villageCode(4) }, promisedBy: '2026-11-29T18:00:00+08:00' });
    const accepted = await platform.push({ shipments: [past] }).expect(200);
    shipmentIds.pastPromise = accepted.body.results[0].shipmentId;
    const barcodes = (past.parcels as Array<{ barcode: string }>).map((parcel) => parcel.barcode);
    await http().post(`${countyUrl()}/scans`).set('Authorization', e2e.owner.authorization).send({ barcodes }).expect(200);
    const stored = await http().get(`${countyUrl()}/shipments/${shipmentIds.pastPromise}`).set('Authorization', e2e.owner.authorization).expect(200);
    expect(stored.body).toMatchObject({ status: 'at_hub', lateOnArrival: true, promisedBy: '2026-11-29T10:00:00.000Z' });
    expect(Date.parse(stored.body.arrivedAt)).toBeGreaterThanOrEqual(Date.parse('2026-11-30T06:00:00+08:00'));
  });

  it('Tuesday: the Mon/Wed/Fri village gets no run; the village a promise forces is visited, and its other parcel rides along', async () => {
    tuesday = await plan(TUESDAY);
    expect(tuesday.status).toBe('computed');
    const visited = villageStops(tuesday).map((stop: any) => stop.nodeId);
    expect(visited).not.toContain(e2e.county.villages[0]!.id);
    expect(stopOf(tuesday, shipmentIds.dueToday!)).toMatchObject({ nodeId: e2e.county.villages[1]!.id });
    expect(stopOf(tuesday, shipmentIds.dueToday!).shipmentIds).toContain(shipmentIds.ridesAlong);
    // Delivered by the promise: planned arrival at the village no later than it.
    expect(Date.parse(stopOf(tuesday, shipmentIds.dueToday!).arrivalAt)).toBeLessThanOrEqual(Date.parse(`${TUESDAY}T20:00:00+08:00`));
  });

  it('never defers an express parcel', () => {
    expect(stopOf(tuesday, shipmentIds.express!)).toMatchObject({ nodeId: e2e.county.villages[2]!.id });
  });

  it('plans the parcel whose promise had passed, listed late with the reason', () => {
    expect(stopOf(tuesday, shipmentIds.pastPromise!)).toMatchObject({ nodeId: e2e.county.villages[4]!.id });
    expect(tuesday.late).toEqual([
      expect.objectContaining({
        shipmentId: shipmentIds.pastPromise,
        reason: 'promise_passed',
        promiseSource: 'platform',
        plannedArrivalAt: stopOf(tuesday, shipmentIds.pastPromise!).arrivalAt,
      }),
    ]);
    expect(tuesday.unassigned).toEqual([]);
  });

  it('lists the deferred parcel with its reason and the day it is now planned for, as JSON and CSV', async () => {
    expect(tuesday.deferred).toEqual({ shipments: 1, parcels: 1, byReason: { not_service_day: 1 } });
    const listed = await http().get(`${countyUrl()}/plans/${tuesday.id}/deferred`).set('Authorization', e2e.owner.authorization).expect(200);
    expect(listed.body).toMatchObject({ planId: tuesday.id, serviceDate: TUESDAY, summary: tuesday.deferred });
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        shipmentId: shipmentIds.waits,
        village: expect.objectContaining({ id: e2e.county.villages[0]!.id }),
        direction: 'delivery',
        reason: 'not_service_day',
        plannedFor: WEDNESDAY,
        dueBy: '2026-12-03T20:00:00+08:00',
        promiseSource: 'county_default',
      }),
    ]);
    const csv = await http().get(`${countyUrl()}/plans/${tuesday.id}/deferred?format=csv`).set('Authorization', e2e.owner.authorization).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('shipment_id,platform_shipment_id,village_code,village_name,direction,parcels,reason,planned_for,due_by,promise_source');
    expect(lines.slice(1)).toEqual([expect.stringContaining(`${shipmentIds.waits},`)]);
    expect(lines[1]).toContain(`,${villageCode(0)},`);
    expect(lines[1]).toContain(',not_service_day,2026-12-02,2026-12-03T20:00:00+08:00,county_default');
    const pdf = await http().get(`${countyUrl()}/plans/${tuesday.id}/deferred?format=pdf`).set('Authorization', e2e.owner.authorization).expect(400);
    expect(pdf.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
  });

  it('Wednesday, once Tuesday is published: the deferred parcel is planned, within its promise', async () => {
    await http().post(`${countyUrl()}/plans/${tuesday.id}/publish`).set('Authorization', e2e.owner.authorization).expect(200);
    const wednesday = await plan(WEDNESDAY);
    expect(wednesday.status).toBe('computed');
    const stop = stopOf(wednesday, shipmentIds.waits!);
    expect(stop).toMatchObject({ nodeId: e2e.county.villages[0]!.id });
    expect(Date.parse(stop.arrivalAt)).toBeLessThanOrEqual(Date.parse('2026-12-03T20:00:00+08:00'));
    // Nothing Tuesday published is routed again.
    for (const id of [shipmentIds.dueToday, shipmentIds.ridesAlong, shipmentIds.express, shipmentIds.pastPromise]) expect(stopOf(wednesday, id!)).toBeUndefined();
  });

  it("reads and sets the county's default promises; a level twice or a bad time is a 400 that writes nothing; only admins set them", async () => {
    const other = await createCounty(e2e.api.app);
    const url = `/v1/counties/${other.county.id}/promise-defaults`;
    const defaults = await http().get(url).set('Authorization', other.authorization).expect(200);
    expect(defaults.body.rules).toEqual([
      { serviceLevel: 'standard', daysAfterArrival: 3, dueTime: '20:00', cutoffTime: null, source: 'default' },
      { serviceLevel: 'express', daysAfterArrival: 0, dueTime: '20:00', cutoffTime: '12:00', source: 'default' },
      { serviceLevel: 'economy', daysAfterArrival: 5, dueTime: '20:00', cutoffTime: null, source: 'default' },
      { serviceLevel: 'scheduled', daysAfterArrival: 7, dueTime: '20:00', cutoffTime: null, source: 'default' },
    ]);
    const set = await http()
      .put(url)
      .set('Authorization', other.authorization)
      .send({ rules: [{ serviceLevel: 'standard', daysAfterArrival: 2, dueTime: '18:00', cutoffTime: null }] })
      .expect(200);
    expect(set.body.rules[0]).toEqual({ serviceLevel: 'standard', daysAfterArrival: 2, dueTime: '18:00', cutoffTime: null, source: 'county' });
    const twice = await http()
      .put(url)
      .set('Authorization', other.authorization)
      .send({
        rules: [
          { serviceLevel: 'economy', daysAfterArrival: 4, dueTime: '20:00', cutoffTime: null },
          { serviceLevel: 'economy', daysAfterArrival: 6, dueTime: '20:00', cutoffTime: null },
        ],
      })
      .expect(400);
    expect(twice.body.errors).toEqual([expect.objectContaining({ field: 'rules[1].serviceLevel' })]);
    const badTime = await http()
      .put(url)
      .set('Authorization', other.authorization)
      .send({ rules: [{ serviceLevel: 'express', daysAfterArrival: 31, dueTime: '25:00', cutoffTime: null }] })
      .expect(400);
    expect(badTime.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['rules[0].daysAfterArrival', 'rules[0].dueTime']);
    expect((await http().get(url).set('Authorization', other.authorization).expect(200)).body.rules.map((rule: { source: string }) => rule.source)).toEqual([
      'county',
      'default',
      'default',
      'default',
    ]);
    const dispatcher = await createCounty(e2e.api.app, { role: 'dispatcher' });
    await http().put(`/v1/counties/${dispatcher.county.id}/promise-defaults`).set('Authorization', dispatcher.authorization).send({ rules: [] }).expect(403);
  });
});
