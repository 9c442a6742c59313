/**
 * Driver API benchmark: the real API as a child process over a fresh, migrated database with one
 * driver's 30-stop, 120-parcel run, driven by autocannon.
 *  1. Manifest fetch: GET /v1/driver/runs?date= with 16 connections, every answer a full gzipped 200
 *     (no If-None-Match), against the ceiling measured in the same run: a plain Node server
 *     (driver-ceiling-server.ts) that checks the same token, reads the same manifest from PostgreSQL
 *     with one query and gzips it. Goals: ≥ 0.7 × the ceiling's requests per second, p99 ≤ 50 ms.
 *  2. Event sync: POST /v1/driver/events, batches of 50 new events (arrivals, departures, deliveries
 *     and failures of the run's parcels), each batch its own ids.
 * Usage: npm run bench:driver [-- --duration 10 --connections 16 --event-connections 4]
 * Prints the figures; nothing is asserted (timings belong here, not in tests).
 */
import { ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { localDateOf } from '../../src/infra/clock/clock';
import { hashApiKey } from '../../src/counties/api-key-secret';
import { databaseOptions } from '../../src/infra/database/database-options';
import { integerBetween } from '../../src/cli/option-parsers';
import { benchCommand } from './bench-command';
import { ceilingRatioLine, Measured } from './ceiling-ratio';
import { createBenchDatabase, DatabaseBackendsCpu, freePort, processCpuMs, startApi, startServer, stopChild } from './bench-server';

// autocannon ships no types; the part used here is small.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { total: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}

const options = benchCommand('bench:driver', 'driver manifest fetch against a plain-Node ceiling, and event batches of 50')
  .option('--duration <s>', 'seconds per measured run', integerBetween(1), 10)
  .option('--connections <n>', 'concurrent connections of the manifest fetch', integerBetween(1), 16)
  .option('--event-connections <n>', 'concurrent connections of the event sync', integerBetween(1), 4)
  .option('--stops <n>', 'stops of the run', integerBetween(1, 200), 30)
  .option('--rounds <n>', 'ceiling and API runs, alternated (the machine is shared: the median of each is reported)', integerBetween(1, 20), 3)
  .parse()
  .opts<{ duration: number; connections: number; eventConnections: number; stops: number; rounds: number }>();

const ADMIN_KEY = 'rdk_bench_driver_admin_key_0000000000000000000000';
const COUNTY_CODE = '621225';
const TIME_ZONE = 'Asia/Shanghai';
const PIN = '246810';

interface Seeded {
  countyId: string;
  driverId: string;
  phone: string;
  routeId: string;
  stops: Array<{ id: string; barcodes: string[] }>;
}

/** County, nodes, vehicle, driver, shipments and one published plan with the driver's run: written directly, the API is what is measured. */
async function seed(dataSource: DataSource, serviceDate: string): Promise<Seeded> {
  const [county] = await dataSource.query(`INSERT INTO county (name, admin_code) VALUES ('西和县', $1) RETURNING id`, [COUNTY_CODE]);
  await dataSource.query(`INSERT INTO api_key (county_id, name, role, key_hash, key_prefix) VALUES ($1, 'bench admin', 'admin', $2, 'rdk_bench')`, [
    county.id,
    hashApiKey(ADMIN_KEY),
  ]);
  const node = async (tier: string, code: string, name: string, parentId: string | null, lon: number, lat: number) =>
    (
      await dataSource.query(
        `INSERT INTO network_node (county_id, tier, parent_id, code, name, location) VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326)) RETURNING id`,
        [county.id, tier, parentId, code, name, lon, lat],
      )
    )[0].id as string;
  const hub = await node('county_hub', 'HUB', '县物流中心', null, 105.3, 34.0);
  const station = await node('township_station', 'T1', '长道镇服务站', hub, 105.38, 34.0);
  const [vehicle] = await dataSource.query(
    `INSERT INTO vehicle (county_id, code, vehicle_class, capacity_weight_g, capacity_volume_cm3, capacity_parcels, home_node_id, shift_start_s, shift_end_s)
     VALUES ($1, 'TRI-01', 'tricycle', 300000, 1800000, 150, $2, 27000, 64800) RETURNING id`,
    [county.id, station],
  );
  const phone = '+8613800138001';
  const [driver] = await dataSource.query(`INSERT INTO driver (county_id, name, phone, vehicle_id) VALUES ($1, '张师傅', $2, $3) RETURNING id`, [county.id, phone, vehicle.id]);
  const [plan] = await dataSource.query(
    `INSERT INTO plan (county_id, service_date, wave, version, status, lifecycle, seed, time_limit_s, published_at) VALUES ($1, $2, 1, 1, 'computed', 'published', 1, 10, now()) RETURNING id`,
    [county.id, serviceDate],
  );
  const departure = Date.parse(`${serviceDate}T08:00:00+08:00`);
  const [route] = await dataSource.query(
    `INSERT INTO plan_route (plan_id, route_number, vehicle_id, driver_id, status, echelon, start_node_id, distance_m, duration_s, cost_fen, parcels_delivered, parcels_picked_up,
                             peak_load_weight_g, peak_load_volume_cm3, peak_load_parcels, departure_at, return_at)
     VALUES ($1, 1, $2, $3, 'dispatched', 'last_mile', $4, 86400, 30000, 9000, $5, 0, 150000, 900000, $5, $6, $7) RETURNING id`,
    [plan.id, vehicle.id, driver.id, station, options.stops * 4, new Date(departure), new Date(departure + (options.stops + 1) * 900_000)],
  );
  const platformId = randomUUID();
  const stops: Seeded['stops'] = [];
  for (let index = 0; index < options.stops; index++) {
    const code = `621225100${String(201 + index).padStart(3, '0')}`;
    const village = await node('village_point', code, `何坝${index + 1}村`, station, 105.38 + index * 0.004, 34.01 + (index % 5) * 0.003);
    const shipmentIds: string[] = [];
    const barcodes: string[] = [];
    for (let shipment = 0; shipment < 2; shipment++) {
      const id = `BENCH-${index}-${shipment}`;
      const [row] = await dataSource.query(
        `INSERT INTO shipment (county_id, platform_id, platform_shipment_id, content_hash, direction, status, service_level, contact_name, contact_phone, destination, village_node_id,
                               parcel_count, total_weight_g, total_volume_cm3, declared_value_fen, cash_on_delivery_fen)
         VALUES ($1, $2, $3, repeat('0', 64), 'inbound', 'planned', 'standard', '王小明', '+8613700137000', $4, $5, 2, 2400, 24000, 5900, $6) RETURNING id`,
        [county.id, platformId, id, JSON.stringify({ villageCode: code }), village, shipment === 0 ? 4_990 : 0],
      );
      for (let parcel = 1; parcel <= 2; parcel++) {
        await dataSource.query(
          `INSERT INTO shipment_parcel (shipment_id, county_id, barcode, weight_g, length_mm, width_mm, height_mm, cash_on_delivery_fen) VALUES ($1, $2, $3, 1200, 300, 200, 200, $4)`,
          [row.id, county.id, `${id}-${parcel}`, shipment === 0 && parcel === 1 ? 4_990 : 0],
        );
        barcodes.push(`${id}-${parcel}`);
      }
      shipmentIds.push(row.id);
    }
    const arrival = departure + (index + 1) * 900_000;
    const [stop] = await dataSource.query(
      `INSERT INTO plan_stop (route_id, sequence, node_id, kind, arrival_at, departure_at, parcels_delivered, parcels_picked_up, weight_delivered_g, weight_picked_up_g,
                              volume_delivered_cm3, volume_picked_up_cm3, shipment_ids)
       VALUES ($1, $2, $3, 'village', $4, $5, 4, 0, 4800, 0, 48000, 0, $6) RETURNING id`,
      [route.id, index + 1, village, new Date(arrival), new Date(arrival + 300_000), shipmentIds.sort()],
    );
    stops.push({ id: stop.id, barcodes });
  }
  await dataSource.query(`INSERT INTO plan_event (plan_id, type, actor, data) VALUES ($1, 'plan.published', 'bench', '{}')`, [plan.id]);
  return { countyId: county.id, driverId: driver.id, phone, routeId: route.id, stops };
}

async function measure(label: string, server: ChildProcess, request: Record<string, unknown>, connections: number, perRequest: string): Promise<Measured> {
  const cpuBefore = processCpuMs(server.pid);
  const databaseCpu = new DatabaseBackendsCpu(databaseName);
  const result = await autocannon({ ...request, connections, duration: options.duration });
  const cpuAfter = processCpuMs(server.pid);
  const databaseCpuMs = databaseCpu.totalMs();
  const requestsPerS = result.requests.total / result.duration;
  const cpuMsPerRequest = cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : null;
  const cpu = cpuMsPerRequest === null ? '?' : cpuMsPerRequest.toFixed(2);
  const codes = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(' ');
  console.log(
    `${label.padEnd(30)} ${requestsPerS.toFixed(0).padStart(6)} req/s${perRequest}  p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  ` +
      `[${codes}] errors ${result.errors}  server CPU ${cpu} ms/request, PostgreSQL ${result.requests.total > 0 ? (databaseCpuMs / result.requests.total).toFixed(2) : '?'} ms/request`,
  );
  if (result.non2xx > 0 || result.errors > 0) console.log(`  !! ${result.non2xx} non-2xx answers and ${result.errors} errors: the figure above is not a clean run`);
  return { requestsPerS, p99: result.latency.p99, cpuMsPerRequest };
}

/** The bench's database, whose PostgreSQL backends' CPU is measured beside the server's. */
let databaseName = '';

async function main(): Promise<void> {
  const database = await createBenchDatabase('driver');
  databaseName = new URL(database.url).pathname.slice(1);
  const serviceDate = localDateOf(new Date(), TIME_ZONE);
  let api: ChildProcess | undefined;
  let ceiling: ChildProcess | undefined;
  const dataSource = new DataSource(databaseOptions(database.url));
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
    const seeded = await seed(dataSource, serviceDate);
    const apiPort = await freePort();
    // Proofs go to the bench's own database (the default store).
    api = await startApi(database.url, apiPort);
    const base = `http://127.0.0.1:${apiPort}`;
    const put = await fetch(`${base}/v1/counties/${seeded.countyId}/drivers/${seeded.driverId}/pin`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ pin: PIN }),
    });
    if (put.status !== 204) throw new Error(`setting the PIN answered ${put.status}`);
    const signIn = await fetch(`${base}/v1/driver/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ county: COUNTY_CODE, phone: seeded.phone, pin: PIN, device: { id: 'bench-phone-0001' } }),
    });
    const { accessToken } = (await signIn.json()) as { accessToken: string };
    const authorization = `Bearer ${accessToken}`;
    const runsPath = `/v1/driver/runs?date=${serviceDate}`;
    const runs = await fetch(`${base}${runsPath}`, { headers: { authorization } });
    const body = await runs.text();
    if (runs.status !== 200 || !body.includes(seeded.routeId)) throw new Error(`GET runs answered ${runs.status}: ${body.slice(0, 200)}`);
    // The same manifest, stored for the ceiling to read with one query.
    await dataSource.query('CREATE TABLE bench_driver_runs (driver_id uuid, service_date date, body text, PRIMARY KEY (driver_id, service_date))');
    await dataSource.query('INSERT INTO bench_driver_runs VALUES ($1, $2, $3)', [seeded.driverId, serviceDate, body]);
    const ceilingPort = await freePort();
    ceiling = await startServer(
      path.join(__dirname, 'driver-ceiling-server.js'),
      { DATABASE_URL: database.url, PORT: String(ceilingPort) },
      `http://127.0.0.1:${ceilingPort}/health`,
    );

    console.log(
      `driver bench at ${new Date().toISOString()}: node ${process.version}; one run of ${options.stops} stops, ${options.stops * 4} parcels; ` +
        `manifest ${body.length} bytes of JSON; ${options.duration} s per run`,
    );
    const fetchRuns = (port: number) => ({ url: `http://127.0.0.1:${port}${runsPath}`, headers: { authorization, 'accept-encoding': 'gzip' } });
    await measure('warm-up (ceiling)', ceiling, { ...fetchRuns(ceilingPort), duration: 2 }, options.connections, '');
    await measure('warm-up (API)', api, { ...fetchRuns(apiPort), duration: 2 }, options.connections, '');
    const ceilingRuns: Measured[] = [];
    const apiRuns: Measured[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      ceilingRuns.push(await measure(`ceiling: plain Node, ${options.connections} conn (${round})`, ceiling, fetchRuns(ceilingPort), options.connections, ''));
      apiRuns.push(await measure(`API GET /v1/driver/runs, ${options.connections} conn (${round})`, api, fetchRuns(apiPort), options.connections, ''));
    }
    console.log(ceilingRatioLine('manifest fetch', apiRuns, ceilingRuns, '≥ 0.70, p99 ≤ 50 ms'));

    const serverOffsetMs = Date.parse(((await (await fetch(`${base}/v1/driver/me`, { headers: { authorization } })).json()) as { serverTime: string }).serverTime) - Date.now();
    const iso = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00');
    let sequence = 0;
    const batch = () => {
      const now = Date.now() + serverOffsetMs;
      const events = Array.from({ length: 50 }, (_, index) => {
        sequence += 1;
        const stop = seeded.stops[sequence % seeded.stops.length]!;
        const barcode = stop.barcodes[sequence % stop.barcodes.length]!;
        const recordedAt = iso(now - 3_600_000 + index * 1000);
        const kind = sequence % 5;
        if (kind === 0)
          return { id: randomUUID(), type: 'arrived', routeId: seeded.routeId, stopId: stop.id, recordedAt, location: { coordinates: [105.4, 34.01], accuracyM: 12 } };
        if (kind === 1) return { id: randomUUID(), type: 'departed', routeId: seeded.routeId, stopId: stop.id, recordedAt };
        if (kind === 2) return { id: randomUUID(), type: 'failed', routeId: seeded.routeId, barcode, reasonCode: 'recipient_absent', recordedAt };
        return { id: randomUUID(), type: 'delivered', routeId: seeded.routeId, stopId: stop.id, barcode, recordedAt, cashCollectedFen: 0 };
      });
      return JSON.stringify({ sentAt: iso(now), events });
    };
    const events = await measure(
      `API POST /v1/driver/events ×50, ${options.eventConnections} conn`,
      api,
      {
        url: `${base}/v1/driver/events`,
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        requests: [{ method: 'POST', setupRequest: (request: Record<string, unknown>) => ({ ...request, body: batch() }) }],
      },
      options.eventConnections,
      '',
    );
    console.log(`event sync: ${events.requestsPerS.toFixed(1)} batches/s = ${(events.requestsPerS * 50).toFixed(0)} events/s, p99 ${events.p99} ms`);
  } finally {
    await stopChild(ceiling);
    await stopChild(api);
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
