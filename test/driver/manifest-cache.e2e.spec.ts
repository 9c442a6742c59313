import { randomUUID } from 'node:crypto';
import { CountiesService } from '../../src/counties/counties.service';
import { DriverDay, SERVICE_DATE, startDriverDay } from './support/driver-day';
import { beijing, Phone } from './support/phone';

const EVENING = new Date(`${SERVICE_DATE}T19:00:00+08:00`);

/**
 * Manifests are served from a per-process cache of prepared answers, checked on every request against
 * the fingerprint of what they print. Every input a manifest prints is changed here, each by the writer
 * that would change it (the API where it has one, plain SQL for what another writer or a correction by
 * hand would change), and the next read of the driver's runs and of the operators' route manifest must
 * show it at once, with a new ETag.
 */
describe('cached manifests: every printed input invalidates them at once', () => {
  let day: DriverDay;
  let tricycle: Phone;
  let routeId: string;
  let viewerAuthorization: string;

  const runsPath = `/v1/driver/runs?date=${SERVICE_DATE}`;
  const manifestPath = () => `/v1/counties/${day.owner.county.id}/plans/${day.plan.id}/routes/${routeId}/manifest`;
  const sql = (text: string, parameters: unknown[] = []) => day.query(text, parameters);

  /** The driver's run and the operators' manifest of the same route (admin: phones whole; viewer: masked), each read twice. */
  async function read(): Promise<{ run: any; manifest: any; masked: any; etags: string[] }> {
    const runs = await tricycle.get(runsPath).expect(200);
    const again = await tricycle.get(runsPath).expect(200);
    expect(again.body).toEqual(runs.body);
    const operator = await day.http().get(manifestPath()).set('Authorization', day.owner.authorization).expect(200);
    const viewer = await day.http().get(manifestPath()).set('Authorization', viewerAuthorization).expect(200);
    expect((await day.http().get(manifestPath()).set('Authorization', day.owner.authorization).expect(200)).body).toEqual(operator.body);
    const driverManifest = await tricycle.get(`/v1/driver/runs/${routeId}/manifest`).expect(200);
    expect(driverManifest.body).toEqual(operator.body);
    const [run] = runs.body.runs.filter((candidate: any) => candidate.routeId === routeId);
    return { run, manifest: operator.body, masked: viewer.body, etags: [runs.headers.etag, operator.headers.etag, viewer.headers.etag] };
  }

  const shipments = (manifest: any) => manifest.stops.flatMap((stop: any) => [...stop.deliveries, ...stop.pickups]);
  const shipmentOf = (manifest: any, barcode: string) => shipments(manifest).find((shipment: any) => shipment.parcels.some((parcel: any) => parcel.barcode === barcode));

  let before: Awaited<ReturnType<typeof read>>;

  beforeAll(async () => {
    day = await startDriverDay({ clockStart: EVENING });
    tricycle = new Phone(day, await day.signIn(day.drivers.tricycle));
    await tricycle.syncClock();
    routeId = day.routeOf(day.drivers.tricycle).id;
    viewerAuthorization = `Bearer ${(await day.api.app.get(CountiesService).createApiKey(day.owner.county.id, 'hall screen', 'viewer')).secret}`;
  }, 240_000);

  afterAll(async () => {
    await day?.close();
  });

  beforeEach(async () => {
    before = await read();
  });

  /** After a change: the new answer differs where `expectChange` says, every ETag is new, and the driver's run still prints the operators' manifest. */
  async function expectShown(expectChange: (after: Awaited<ReturnType<typeof read>>) => void): Promise<void> {
    const after = await read();
    expectChange(after);
    after.etags.forEach((etag, index) => expect(etag).not.toBe(before.etags[index]));
    expect(after.run.manifest).toEqual(after.manifest);
  }

  it('serves the same answer while nothing changed, and masks phones for a viewer whatever was cached before', async () => {
    const again = await read();
    expect(again.etags).toEqual(before.etags);
    expect(shipmentOf(again.manifest, 'CODT1-1').contact.phone).toBe('+8613700137000');
    expect(shipmentOf(again.masked, 'CODT1-1').contact.phone).not.toBe('+8613700137000');
    expect(again.masked.phonesMasked).toBe(true);
  });

  it("shows a shipment's new contact (a platform's correction)", async () => {
    await sql(`UPDATE shipment SET contact_name = '王大明', contact_phone = '+8613900139000' WHERE id = $1`, [day.shipments.codT1]);
    await expectShown((after) => {
      expect(shipmentOf(after.manifest, 'CODT1-1').contact).toEqual({ name: '王大明', phone: '+8613900139000' });
      expect(shipmentOf(after.run.manifest, 'CODT1-1').contact.phone).toBe('+8613900139000');
      expect(shipmentOf(after.masked, 'CODT1-1').contact.name).toBe('王大明');
    });
  });

  it("shows a shipment's and a parcel's new cash on delivery, and the new totals", async () => {
    await sql(`UPDATE shipment SET cash_on_delivery_fen = cash_on_delivery_fen + 1000 WHERE id = $1`, [day.shipments.codT1]);
    await sql(`UPDATE shipment_parcel SET cash_on_delivery_fen = cash_on_delivery_fen + 1000 WHERE barcode = 'CODT1-1' AND county_id = $1`, [day.owner.county.id]);
    await expectShown((after) => {
      expect(shipmentOf(after.manifest, 'CODT1-1').cashOnDeliveryFen).toBe(shipmentOf(before.manifest, 'CODT1-1').cashOnDeliveryFen + 1000);
      expect(shipmentOf(after.manifest, 'CODT1-1').parcels.find((parcel: any) => parcel.barcode === 'CODT1-1').cashOnDeliveryFen).toBe(13_550);
      expect(after.manifest.totals.cashOnDeliveryFen).toBe(before.manifest.totals.cashOnDeliveryFen + 1000);
    });
  });

  it("shows a parcel's corrected weight", async () => {
    await sql(`UPDATE shipment_parcel SET weight_g = 950 WHERE barcode = 'CODT1-2' AND county_id = $1`, [day.owner.county.id]);
    await expectShown((after) => expect(shipmentOf(after.manifest, 'CODT1-1').parcels.find((parcel: any) => parcel.barcode === 'CODT1-2').weightG).toBe(950));
  });

  it("shows a stop's new ETA written without a plan event", async () => {
    const [stop] = await sql(`SELECT id FROM plan_stop WHERE route_id = $1 ORDER BY sequence LIMIT 1`, [routeId]);
    await sql(`UPDATE plan_stop SET arrival_at = arrival_at + interval '7 minutes' WHERE id = $1`, [stop.id]);
    await expectShown((after) => expect(after.manifest.stops[0].arrivalAt).not.toBe(before.manifest.stops[0].arrivalAt));
  });

  it('shows a shipment taken off a stop', async () => {
    await sql(`UPDATE plan_stop SET shipment_ids = array_remove(shipment_ids, $2::uuid) WHERE route_id = $1`, [routeId, day.shipments.pickup]);
    await expectShown((after) => {
      expect(shipmentOf(before.manifest, 'PICK1-1')).toBeDefined();
      expect(shipmentOf(after.manifest, 'PICK1-1')).toBeUndefined();
      expect(after.manifest.totals.parcelsToPickUp).toBe(before.manifest.totals.parcelsToPickUp - 1);
    });
  });

  it("shows a village's new name", async () => {
    const place = before.manifest.stops[0].place;
    await sql(`UPDATE network_node SET name = $2 WHERE id = $1`, [place.id, `${place.name}新村`]);
    await expectShown((after) => expect(after.manifest.stops[0].place.name).toBe(`${place.name}新村`));
  });

  it("shows the driver's new name and the vehicle's new code, changed through the API", async () => {
    const fleet = `/v1/counties/${day.owner.county.id}`;
    await day.http().patch(`${fleet}/drivers/${day.drivers.tricycle.id}`).set('Authorization', day.owner.authorization).send({ name: '刘大师傅' }).expect(200);
    await expectShown((after) => expect(after.manifest.driver.name).toBe('刘大师傅'));
    before = await read();
    await day.http().patch(`${fleet}/vehicles/${before.manifest.vehicle.id}`).set('Authorization', day.owner.authorization).send({ code: 'TRI-NEW' }).expect(200);
    await expectShown((after) => expect(after.manifest.vehicle.code).toBe('TRI-NEW'));
  });

  it("shows the county's new name", async () => {
    await sql(`UPDATE county SET name = '山谷新县' WHERE id = $1`, [day.owner.county.id]);
    await expectShown((after) => expect(after.manifest.county.name).toBe('山谷新县'));
  });

  it("shows the run's new status once the driver's event dispatched it", async () => {
    expect(before.run.status).toBe('planned');
    const departed = tricycle.event(beijing(SERVICE_DATE, '08:00'), { id: randomUUID(), type: 'departed', routeId });
    await tricycle.send([departed]).expect(200);
    const after = await read();
    expect(after.run.status).toBe('dispatched');
    expect(after.etags[0]).not.toBe(before.etags[0]);
  });

  it('drops the run from the driver whose route was given to another driver, and shows the new driver on the manifest', async () => {
    await sql(`UPDATE plan_route SET driver_id = $2 WHERE id = $1`, [routeId, day.drivers.spare.id]);
    const runs = await tricycle.get(runsPath).expect(200);
    expect(runs.body.runs.map((run: any) => run.routeId)).not.toContain(routeId);
    await tricycle.get(`/v1/driver/runs/${routeId}/manifest`).expect(404);
    const manifest = await day.http().get(manifestPath()).set('Authorization', day.owner.authorization).expect(200);
    expect(manifest.body.driver.name).toBe('王师傅');
    expect(manifest.headers.etag).not.toBe(before.etags[1]);
  });
});
