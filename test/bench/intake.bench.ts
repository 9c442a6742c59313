/**
 * Intake benchmark: the real API as a child process on 127.0.0.1 over a fresh, migrated database,
 * driven by autocannon with 16 connections: single-shipment pushes, then batches of 100. In the same run,
 * the ceiling: a plain Node HTTP server doing a two-insert pg transaction per request (intake-ceiling-server.ts),
 * and the ratio of the API's single pushes to it. Both servers run side by side and are measured in alternate
 * rounds (the machine is shared: the median of each is reported). CPU per request is given for the server process
 * and for the bench database's PostgreSQL backends (DatabaseBackendsCpu), which the server's own figure does not show.
 * Usage: npm run bench:intake [-- --duration 10 --connections 16 --rounds 3]
 * Prints throughput and p50/p99 latency; nothing is asserted (timings belong here, not in tests).
 */
import { ChildProcess } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import * as path from 'path';
import { DataSource } from 'typeorm';
import { databaseOptions } from '../../src/infra/database/database-options';
import { signedHeaders, newWebhookSecret } from '../../src/integrations/webhook-signature';
import { SecretBox } from '../../src/infra/crypto/secret-box';
import { integerBetween } from '../../src/cli/option-parsers';
import { benchCommand } from './bench-command';
import { ceilingRatioLine, Measured } from './ceiling-ratio';
import { BENCH_SECRET_KEY, createBenchDatabase, DatabaseBackendsCpu, freePort, processCpuMs, startApi, startServer, stopChild } from './bench-server';

// autocannon ships no types; the part used here is small.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}

const options = benchCommand('bench:intake', 'webhook intake throughput and latency against the real API')
  .option('--duration <s>', 'seconds per measured run', integerBetween(1), 10)
  .option('--connections <n>', 'concurrent HTTP connections', integerBetween(1), 16)
  .option('--rounds <n>', 'ceiling and API single-push runs, alternated', integerBetween(1, 20), 3)
  .parse()
  .opts<{ duration: number; connections: number; rounds: number }>();

const VILLAGE_COUNT = 50;

/** How often the database's backends are sampled during a run, so that one ending mid-run loses little. */
const BACKEND_SAMPLE_MS = 2_000;

/** The bench's database, whose PostgreSQL backends' CPU is measured beside the server's. */
let databaseName = '';

/** County, villages, a platform with its key: written directly, the API is what is being measured. */
async function seed(databaseUrl: string): Promise<{ platformId: string; secret: string; villageCodes: string[] }> {
  const dataSource = new DataSource(databaseOptions(databaseUrl));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const [county] = await dataSource.query(`INSERT INTO county (name, admin_code) VALUES ('Bench County', '621225') RETURNING id`);
    const [hub] = await dataSource.query(
      `INSERT INTO network_node (county_id, tier, code, name, location) VALUES ($1, 'county_hub', 'HUB', 'Hub', ST_SetSRID(ST_MakePoint(105.3, 34.0), 4326)) RETURNING id`,
      [county.id],
    );
    const villageCodes = Array.from({ length: VILLAGE_COUNT }, (_, index) => `621225100${String(200 + index).padStart(3, '0')}`);
    for (const [index, code] of villageCodes.entries()) {
      await dataSource.query(
        `INSERT INTO network_node (county_id, tier, parent_id, code, admin_code, name, location)
         VALUES ($1, 'village_point', $2, $3, $3, $4, ST_SetSRID(ST_MakePoint($5, 34.05), 4326))`,
        [county.id, hub.id, code, `村${index}`, 105.3 + index * 0.01],
      );
    }
    const [key] = await dataSource.query(
      `INSERT INTO api_key (county_id, name, role, key_hash, key_prefix) VALUES ($1, 'bench platform', 'viewer', $2, 'rdk_bench') RETURNING id`,
      [county.id, randomBytes(32).toString('hex')],
    );
    const secret = newWebhookSecret();
    const sealed = new SecretBox({ secretKeys: [Buffer.from(BENCH_SECRET_KEY, 'base64')] }).seal(secret);
    const [platform] = await dataSource.query(`INSERT INTO platform (county_id, name, api_key_id, sealed_webhook_secret) VALUES ($1, 'bench', $2, $3) RETURNING id`, [
      county.id,
      key.id,
      sealed,
    ]);
    return { platformId: platform.id, secret, villageCodes };
  } finally {
    await dataSource.destroy();
  }
}

/** The plain server of intake-ceiling-server.ts, on its own tables in the same database. */
function startCeiling(databaseUrl: string, port: number): Promise<ChildProcess> {
  return startServer(path.join(__dirname, 'intake-ceiling-server.js'), { DATABASE_URL: databaseUrl, PORT: String(port) }, `http://127.0.0.1:${port}/health`);
}

