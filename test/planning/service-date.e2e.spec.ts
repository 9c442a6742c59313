import request from 'supertest';
import { DataSource } from 'typeorm';
import { CountiesService } from '../../src/counties/counties.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';

/** 00:30 on 1 December in China is still 30 November in UTC: "today" is the county's local date. */
const CLOCK_START = new Date('2026-12-01T00:30:00+08:00');

describe('service dates: from the county local today up to its planning horizon', () => {
  const testApp = useTestApp({ clockStart: CLOCK_START });
  let county: CountyWithKey;
  const plansUrl = (who: CountyWithKey = county) => `/v1/counties/${who.county.id}/plans`;
  const requestPlan = (serviceDate: string, who: CountyWithKey = county) =>
    request(testApp.baseUrl).post(plansUrl(who)).set('Authorization', who.authorization).send({ serviceDate, wave: 1 });
  const planCount = async () => Number((await testApp.app.get(DataSource).query('SELECT count(*) AS n FROM plan WHERE county_id = $1', [county.county.id]))[0].n);

  beforeAll(async () => {
    county = await createCounty(testApp.app);
  });

  it('refuses a date before the county local today with 400 naming serviceDate, and writes nothing', async () => {
    const response = await requestPlan('2026-11-30').expect(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.detail).toMatch(/in the past \(today is 2026-12-01 in Asia\/Shanghai\)/);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'serviceDate', message: expect.stringContaining('2026-12-01') })]);
    await requestPlan('2020-01-01').expect(400);
    expect(await planCount()).toBe(0);
  });

  it('accepts today and the last day of the default 7-day horizon, and refuses the day after', async () => {
    await requestPlan('2026-12-01').expect(202);
    await requestPlan('2026-12-08').expect(202);
    const beyond = await requestPlan('2026-12-09').expect(400);
    expect(beyond.body.errors).toEqual([expect.objectContaining({ field: 'serviceDate', message: expect.stringMatching(/2026-12-08 or earlier/) })]);
    expect(await planCount()).toBe(2);
  });

  it('follows the horizon an admin sets on the county, and only an admin may set it', async () => {
    const countyUrl = `/v1/counties/${county.county.id}`;
    const patched = await request(testApp.baseUrl).patch(countyUrl).set('Authorization', county.authorization).send({ planningHorizonDays: 0 }).expect(200);
    expect(patched.body).toMatchObject({ id: county.county.id, planningHorizonDays: 0 });
    await requestPlan('2026-12-02').expect(400);
    await request(testApp.baseUrl).patch(countyUrl).set('Authorization', county.authorization).send({ planningHorizonDays: -1 }).expect(400);
    await request(testApp.baseUrl).patch(countyUrl).set('Authorization', county.authorization).send({ planningHorizonDays: 2.5 }).expect(400);
    const dispatcher = await testApp.app.get(CountiesService).createApiKey(county.county.id, 'desk', 'dispatcher');
    await request(testApp.baseUrl).patch(countyUrl).set('Authorization', `Bearer ${dispatcher.secret}`).send({ planningHorizonDays: 30 }).expect(403);
    const read = await request(testApp.baseUrl).get(countyUrl).set('Authorization', county.authorization).expect(200);
    expect(read.body.planningHorizonDays).toBe(0);
  });

  it("takes today in the county's own time zone", async () => {
    const utc = await createCounty(testApp.app);
    await testApp.app.get(CountiesService).upsert({ name: utc.county.name, adminCode: utc.county.adminCode, timeZone: 'UTC' });
    await requestPlan('2026-11-30', utc).expect(202);
  });
});
