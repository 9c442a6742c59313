import request from 'supertest';
import { VEHICLE_SPECS } from '../../src/demo/county/demo-fleet';
import { DEFAULT_VEHICLE_COSTS } from '../../src/fleet/vehicle-cost-defaults';
import { NetworkImportService } from '../../src/network/import/network-import.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { useTestApp } from '../support/test-app';
import { smallNetwork } from '../network/network-fixtures';

describe('fleet: vehicles and drivers', () => {
  const testApp = useTestApp();
  let county: CountyWithKey;
  const vehicle = (overrides: Record<string, unknown> = {}) => ({ code: '甘K·10001', ...VEHICLE_SPECS.van, homeNodeCode: 'HUB', ...overrides });
  const post = (path: string, body: object, who: CountyWithKey = county) =>
    request(testApp.baseUrl).post(`/v1/counties/${who.county.id}/${path}`).set('Authorization', who.authorization).send(body);

  beforeAll(async () => {
    county = await createCounty(testApp.app);
    await testApp.app.get(NetworkImportService).importFeatureCollection(county.county.id, smallNetwork());
  });

  it('creates a vehicle with its home node by code and its shift in seconds from midnight', async () => {
    const created = await post('vehicles', vehicle()).expect(201);
    expect(created.body).toMatchObject({ code: '甘K·10001', vehicleClass: 'van', shiftStart: '06:00', shiftEnd: '17:00', shiftStartS: 21_600, shiftEndS: 61_200 });
    const hub = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/nodes`).query({ tier: 'county_hub' }).set('Authorization', county.authorization);
    expect(created.body.homeNodeId).toBe(hub.body.items[0].id);
    const fetched = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/vehicles/${created.body.id}`).set('Authorization', county.authorization).expect(200);
    expect(fetched.body).toEqual(created.body);
  });

  it.each([
    ['a negative capacity', { capacityWeightG: -1 }, 'capacityWeightG'],
    ['a fractional cost', { costPerKmFen: 7.5 }, 'costPerKmFen'],
    ['an unknown class', { vehicleClass: 'bicycle' }, 'vehicleClass'],
    ['a shift time that is not HH:MM', { shiftStart: '6:30' }, 'shiftStart'],
    ['a shift that ends before it starts', { shiftStart: '18:00', shiftEnd: '08:00' }, 'shiftEnd'],
    ['an unknown home node', { homeNodeCode: 'NOPE' }, 'homeNodeCode'],
    ['a missing capacity', { capacityParcels: undefined }, 'capacityParcels'],
  ])('refuses %s with 400 naming the field', async (_name, overrides, field) => {
    const response = await post('vehicles', vehicle({ code: 'BAD', ...overrides })).expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    const listed = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/vehicles`).set('Authorization', county.authorization).expect(200);
    expect(listed.body.map((row: { code: string }) => row.code)).not.toContain('BAD');
  });

  it('refuses a duplicate code with 409 and patches a vehicle', async () => {
    await post('vehicles', vehicle()).expect(409);
    const created = await post('vehicles', vehicle({ code: 'TRI-1', vehicleClass: 'tricycle', homeNodeCode: 'T1' })).expect(201);
    const patched = await request(testApp.baseUrl)
      .patch(`/v1/counties/${county.county.id}/vehicles/${created.body.id}`)
      .set('Authorization', county.authorization)
      .send({ capacityParcels: 120, shiftEnd: '19:00', active: false })
      .expect(200);
    expect(patched.body).toMatchObject({ capacityParcels: 120, shiftEndS: 68_400, active: false, vehicleClass: 'tricycle' });
    const tricycles = await request(testApp.baseUrl)
      .get(`/v1/counties/${county.county.id}/vehicles`)
      .query({ vehicleClass: 'tricycle' })
      .set('Authorization', county.authorization);
    expect(tricycles.body.map((row: { code: string }) => row.code)).toEqual(['TRI-1']);
    const active = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/vehicles`).query({ active: 'true' }).set('Authorization', county.authorization);
    expect(active.body.map((row: { code: string }) => row.code)).toEqual(['甘K·10001']);
    await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/vehicles`).query({ vehicleClass: 'bicycle' }).set('Authorization', county.authorization).expect(400);
  });

  it('creates drivers with a vehicle and a home node, unique by phone', async () => {
    const created = await post('drivers', { name: '王师傅', phone: '13800000001', vehicleCode: '甘K·10001', homeNodeCode: 'HUB' }).expect(201);
    expect(created.body).toMatchObject({ name: '王师傅', phone: '+8613800000001', active: true });
    expect(created.body.vehicleId).toEqual(expect.any(String));
    // One number however it is written: the stored form is E.164.
    for (const phone of ['13800000001', '138-0000-0001', '+86 138 0000 0001', '0086 13800000001']) await post('drivers', { name: '李师傅', phone }).expect(409);
    const refused = await post('drivers', { name: '李师傅', phone: 'call me' }).expect(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'phone' })]);
    const landline = await post('drivers', { name: '赵师傅', phone: '0939-7654321' }).expect(201);
    expect(landline.body.phone).toBe('+869397654321');
    const unassigned = await request(testApp.baseUrl)
      .patch(`/v1/counties/${county.county.id}/drivers/${created.body.id}`)
      .set('Authorization', county.authorization)
      .send({ vehicleId: null })
      .expect(200);
    expect(unassigned.body.vehicleId).toBeNull();
    const listed = await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/drivers`).set('Authorization', county.authorization).expect(200);
    expect(listed.body).toHaveLength(2);
  });

  it('lets a viewer read but not write, and keeps counties apart', async () => {
    const viewer = await createCounty(testApp.app, { role: 'viewer' });
    await post('vehicles', vehicle(), viewer).expect(403);
    await post('drivers', { name: 'x', phone: '13800000009' }, viewer).expect(403);
    await request(testApp.baseUrl).get(`/v1/counties/${county.county.id}/vehicles`).set('Authorization', viewer.authorization).expect(403);
    await request(testApp.baseUrl).get(`/v1/counties/${viewer.county.id}/vehicles`).set('Authorization', viewer.authorization).expect(200);
  });

  it.each(Object.entries(DEFAULT_VEHICLE_COSTS))('gives a new %s without costs its class defaults, never 0', async (vehicleClass, costs) => {
    const { fixedCostFen: _fixed, costPerKmFen: _perKm, costPerHourFen: _perHour, ...withoutCosts } = vehicle({ code: `NOCOST-${vehicleClass}`, vehicleClass });
    const created = await post('vehicles', withoutCosts).expect(201);
    expect(created.body).toMatchObject(costs);
    for (const value of Object.values(costs)) expect(value).toBeGreaterThan(0);
  });

  it('keeps the costs it is given, an explicit 0 included, and fills only the missing ones', async () => {
    const { costPerHourFen: _perHour, ...withoutHourly } = vehicle({ code: 'SOMECOST', vehicleClass: 'tricycle', fixedCostFen: 0, costPerKmFen: 12 });
    const created = await post('vehicles', withoutHourly).expect(201);
    expect(created.body).toMatchObject({ fixedCostFen: 0, costPerKmFen: 12, costPerHourFen: DEFAULT_VEHICLE_COSTS.tricycle.costPerHourFen });
  });
});
