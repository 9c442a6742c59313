import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { get, IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { DriverDay, SERVICE_DATE, startDriverDay } from './support/driver-day';
import { beijing, Phone } from './support/phone';

const EVENING = new Date(`${SERVICE_DATE}T19:00:00+08:00`);
/** A 1×1 PNG: what a signature pad uploads, in small. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');

describe('the driver day: runs, offline events, lifecycle, progress, proofs and cash', () => {
  let day: DriverDay;
  let van: Phone;
  let tricycle: Phone;
  let vanRun: any;
  let tricycleRun: any;

  const statusOf = async (shipmentId: string) => (await day.query('SELECT status FROM shipment WHERE id = $1', [shipmentId]))[0].status;
  const statusEvents = (shipmentId: string) =>
    day.query(`SELECT from_status, to_status, payload FROM shipment_event WHERE shipment_id = $1 AND type = 'shipment.status_changed' ORDER BY id`, [shipmentId]);
  const operator = (path: string) => day.http().get(path).set('Authorization', day.owner.authorization);
  const progress = async () => (await operator(`/v1/counties/${day.owner.county.id}/plans/${day.plan.id}/progress`).expect(200)).body;
  const stopWith = (run: any, barcode: string) =>
    run.manifest.stops.find((stop: any) => [...stop.deliveries, ...stop.pickups].some((shipment: any) => shipment.parcels.some((parcel: any) => parcel.barcode === barcode)));
  const shipmentOf = (run: any, barcode: string) =>
    run.manifest.stops.flatMap((stop: any) => [...stop.deliveries, ...stop.pickups]).find((shipment: any) => shipment.parcels.some((parcel: any) => parcel.barcode === barcode));
  const time = (hhmm: string) => beijing(SERVICE_DATE, hhmm);

  function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      get(new URL(path, day.api.baseUrl), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  }

  beforeAll(async () => {
    day = await startDriverDay({ clockStart: EVENING });
    van = new Phone(day, await day.signIn(day.drivers.van), -5 * 60_000);
    tricycle = new Phone(day, await day.signIn(day.drivers.tricycle), 3 * 60_000);
    await van.syncClock();
    await tricycle.syncClock();
    [vanRun] = (await van.get(`/v1/driver/runs?date=${SERVICE_DATE}`).expect(200)).body.runs;
    [tricycleRun] = (await tricycle.get(`/v1/driver/runs?date=${SERVICE_DATE}`).expect(200)).body.runs;
  }, 240_000);

  afterAll(async () => {
    await day?.close();
  });

  describe('GET /v1/driver/runs', () => {
    it("gives each driver their own runs, with the operators' manifest and stop ids", async () => {
      expect(vanRun).toMatchObject({ routeId: day.routeOf(day.drivers.van).id, planId: day.plan.id, status: 'planned' });
      expect(vanRun.manifest.route.echelon).toBe('trunk');
      expect(tricycleRun.manifest).toMatchObject({ driver: { name: '刘师傅' }, start: { code: 'T1' }, phonesMasked: false });
      const storedStops = await day.query('SELECT id FROM plan_stop WHERE route_id = $1 ORDER BY sequence', [tricycleRun.routeId]);
      expect(tricycleRun.manifest.stops.map((stop: any) => stop.id)).toEqual(storedStops.map((stop: any) => stop.id));
      const cod = shipmentOf(tricycleRun, 'CODT1-1');
      expect(cod).toMatchObject({ contact: { name: '王小明', phone: '+8613700137000' }, cashOnDeliveryFen: 15_550 });
      const operatorManifest = (await operator(`/v1/counties/${day.owner.county.id}/plans/${day.plan.id}/routes/${tricycleRun.routeId}/manifest`).expect(200)).body;
      expect(tricycleRun.manifest).toEqual(operatorManifest);
      const spare = await day.signIn(day.drivers.spare);
      const none = await day.http().get(`/v1/driver/runs?date=${SERVICE_DATE}`).set('Authorization', `Bearer ${spare.accessToken}`).expect(200);
      expect(none.body.runs).toEqual([]);
    });

    it('is gzipped with an ETag; unchanged it answers 304, changed it answers the new day', async () => {
      const path = `/v1/driver/runs?date=${SERVICE_DATE}`;
      const authorization = `Bearer ${tricycle.tokens.accessToken}`;
      const first = await rawGet(path, { Authorization: authorization, 'Accept-Encoding': 'gzip' });
      expect(first.status).toBe(200);
      expect(first.headers['content-encoding']).toBe('gzip');
      const etag = first.headers.etag!;
      expect(JSON.parse(gunzipSync(first.body).toString('utf8')).runs[0].routeId).toBe(tricycleRun.routeId);
      expect((await rawGet(path, { Authorization: authorization, 'If-None-Match': etag })).status).toBe(304);
      await day.http().get('/v1/driver/runs?date=30-11-2026').set('Authorization', authorization).expect(400);
      // The operator dispatches the route: a plan event, so the runs are built again and carry the new status.
      await day
        .http()
        .patch(`/v1/counties/${day.owner.county.id}/plans/${day.plan.id}/routes/${tricycleRun.routeId}`)
        .set('Authorization', day.owner.authorization)
        .send({ status: 'dispatched' })
        .expect(200);
      const after = await rawGet(path, { Authorization: authorization, 'If-None-Match': etag });
      expect(after.status).toBe(200);
      expect(JSON.parse(after.body.toString('utf8')).runs[0].status).toBe('dispatched');
    });

    it("prints the operators' PDF for the driver's own route, and 404s another driver's", async () => {
      const pdf = await tricycle.get(`/v1/driver/runs/${tricycleRun.routeId}/manifest?format=pdf`).responseType('blob').expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdfText(pdf.body as Buffer)).toContain('配送路线单');
      await tricycle.get(`/v1/driver/runs/${vanRun.routeId}/manifest?format=pdf`).expect(404);
    });
  });

  describe('POST /v1/driver/events', () => {
    it('moves the trunk’s parcels to the station, then the last mile out for delivery, one webhook per change', async () => {
      const station = vanRun.manifest.stops.find((stop: any) => stop.kind === 'station_transfer' && stop.place.code === 'T1');
      const barcodes: string[] = station.deliveries.flatMap((shipment: any) => shipment.parcels.map((parcel: any) => parcel.barcode));
      const codShipment = day.shipments.codT1;
      const departed = await van.send([van.event(time('07:00'), { id: randomUUID(), type: 'departed', routeId: vanRun.routeId })]).expect(200);
      expect(departed.body).toMatchObject({ accepted: 1, rejected: 0, clockOffsetS: 300 });
      expect(await statusOf(codShipment)).toBe('in_transit');
      const handOver = barcodes.map((barcode, index) =>
        van.event(time('08:00') + index, { id: randomUUID(), type: 'handed_to_station', routeId: vanRun.routeId, stopId: station.id, barcode }),
      );
      expect((await van.send(handOver).expect(200)).body.accepted).toBe(barcodes.length);
      expect(await statusOf(codShipment)).toBe('at_township');
      await tricycle.send([tricycle.event(time('09:10'), { id: randomUUID(), type: 'departed', routeId: tricycleRun.routeId })]).expect(200);
      expect(await statusOf(codShipment)).toBe('out_for_delivery');
      const changes = await statusEvents(codShipment);
      expect(changes.map((change: any) => change.to_status)).toEqual(['at_hub', 'planned', 'in_transit', 'at_township', 'out_for_delivery']);
      expect(changes[4].payload).toMatchObject({ source: 'driver', routeId: tricycleRun.routeId, status: 'out_for_delivery', previousStatus: 'at_township' });
      expect((await day.query('SELECT count(*)::int AS n FROM shipment_outbox o JOIN shipment_event e ON e.id = o.event_id WHERE e.shipment_id = $1', [codShipment]))[0].n).toBe(
        changes.length + 1,
      );
    });

    it('delivers a shipment when its last parcel is delivered; a repeat is a duplicate; a failure after it does not undo it', async () => {
      const stop = stopWith(tricycleRun, 'CODT1-1');
      const first = tricycle.event(time('09:40'), {
        id: randomUUID(),
        type: 'delivered',
        routeId: tricycleRun.routeId,
        stopId: stop.id,
        barcode: 'CODT1-1',
        cashCollectedFen: 12_550,
      });
      expect((await tricycle.send([first]).expect(200)).body.accepted).toBe(1);
      expect(await statusOf(day.shipments.codT1)).toBe('out_for_delivery');
      const second = tricycle.event(time('09:41'), {
        id: randomUUID(),
        type: 'delivered',
        routeId: tricycleRun.routeId,
        stopId: stop.id,
        barcode: 'CODT1-2',
        cashCollectedFen: 2_500,
      });
      const late = tricycle.event(time('09:50'), { id: randomUUID(), type: 'failed', routeId: tricycleRun.routeId, barcode: 'CODT1-2', reasonCode: 'refused' });
      const response = await tricycle.send([second, first, late, second]).expect(200);
      expect(response.body.results.map((result: any) => result.outcome)).toEqual(['accepted', 'duplicate', 'accepted', 'duplicate']);
      expect(await statusOf(day.shipments.codT1)).toBe('delivered');
      const changes = await statusEvents(day.shipments.codT1);
      expect(changes.map((change: any) => change.to_status).slice(-1)).toEqual(['delivered']);
      const route = (await progress()).routes.find((entry: any) => entry.routeId === tricycleRun.routeId);
      expect(route.contradicted).toEqual(['CODT1-2']);
      expect(route.parcelsDelivered).toBeGreaterThanOrEqual(2);
    });

    it('judges each event on its own and says why; one bad event does not sink the batch', async () => {
      const stop = tricycleRun.manifest.stops[0];
      const parcel = stop.deliveries.find((shipment: any) => shipment.cashOnDeliveryFen === 0).parcels[0].barcode;
      const id = randomUUID();
      const events = [
        tricycle.event(time('10:00'), { id, type: 'arrived', routeId: tricycleRun.routeId, stopId: stop.id, location: { coordinates: stop.place.coordinates, accuracyM: 15 } }),
        tricycle.event(time('10:01'), { id: randomUUID(), type: 'delivered', routeId: vanRun.routeId, barcode: 'CODT2-1' }),
        tricycle.event(time('10:01'), { id: randomUUID(), type: 'delivered', routeId: tricycleRun.routeId, barcode: 'NO-SUCH-1' }),
        tricycle.event(time('10:01'), { id: randomUUID(), type: 'delivered', routeId: tricycleRun.routeId, barcode: 'CODT2-1' }),
        tricycle.event(time('10:02'), { id: randomUUID(), type: 'picked_up', routeId: tricycleRun.routeId, barcode: parcel }),
        tricycle.event(time('10:03'), { id: randomUUID(), type: 'failed', routeId: tricycleRun.routeId, barcode: parcel }),
        tricycle.event(time('10:03'), { id: randomUUID(), type: 'arrived', routeId: tricycleRun.routeId, stopId: randomUUID() }),
        { trueMs: 0, body: { id: randomUUID(), type: 'teleported', routeId: tricycleRun.routeId, recordedAt: 'yesterday' } },
        tricycle.event(time('10:04'), { id, type: 'arrived', routeId: tricycleRun.routeId, stopId: stop.id }),
        tricycle.event(tricycle.serverNowMs() + 3_600_000, { id: randomUUID(), type: 'departed', routeId: tricycleRun.routeId, stopId: stop.id }),
      ];
      const before = (await day.query('SELECT count(*)::int AS n FROM driver_event'))[0].n;
      const response = await tricycle.send(events).expect(200);
      expect(response.body.results.map((result: any) => result.reason ?? result.outcome)).toEqual([
        'accepted',
        'route_not_yours',
        'unknown_parcel',
        'parcel_not_on_route',
        'type_not_for_parcel',
        'invalid',
        'unknown_stop',
        'invalid',
        'id_reused',
        'recorded_after_sync',
      ]);
      expect(response.body.results[5].message).toMatch(/reasonCode/);
      expect(response.body.results[7].message).toMatch(/events\[7\]\.(type|recordedAt)/);
      expect((await day.query('SELECT count(*)::int AS n FROM driver_event'))[0].n).toBe(before + 1);
    });

    it('refuses a batch without its envelope, writing nothing', async () => {
      const response = await day.http().post('/v1/driver/events').set('Authorization', `Bearer ${tricycle.tokens.accessToken}`).send({ events: [] }).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((problem: any) => problem.field)).toEqual(expect.arrayContaining(['sentAt', 'events']));
    });

    it('collects the produce, hands it to the station, and the trunk takes it to the hub', async () => {
      const stop = stopWith(tricycleRun, 'PICK1-1');
      await tricycle.send([tricycle.event(time('10:10'), { id: randomUUID(), type: 'picked_up', routeId: tricycleRun.routeId, stopId: stop.id, barcode: 'PICK1-1' })]).expect(200);
      expect(await statusOf(day.shipments.pickup)).toBe('picked_up');
      await tricycle.send([tricycle.event(time('11:30'), { id: randomUUID(), type: 'handed_to_station', routeId: tricycleRun.routeId, barcode: 'PICK1-1' })]).expect(200);
      expect(await statusOf(day.shipments.pickup)).toBe('at_township');
      const takesBack = vanRun.manifest.stops.find((candidate: any) => candidate.pickups.some((shipment: any) => shipment.shipmentId === day.shipments.pickup));
      expect(takesBack).toMatchObject({ kind: 'station_transfer', place: { code: 'T1' } });
      await van.send([van.event(time('12:00'), { id: randomUUID(), type: 'picked_up', routeId: vanRun.routeId, stopId: takesBack.id, barcode: 'PICK1-1' })]).expect(200);
      await van.send([van.event(time('13:00'), { id: randomUUID(), type: 'handed_to_station', routeId: vanRun.routeId, barcode: 'PICK1-1' })]).expect(200);
      expect(await statusOf(day.shipments.pickup)).toBe('at_hub');
      expect((await statusEvents(day.shipments.pickup)).map((change: any) => change.to_status)).toEqual(['picked_up', 'at_township', 'at_hub']);
    });
  });

  describe('proofs', () => {
    it('asks for proof of a cash delivery when the county says so; takes a pending photo, then its upload by hash', async () => {
      await day
        .http()
        .put(`/v1/counties/${day.owner.county.id}/driver-proof-policy`)
        .set('Authorization', day.owner.authorization)
        .send({ delivered: 'cash_on_delivery' })
        .expect(200);
      const stop = stopWith(vanRun, 'CODT2-1');
      const bare = van.event(time('09:00'), { id: randomUUID(), type: 'delivered', routeId: vanRun.routeId, stopId: stop.id, barcode: 'CODT2-1' });
      expect((await van.send([bare]).expect(200)).body.results[0]).toMatchObject({ outcome: 'rejected', reason: 'proof_missing' });
      const hash = sha256(PNG);
      const withPhoto = van.event(time('09:00'), {
        id: randomUUID(),
        type: 'delivered',
        routeId: vanRun.routeId,
        stopId: stop.id,
        barcode: 'CODT2-1',
        proof: { kind: 'signature', sha256: hash },
      });
      expect((await van.send([withPhoto]).expect(200)).body.accepted).toBe(1);
      expect(await statusOf(day.shipments.codT2)).toBe('delivered');
      const auth = `Bearer ${van.tokens.accessToken}`;
      await day.http().get(`/v1/driver/proofs/${hash}`).set('Authorization', auth).expect(404);
      await day.http().put(`/v1/driver/proofs/${hash}`).set('Authorization', auth).set('Content-Type', 'image/png').send(PNG).expect(201);
      await day.http().put(`/v1/driver/proofs/${hash}`).set('Authorization', auth).set('Content-Type', 'image/png').send(PNG).expect(200);
      const back = await day.http().get(`/v1/driver/proofs/${hash}`).set('Authorization', auth).responseType('blob').expect(200);
      expect(Buffer.compare(back.body as Buffer, PNG)).toBe(0);
      const other = Buffer.concat([PNG, Buffer.from([0])]);
      await day.http().put(`/v1/driver/proofs/${hash}`).set('Authorization', auth).set('Content-Type', 'image/png').send(other).expect(400);
      await day
        .http()
        .put(`/v1/driver/proofs/${sha256(Buffer.from('GIF89a'))}`)
        .set('Authorization', auth)
        .set('Content-Type', 'image/gif')
        .send(Buffer.from('GIF89a'))
        .expect(415);
      await day
        .http()
        .put(`/v1/driver/proofs/${sha256(Buffer.from('not a png'))}`)
        .set('Authorization', auth)
        .set('Content-Type', 'image/png')
        .send(Buffer.from('not a png'))
        .expect(415);
      const county = await operator(`/v1/counties/${day.owner.county.id}/proofs/${hash}`).responseType('blob').expect(200);
      expect(county.headers['content-type']).toBe('image/png');
    });

    it("checks the recipient's code", async () => {
      const { code } = (await operator(`/v1/counties/${day.owner.county.id}/shipments/${day.shipments.codT2}/recipient-code`).expect(200)).body;
      expect(code).toMatch(/^\d{6}$/);
      const stop = stopWith(vanRun, 'CODT2-1');
      const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
      const events = [wrong, code].map((value) =>
        van.event(time('09:05'), {
          id: randomUUID(),
          type: 'delivered',
          routeId: vanRun.routeId,
          stopId: stop.id,
          barcode: 'CODT2-1',
          proof: { kind: 'recipient_code', code: value },
        }),
      );
      const response = await van.send(events).expect(200);
      expect(response.body.results.map((result: any) => result.reason ?? result.outcome)).toEqual(['recipient_code_wrong', 'accepted']);
    });
  });

  describe('a disabled phone', () => {
    it('still syncs what it recorded before it was disabled, and nothing after', async () => {
      const spare = await day.signIn(day.drivers.tricycle, 'old-phone-0001');
      const device = (
        await day.http().get(`/v1/counties/${day.owner.county.id}/drivers/${day.drivers.tricycle.id}/devices`).set('Authorization', day.owner.authorization).expect(200)
      ).body.find((entry: any) => entry.clientDeviceId === 'old-phone-0001');
      const disabled = (
        await day
          .http()
          .patch(`/v1/counties/${day.owner.county.id}/drivers/${day.drivers.tricycle.id}/devices/${device.id}`)
          .set('Authorization', day.owner.authorization)
          .send({ enabled: false })
          .expect(200)
      ).body;
      const syncOnly = (await day.http().post('/v1/driver/token').send({ refreshToken: spare.refreshToken, deviceId: 'old-phone-0001' }).expect(200)).body;
      expect(syncOnly.scope).toBe('sync');
      const oldPhone = new Phone(day, syncOnly);
      oldPhone.adoptClock(tricycle);
      await oldPhone.get(`/v1/driver/runs?date=${SERVICE_DATE}`).expect(403);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const stop = tricycleRun.manifest.stops[1];
      const before = oldPhone.event(time('11:00'), { id: randomUUID(), type: 'arrived', routeId: tricycleRun.routeId, stopId: stop.id });
      const after = oldPhone.event(oldPhone.serverNowMs() - 200, { id: randomUUID(), type: 'departed', routeId: tricycleRun.routeId, stopId: stop.id });
      expect(after.trueMs).toBeGreaterThan(Date.parse(disabled.disabledAt));
      const response = await oldPhone.send([before, after]).expect(200);
      expect(response.body.results.map((result: any) => result.reason ?? result.outcome)).toEqual(['accepted', 'device_disabled']);
    });
  });

  describe('what the county centre sees', () => {
    it('progress: stops done, late or failed, parcels on board, the last position and revised ETAs', async () => {
      const body = await progress();
      const route = body.routes.find((entry: any) => entry.routeId === tricycleRun.routeId);
      expect(route).toMatchObject({ status: 'dispatched', departedAt: '2026-11-30T09:10:00+08:00' });
      expect(route.lastPosition.coordinates).toEqual(tricycleRun.manifest.stops[0].place.coordinates);
      const first = route.stopProgress[0];
      expect(first).toMatchObject({ state: 'arrived', arrivedAt: '2026-11-30T10:00:00+08:00' });
      expect(first.late).toBe(Date.parse(first.arrivedAt) - Date.parse(first.plannedArrivalAt) > 15 * 60_000);
      const pending = route.stopProgress.filter((stop: any) => stop.state === 'pending');
      for (const stop of pending) expect(Date.parse(stop.expectedArrivalAt) - Date.parse(stop.plannedArrivalAt)).toBe(route.delayS * 1000);
      expect(body.totals.parcelsDelivered).toBe(body.routes.reduce((sum: number, entry: any) => sum + entry.parcelsDelivered, 0));
    });

    it('cash on delivery per driver, reconciled against the manifests, as JSON and CSV', async () => {
      const json = (await operator(`/v1/counties/${day.owner.county.id}/cash-on-delivery?date=${SERVICE_DATE}`).expect(200)).body;
      const liu = json.drivers.find((driver: any) => driver.driverName === '刘师傅');
      expect(liu).toMatchObject({ expectedFen: 15_550, dueFen: 15_550, collectedFen: 15_050, differenceFen: -500, outstandingFen: 0 });
      const zhang = json.drivers.find((driver: any) => driver.driverName === '张师傅');
      expect(zhang).toMatchObject({ expectedFen: 8_800, dueFen: 8_800, collectedFen: 8_800, differenceFen: 0 });
      const csv = await operator(`/v1/counties/${day.owner.county.id}/cash-on-delivery?date=${SERVICE_DATE}&format=csv`).expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parse(csv.text.replace(/^\uFEFF/, ''), { columns: true });
      expect(rows.find((row: any) => row.barcode === 'CODT1-2')).toMatchObject({
        driver_name: '刘师傅',
        cash_on_delivery_fen: '3000',
        outcome: 'delivered',
        collected_fen: '2500',
        difference_fen: '-500',
      });
      await operator(`/v1/counties/${day.owner.county.id}/cash-on-delivery?date=${SERVICE_DATE}&format=pdf`).expect(400);
    });

    it('completes a route when its driver is back at the base, and the plan with its last route', async () => {
      await tricycle.send([tricycle.event(time('12:30'), { id: randomUUID(), type: 'arrived', routeId: tricycleRun.routeId })]).expect(200);
      await van.send([van.event(time('14:00'), { id: randomUUID(), type: 'arrived', routeId: vanRun.routeId })]).expect(200);
      const routes = await day.query('SELECT id, status FROM plan_route WHERE plan_id = $1', [day.plan.id]);
      expect(routes).toHaveLength(2);
      expect(routes.map((route: any) => route.status)).toEqual(['completed', 'completed']);
      expect((await day.query('SELECT lifecycle FROM plan WHERE id = $1', [day.plan.id]))[0].lifecycle).toBe('completed');
      const events = await day.query(`SELECT actor, data FROM plan_event WHERE route_id = $1 AND type = 'route.status_changed' ORDER BY id`, [tricycleRun.routeId]);
      expect(events.map((event: any) => event.data.to)).toEqual(['dispatched', 'completed']);
      expect(events[1].actor).toBe(`driver:${day.drivers.tricycle.id}`);
    });
  });
});