let sequence = 0;
function shipment(villageCodes: string[]) {
  sequence += 1;
  const id = `B${process.pid}-${sequence}`;
  return {
    id,
    contact: { name: '王小明', phone: '13800138000' },
    destination: { villageCode: villageCodes[sequence % villageCodes.length] },
    parcels: [{ barcode: `${id}-1`, weightG: 800 + (sequence % 5000), dimensions: { length: 30, width: 20, height: 10, unit: 'cm' }, declaredValueFen: 5900 }],
  };
}

async function run(
  label: string,
  api: ChildProcess,
  url: string,
  secret: string,
  makeBody: () => unknown,
  shipmentsPerRequest: number,
  duration = options.duration,
): Promise<Measured> {
  const connections = options.connections;
  const cpuBefore = processCpuMs(api.pid);
  // Both servers share the database; the idle one's backends cost next to nothing, so all of its backends are counted.
  const databaseCpu = new DatabaseBackendsCpu(databaseName);
  const sampling = setInterval(() => databaseCpu.sample(), BACKEND_SAMPLE_MS);
  const result = await autocannon({
    url,
    connections,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest: (request: Record<string, unknown>) => {
          const body = JSON.stringify(makeBody());
          return { ...request, body, headers: signedHeaders(secret, `msg_${randomUUID()}`, body) };
        },
      },
    ],
  });
  clearInterval(sampling);
  const requestsPerS = result.requests.total / result.duration;
  const cpuAfter = processCpuMs(api.pid);
  const databaseCpuMs = databaseCpu.totalMs();
  const cpuMsPerRequest = cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? (cpuAfter - cpuBefore) / result.requests.total : null;
  const databaseCpuMsPerRequest = result.requests.total > 0 ? databaseCpuMs / result.requests.total : null;
  console.log(
    `${label.padEnd(26)} ${requestsPerS.toFixed(0).padStart(6)} req/s  ${(requestsPerS * shipmentsPerRequest).toFixed(0).padStart(7)} shipments/s  ` +
      `p50 ${result.latency.p50} ms  p99 ${result.latency.p99} ms  max ${result.latency.max} ms  non-2xx ${result.non2xx}  errors ${result.errors}  ` +
      `CPU ${cpuMsPerRequest === null ? '?' : cpuMsPerRequest.toFixed(2)} ms/request, PostgreSQL ${databaseCpuMsPerRequest === null ? '?' : databaseCpuMsPerRequest.toFixed(2)} ms/request`,
  );
  if (result.non2xx > 0 || result.errors > 0) console.log(`  !! ${result.non2xx} non-2xx answers and ${result.errors} errors: the figure above is not a clean run`);
  return { requestsPerS, p99: result.latency.p99, cpuMsPerRequest, databaseCpuMsPerRequest };
}

async function main(): Promise<void> {
  const database = await createBenchDatabase('intake');
  databaseName = new URL(database.url).pathname.slice(1);
  let api: ChildProcess | undefined;
  let ceiling: ChildProcess | undefined;
  try {
    const { platformId, secret, villageCodes } = await seed(database.url);
    const single = () => ({ type: 'create', shipment: shipment(villageCodes) });
    console.log(`intake bench at ${new Date().toISOString()}: ${options.connections} connections, ${options.duration} s per run, node ${process.version}`);
    // Both servers up, on the same database and bodies; an idle one costs the other nothing.
    const ceilingPort = await freePort();
    ceiling = await startCeiling(database.url, ceilingPort);
    const ceilingUrl = `http://127.0.0.1:${ceilingPort}/`;
    const port = await freePort();
    api = await startApi(database.url, port);
    const url = `http://127.0.0.1:${port}/v1/webhooks/${platformId}/shipments`;
    await run('warm-up (ceiling)', ceiling, ceilingUrl, secret, single, 1, 3);
    await run('warm-up (API)', api, url, secret, single, 1, 3);
    const ceilingRuns: Measured[] = [];
    const apiRuns: Measured[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      ceilingRuns.push(await run(`ceiling: plain node+pg (${round})`, ceiling, ceilingUrl, secret, single, 1));
      apiRuns.push(await run(`API single pushes (${round})`, api, url, secret, single, 1));
    }
    await run('API batches of 100', api, url, secret, () => ({ shipments: Array.from({ length: 100 }, () => shipment(villageCodes)) }), 100);
    console.log(ceilingRatioLine('single pushes', apiRuns, ceilingRuns, '≥ 0.70'));
  } finally {
    // Let the servers close their connections before the database is dropped under them.
    await stopChild(ceiling);
    await stopChild(api);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
