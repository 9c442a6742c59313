import { execFileSync } from 'node:child_process';
import { get, IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { INestApplicationContext } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { CountiesService } from '../../src/counties/counties.service';
import { DriversService } from '../../src/fleet/drivers.service';
import { AppConfig } from '../../src/infra/config/app-config';
import { PlatformsService } from '../../src/integrations/platforms.service';
import { PlanRequestsService } from '../../src/planning/plan-requests.service';
import { ShipmentInputDto } from '../../src/shipments/dto/shipment-input.dto';
import { ShipmentIntakeService } from '../../src/shipments/shipment-intake.service';
import { ShipmentScansService } from '../../src/shipments/shipment-scans.service';
import { createCounty, CountyWithKey } from '../support/factories';
import { cleanupTestConfig, createTestConfig, startTestApp, startTestWorker, TestApp } from '../support/test-app';
import { createPlanningCounty, PlanningCounty, receiveAtHub } from './support/planning-county';

const SERVICE_DATE = '2026-11-30';
const LOCAL_TIME_WITH_OFFSET = /^2026-11-30T\d{2}:\d{2}:\d{2}\+08:00$/;
const RECIPIENT_PHONE = '+8613700137000';

/** The PDF's text as poppler reads it (what a person or a search finds on the printed page). */
const pdfText = (pdf: Buffer) => execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');

describe('manifests a driver can carry: per route JSON/CSV/PDF, the wave PDF and the hand-over sheets', () => {
  let config: AppConfig;
  let api: TestApp;
  let worker: INestApplicationContext;
  let owner: CountyWithKey;
  let other: CountyWithKey;
  let viewerAuthorization: string;
  let county: PlanningCounty;
  let plan: any;
  let codShipment: string;
  let pickupShipment: string;
  let trunk: any;
  let tricycle: any;

  const http = () => request(api.baseUrl);
  const planUrl = () => `/v1/counties/${owner.county.id}/plans/${plan.id}`;
  const manifestUrl = (route: any) => `${planUrl()}/routes/${route.id}/manifest`;
  const binary = (path: string, authorization = owner.authorization) => http().get(path).set('Authorization', authorization).responseType('blob');

  /** The bytes as sent (supertest would inflate a gzipped body before the test sees it). */
  function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      get(new URL(path, api.baseUrl), { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
  }

  /** Intake by the platform path: one delivery with cash on delivery, one produce pickup. */
  async function intake(inputs: ShipmentInputDto[]): Promise<string[]> {
    const { platform } = await api.app.get(PlatformsService).ensure(owner.county.id, 'manifest-test-platform');
    const result = await api.app.get(ShipmentIntakeService).create({ countyId: owner.county.id, platformId: platform.id }, inputs);
    return result.results.map((entry) => entry.shipmentId);
  }

  beforeAll(async () => {
    config = await createTestConfig();
    api = await startTestApp(config);
    worker = await startTestWorker(config);
    const countyCode = String(100000 + Math.floor(Math.random() * 800000));
    owner = await createCounty(api.app, { adminCode: countyCode, name: '山谷测试县' });
    other = await createCounty(api.app);
    const { secret } = await api.app.get(CountiesService).createApiKey(owner.county.id, 'hall screen', 'viewer');
    viewerAuthorization = `Bearer ${secret}`;
    county = await createPlanningCounty(api.app, owner.county.id, countyCode);
    const drivers = api.app.get(DriversService);
    await drivers.create(owner.county.id, { name: '张师傅', phone: '13800138001', vehicleId: county.van.id } as never);
    await drivers.create(owner.county.id, { name: '刘师傅', phone: '13800138002', vehicleId: county.tricycle.id } as never);
    const codes = county.villages.map((village) => village.adminCode!);
    await receiveAtHub(api.app, owner.county.id, [...codes.map((villageCode) => ({ villageCode, parcelWeightsG: [1_200, 2_000] }))]);
    const dimensions = { length: 30, width: 20, height: 20, unit: 'cm' };
    [codShipment, pickupShipment] = await intake([
      {
        id: 'MNF-COD-1',
        direction: 'inbound',
        contact: { name: '王小明', phone: RECIPIENT_PHONE },
        destination: { villageCode: codes[0]! },
        parcels: [
          { barcode: 'MNFCOD1-1', weightG: 900, dimensions, cashOnDeliveryFen: 12_550 },
          { barcode: 'MNFCOD1-2', weightG: 700, dimensions, cashOnDeliveryFen: 0 },
        ],
      },
      {
        id: 'MNF-PICKUP-1',
        direction: 'outbound_pickup',
        contact: { name: '赵大姐', phone: '+8613600136000' },
        destination: { villageCode: codes[1]! },
        parcels: [{ barcode: 'MNFPICK1-1', weightG: 5_000, dimensions }],
      },
    ] as unknown as ShipmentInputDto[]);
    await api.app.get(ShipmentScansService).scanIn(owner.county.id, ['MNFCOD1-1', 'MNFCOD1-2']);

    const requested = await http()
      .post(`/v1/counties/${owner.county.id}/plans`)
      .set('Authorization', owner.authorization)
      .send({ serviceDate: SERVICE_DATE, wave: 1, timeLimitS: 60, seed: 5 })
      .expect(202);
    for (let attempt = 0; attempt < 600 && !['computed', 'failed'].includes(plan?.status); attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
      plan = (await http().get(`/v1/counties/${owner.county.id}/plans/${requested.body.id}`).set('Authorization', owner.authorization).expect(200)).body;
    }
    expect(plan.status).toBe('computed');
    trunk = plan.routes.find((route: any) => route.echelon === 'trunk');
    tricycle = plan.routes.find((route: any) => route.vehicleId === county.tricycle.id);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    if (config) await cleanupTestConfig(config);
  });

  describe('one route as JSON', () => {
    it("gives the driver, the stops with local ETAs and each parcel's barcode, recipient, phone and cash on delivery", async () => {
      const { body } = await http().get(manifestUrl(tricycle)).set('Authorization', owner.authorization).expect(200);
      expect(body).toMatchObject({
        county: { id: owner.county.id, name: '山谷测试县', timeZone: 'Asia/Shanghai' },
        plan: { id: plan.id, serviceDate: SERVICE_DATE, wave: 1 },
        route: { id: tricycle.id, echelon: 'last_mile' },
        vehicle: { code: 'TRI-1', vehicleClass: 'tricycle' },
        driver: { name: '刘师傅', phone: '+8613800138002' },
        start: { code: 'T1', tier: 'township_station' },
        phonesMasked: false,
      });
      expect(body.route.departureAt).toMatch(LOCAL_TIME_WITH_OFFSET);
      expect(body.stops.length).toBeGreaterThan(0);
      for (const stop of body.stops) {
        expect(stop.arrivalAt).toMatch(LOCAL_TIME_WITH_OFFSET);
        expect(stop.place).toMatchObject({ tier: 'village_point', coordinates: [expect.any(Number), expect.any(Number)] });
        expect(stop.place.name).toMatch(/^村\d$/);
      }
      // The arrival the stored route gives, in Beijing time.
      const stored = tricycle.stops[0];
      expect(Date.parse(body.stops[0].arrivalAt)).toBe(Date.parse(stored.arrivalAt));
      const deliveries = body.stops.flatMap((stop: any) => stop.deliveries);
      const cod = deliveries.find((shipment: any) => shipment.shipmentId === codShipment);
      expect(cod).toMatchObject({
        platformShipmentId: 'MNF-COD-1',
        direction: 'inbound',
        village: { code: county.villages[0]!.code, name: '村1' },
        contact: { name: '王小明', phone: RECIPIENT_PHONE },
        cashOnDeliveryFen: 12_550,
        parcels: [
          { barcode: 'MNFCOD1-1', weightG: 900, cashOnDeliveryFen: 12_550 },
          { barcode: 'MNFCOD1-2', weightG: 700, cashOnDeliveryFen: 0 },
        ],
      });
      const codStop = body.stops.find((stop: any) => stop.deliveries.some((shipment: any) => shipment.shipmentId === codShipment));
      expect(codStop.cashOnDeliveryFen).toBe(12_550);
      expect(body.totals.cashOnDeliveryFen).toBe(12_550);
      expect(body.totals.parcelsToDeliver).toBe(deliveries.reduce((sum: number, shipment: any) => sum + shipment.parcels.length, 0));
    });

    it('lists the produce pickup apart from the deliveries, at its village', async () => {
      const routes = await Promise.all(plan.routes.map((route: any) => http().get(manifestUrl(route)).set('Authorization', owner.authorization).expect(200)));
      const pickupStops = routes.flatMap(({ body }) => body.stops.filter((stop: any) => stop.kind === 'village' && stop.pickups.length > 0));
      expect(pickupStops).toHaveLength(1);
      expect(pickupStops[0].place.code).toBe(county.villages[1]!.code);
      expect(pickupStops[0].pickups).toEqual([
        expect.objectContaining({ shipmentId: pickupShipment, direction: 'outbound_pickup', contact: { name: '赵大姐', phone: '+8613600136000' } }),
      ]);
      expect(pickupStops[0].deliveries.every((shipment: any) => shipment.direction === 'inbound')).toBe(true);
    });

    it('is gzipped when the client accepts it, with an ETag that answers 304 while unchanged', async () => {
      const gzipped = await rawGet(manifestUrl(tricycle), { Authorization: owner.authorization, 'Accept-Encoding': 'gzip' });
      expect(gzipped.status).toBe(200);
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers['content-type']).toMatch(/^application\/json/);
      expect(gzipped.headers.vary).toMatch(/Accept-Encoding/);
      const etag = gzipped.headers.etag!;
      expect(etag).toMatch(/^W\/".+"$/);
      const plain = await http().get(manifestUrl(tricycle)).set('Authorization', owner.authorization).set('Accept-Encoding', 'identity').expect(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.etag).toBe(etag);
      expect(JSON.parse(gunzipSync(gzipped.body).toString('utf8'))).toEqual(plain.body);
      const notModified = await http().get(manifestUrl(tricycle)).set('Authorization', owner.authorization).set('If-None-Match', etag).expect(304);
      expect(notModified.text ?? '').toBe('');
      await http().get(manifestUrl(tricycle)).set('Authorization', owner.authorization).set('If-None-Match', 'W/"stale"').expect(200);
    });

    it("masks recipients' phones for the viewer role, with a different ETag", async () => {
      const admin = await http().get(manifestUrl(tricycle)).set('Authorization', owner.authorization).expect(200);
      const viewer = await http().get(manifestUrl(tricycle)).set('Authorization', viewerAuthorization).expect(200);
      expect(viewer.body.phonesMasked).toBe(true);
      const contacts = viewer.body.stops.flatMap((stop: any) => [...stop.deliveries, ...stop.pickups].map((shipment: any) => shipment.contact.phone));
      expect(contacts.length).toBeGreaterThan(0);
      for (const phone of contacts) expect(phone).toMatch(/^\*+\d{4}$/);
      expect(JSON.stringify(viewer.body)).not.toContain(RECIPIENT_PHONE);
      expect(viewer.headers.etag).not.toBe(admin.headers.etag);
      await http().get(manifestUrl(tricycle)).set('Authorization', viewerAuthorization).set('If-None-Match', admin.headers.etag).expect(200);
    });

    it('loads only the asked route and its stops, not the whole plan', async () => {
      const plans = api.app.get(PlanRequestsService);
      const { routes } = await plans.getWithRoutes(owner.county.id, plan.id, tricycle.id);
      expect(routes.map((route) => route.id)).toEqual([tricycle.id]);
      expect(routes[0]!.stops!.map((stop) => stop.sequence)).toEqual(tricycle.stops.map((stop: any) => stop.sequence));
      expect((await plans.getWithRoutes(owner.county.id, plan.id)).routes.length).toBe(plan.routes.length);
    });

    it("answers 404 for another county's route or an unknown one, 403 for another county's key, 400 for an unknown format", async () => {
      const othersUrl = `/v1/counties/${other.county.id}/plans/${plan.id}/routes/${tricycle.id}/manifest`;
      const notFound = await http().get(othersUrl).set('Authorization', other.authorization).expect(404);
      expect(notFound.headers['content-type']).toMatch(/application\/problem\+json/);
      await http().get(`${planUrl()}/routes/00000000-0000-4000-8000-000000000000/manifest`).set('Authorization', owner.authorization).expect(404);
      await http().get(manifestUrl(tricycle)).set('Authorization', other.authorization).expect(403);
      const bad = await http()
        .get(`${manifestUrl(tricycle)}?format=xlsx`)
        .set('Authorization', owner.authorization)
        .expect(400);
      expect(bad.body.detail).toMatch(/format xlsx/);
      await http()
        .get(`${manifestUrl(tricycle)}?format=pdf&lang=fr`)
        .set('Authorization', owner.authorization)
        .expect(400);
    });
  });

  it('gives one CSV row per parcel, with local times, contacts and cash on delivery', async () => {
    const response = await http()
      .get(`${manifestUrl(tricycle)}?format=csv`)
      .set('Authorization', owner.authorization)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/attachment; filename="manifest-2026-11-30-w1-r\d+\.csv"/);
    const rows: Array<Record<string, string>> = parse(response.text, { columns: true, bom: true });
    const json = (await http().get(manifestUrl(tricycle)).set('Authorization', owner.authorization).expect(200)).body;
    expect(rows).toHaveLength(json.totals.parcelsToDeliver + json.totals.parcelsToPickUp);
    const codRow = rows.find((row) => row.barcode === 'MNFCOD1-1')!;
    expect(codRow).toMatchObject({
      vehicle_code: 'TRI-1',
      driver_name: '刘师傅',
      stop_kind: 'village',
      place_name: '村1',
      action: 'delivery',
      platform_shipment_id: 'MNF-COD-1',
      weight_g: '900',
      contact_name: '王小明',
      contact_phone: RECIPIENT_PHONE,
      cash_on_delivery_fen: '12550',
    });
    expect(codRow.eta).toMatch(LOCAL_TIME_WITH_OFFSET);
    const viewerCsv = await http()
      .get(`${manifestUrl(tricycle)}?format=csv`)
      .set('Authorization', viewerAuthorization)
      .expect(200);
    expect(viewerCsv.text).not.toContain(RECIPIENT_PHONE);
  });

  it('prints an A4 PDF in Chinese with the village names, every parcel barcode and the signature line', async () => {
    const response = await binary(`${manifestUrl(tricycle)}?format=pdf`).expect(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain('/MediaBox [0 0 595.28 841.89]');
    // Only the glyphs used are embedded: the font file is 16 MB.
    expect(pdf.length).toBeLessThan(200_000);
    const text = pdfText(pdf);
    const json = (await http().get(manifestUrl(tricycle)).set('Authorization', owner.authorization).expect(200)).body;
    for (const stop of json.stops) expect(text).toContain(stop.place.name);
    const barcodes = json.stops.flatMap((stop: any) => [...stop.deliveries, ...stop.pickups].flatMap((shipment: any) => shipment.parcels.map((parcel: any) => parcel.barcode)));
    expect(barcodes.length).toBeGreaterThan(0);
    for (const barcode of barcodes) expect(text).toContain(barcode);
    for (const words of ['山谷测试县', '配送路线单', '刘师傅', '+8613800138002', 'TRI-1', '代收货款', '¥125.50', '司机签名', '王小明']) expect(text).toContain(words);
    const english = pdfText((await binary(`${manifestUrl(tricycle)}?format=pdf&lang=en`).expect(200)).body as Buffer);
    for (const words of ['Route manifest', 'Driver signature', 'Cash on delivery', '村1']) expect(english).toContain(words);
  });

  it("prints the wave: every route's manifest in one PDF, and keeps the plan-wide JSON", async () => {
    const pdf = (await binary(`${planUrl()}/manifests?format=pdf`).expect(200)).body as Buffer;
    const text = pdfText(pdf);
    for (const route of plan.routes) expect(text).toContain(`${route.routeNumber}（`);
    for (const code of ['VAN-1', 'TRI-1', '张师傅', '刘师傅', 'MNFCOD1-1', 'MNFPICK1-1']) expect(text).toContain(code);
    for (const village of county.villages) expect(text).toContain(village.name);
    const json = await http().get(`${planUrl()}/manifests`).set('Authorization', owner.authorization).expect(200);
    expect(json.body).toMatchObject({ planId: plan.id, serviceDate: SERVICE_DATE, wave: 1 });
    expect(json.body.routes).toHaveLength(plan.routes.length);
    expect(json.headers.etag).toBeDefined();
    const csv = await http().get(`${planUrl()}/manifests?format=csv`).set('Authorization', owner.authorization).expect(200);
    const rows: Array<Record<string, string>> = parse(csv.text, { columns: true, bom: true });
    expect(new Set(rows.map((row) => row.route_number)).size).toBe(plan.routes.length);
  });

  describe('hand-over sheets (交接单)', () => {
    it('lists per station what the trunk drops there and what it takes back', async () => {
      const { body } = await http().get(`${planUrl()}/handover-sheets`).set('Authorization', owner.authorization).expect(200);
      expect(body.sheets).toHaveLength(1);
      const [sheet] = body.sheets;
      expect(sheet).toMatchObject({ station: { code: 'T1', name: '东镇' }, trunk: { routeId: trunk.id, vehicleCode: 'VAN-1', driver: { name: '张师傅' } } });
      expect(sheet.arrivalAt).toMatch(LOCAL_TIME_WITH_OFFSET);
      // The trunk drops what the tricycle delivers from T1.
      const tricycleManifest = (await http().get(manifestUrl(tricycle)).set('Authorization', owner.authorization).expect(200)).body;
      const delivered = tricycleManifest.stops.flatMap((stop: any) => stop.deliveries.map((shipment: any) => shipment.shipmentId)).sort();
      expect(sheet.drops.map((shipment: any) => shipment.shipmentId).sort()).toEqual(delivered);
      expect(sheet.drops.every((shipment: any) => shipment.village && shipment.direction === 'inbound')).toBe(true);
      const pickedUpByTricycle = tricycleManifest.stops.flatMap((stop: any) => stop.pickups.map((shipment: any) => shipment.shipmentId)).sort();
      // The produce the tricycle collected in T1's villages rides down on the trunk.
      expect(pickedUpByTricycle).toEqual([pickupShipment]);
      expect(sheet.takesBack.map((shipment: any) => shipment.shipmentId).sort()).toEqual(pickedUpByTricycle);
      expect(sheet.totals.parcelsDropped).toBe(sheet.drops.reduce((sum: number, shipment: any) => sum + shipment.parcels.length, 0));
    });

    it('filters by station, as CSV and as a PDF with the barcodes', async () => {
      const { body } = await http().get(`${planUrl()}/handover-sheets?station=T1`).set('Authorization', owner.authorization).expect(200);
      await http().get(`${planUrl()}/handover-sheets?station=T2`).set('Authorization', owner.authorization).expect(404);
      const csv = await http().get(`${planUrl()}/handover-sheets?format=csv&station=${body.sheets[0].station.id}`).set('Authorization', owner.authorization).expect(200);
      const rows: Array<Record<string, string>> = parse(csv.text, { columns: true, bom: true });
      const dropped = body.sheets[0].drops.flatMap((shipment: any) => shipment.parcels.map((parcel: any) => parcel.barcode));
      expect(rows.filter((row) => row.action === 'drop').map((row) => row.barcode)).toEqual(dropped);
      expect(rows.every((row) => row.station_code === 'T1' && row.vehicle_code === 'VAN-1')).toBe(true);
      const text = pdfText((await binary(`${planUrl()}/handover-sheets?format=pdf&station=T1`).expect(200)).body as Buffer);
      for (const words of ['乡镇交接单', '东镇', '干线卸下', '干线带回', '服务站签名', ...dropped]) expect(text).toContain(words);
    });
  });

  it('documents the three exports in the OpenAPI document', async () => {
    const { body } = await http().get('/docs-json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/counties/{countyId}/plans/{planId}/routes/{routeId}/manifest',
        '/v1/counties/{countyId}/plans/{planId}/manifests',
        '/v1/counties/{countyId}/plans/{planId}/handover-sheets',
      ]),
    );
  });
});
