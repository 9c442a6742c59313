import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import { QueueName } from '../../src/infra/queue/queue-names';
import { WaveSchedulesService } from '../../src/planning/wave-schedules.service';
import { ShipmentsQueryService } from '../../src/shipments/shipments-query.service';
import { CountyWithKey } from '../support/factories';
import { TestApp } from '../support/test-app';
import { PlanningCounty, receiveAtHub } from './support/planning-county';
import { PlanningE2e, startPlanningE2e } from './support/planning-e2e';

/** 00:30 UTC is 08:30 in Asia/Shanghai: the county's today is 2026-12-05. */
const CLOCK_START = new Date('2026-12-05T00:30:00Z');
const TODAY = '2026-12-05';

describe('scheduled waves: job schedulers per county cut-off, one plan per wave and day', () => {
  let setup: PlanningE2e;
  let api: TestApp;
  let owner: CountyWithKey;
  let county: PlanningCounty;

  const http = () => request(api.baseUrl);
  const scheduleUrl = () => `/v1/counties/${owner.county.id}/wave-schedule`;
  const put = (body: object) => http().put(scheduleUrl()).set('Authorization', owner.authorization).send(body);
  const plansOf = async () => (await http().get(`/v1/counties/${owner.county.id}/plans`).set('Authorization', owner.authorization).expect(200)).body;

  beforeAll(async () => {
    setup = await startPlanningE2e({ clockStart: CLOCK_START });
    ({ api, owner, county } = setup);
  }, 60_000);

  afterAll(async () => {
    if (owner) await put({ waves: [], autoPublish: false });
    await setup?.close();
  });

  it("turns the county's cut-offs into job schedulers in its time zone, and follows a change of schedule", async () => {
    const first = await put({
      waves: [
        { wave: 2, cutoff: '12:30' },
        { wave: 1, cutoff: '06:30' },
      ],
      autoPublish: false,
    }).expect(200);
    expect(first.body.waves).toEqual([
      { wave: 1, cutoff: '06:30' },
      { wave: 2, cutoff: '12:30' },
    ]);
    expect(first.body.schedulers.sort((a: any, b: any) => a.id.localeCompare(b.id))).toEqual([
      { id: `wave-${owner.county.id}-1`, pattern: '30 6 * * *', tz: 'Asia/Shanghai' },
      { id: `wave-${owner.county.id}-2`, pattern: '30 12 * * *', tz: 'Asia/Shanghai' },
    ]);
    const changed = await put({ waves: [{ wave: 1, cutoff: '07:00' }], autoPublish: false }).expect(200);
    expect(changed.body.schedulers).toEqual([{ id: `wave-${owner.county.id}-1`, pattern: '0 7 * * *', tz: 'Asia/Shanghai' }]);
  });

  it('refuses a bad schedule with 400 and keeps the old one', async () => {
    const duplicate = await put({
      waves: [
        { wave: 1, cutoff: '06:30' },
        { wave: 1, cutoff: '09:00' },
      ],
      autoPublish: false,
    }).expect(400);
    expect(duplicate.headers['content-type']).toMatch(/application\/problem\+json/);
    await put({ waves: [{ wave: 1, cutoff: '25:00' }], autoPublish: false }).expect(400);
    const stored = await http().get(scheduleUrl()).set('Authorization', owner.authorization).expect(200);
    expect(stored.body.waves).toEqual([{ wave: 1, cutoff: '07:00' }]);
  });

  it("creates the wave's plan for the county's today; firing again (a restarted scheduler) makes no second plan", async () => {
    const schedules = api.app.get(WaveSchedulesService);
    const first = await schedules.fire(owner.county.id, 1);
    const again = await schedules.fire(owner.county.id, 1);
    expect(first).toMatchObject({ serviceDate: TODAY, wave: 1, version: 1, lifecycle: 'draft' });
    expect(again!.id).toBe(first!.id);
    expect(await schedules.fire(owner.county.id, 5)).toBeNull();
    expect((await plansOf()).map((plan: any) => [plan.serviceDate, plan.wave])).toEqual([[TODAY, 1]]);
  });

  it('publishes a scheduled plan once computed when the county says so (through the queue and the worker)', async () => {
    const codes = county.villages.slice(0, 2).map((village) => village.adminCode!);
    const shipments = await receiveAtHub(
      api.app,
      owner.county.id,
      codes.map((villageCode) => ({ villageCode, parcelWeightsG: [1_000] })),
    );
    await put({
      waves: [
        { wave: 1, cutoff: '07:00' },
        { wave: 2, cutoff: '12:30' },
      ],
      autoPublish: true,
    }).expect(200);
    const queue = api.app.get<Queue>(getQueueToken(QueueName.waveSchedule));
    await queue.add('scheduled-wave', { countyId: owner.county.id, wave: 2, version: 1 }, { jobId: `test-wave-2-${TODAY}` });
    let plan: any;
    for (let attempt = 0; attempt < 600 && plan?.lifecycle !== 'published'; attempt++) {
      plan = (await plansOf()).find((candidate: any) => candidate.wave === 2);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(plan).toMatchObject({ serviceDate: TODAY, status: 'computed', lifecycle: 'published' });
    const statuses = await Promise.all(shipments.map(async (id) => (await api.app.get(ShipmentsQueryService).get(owner.county.id, id)).shipment.status));
    expect(statuses).toEqual(['planned', 'planned']);
    const events = (await http().get(`/v1/counties/${owner.county.id}/plans/${plan.id}/events`).set('Authorization', owner.authorization).expect(200)).body;
    expect(events.map((event: any) => [event.type, event.actor])).toEqual([
      ['plan.requested', 'scheduler'],
      ['plan.computed', 'worker'],
      ['plan.published', 'scheduler'],
    ]);
  }, 120_000);
});
