import { ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DriverDay, SERVICE_DATE, startDriverDay, TokenPair } from '../driver/support/driver-day';
import { isoWithOffset } from '../driver/support/phone';
import { buildIfStale, spawnApi, stopProcess } from '../support/service-processes';
import { TEST_CLOCK_START } from '../support/test-app';
import { freePort } from '../support/throwaway-services';

/** A 1×1 PNG, with random bytes after its end so that each upload is new: the service checks the signature, not the picture. */
const proofBytes = () =>
  Buffer.concat([Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'), randomBytes(16)]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Smaller than the 5 MiB default, so that a proof at the limit is quick to send; the limit is the service's, whichever store keeps the bytes. */
const PROOF_MAX_BYTES = 1024 * 1024;

/** What these cases read of a manifest, a run and a plan. */
interface Manifest {
  stops: Array<{ place: { id: string; name: string } }>;
  driver: { name: string };
}
interface Run {
  routeId: string;
  status: string;
  manifest: Manifest;
}
interface PlanDetail {
  routes: Array<{ id: string; stops: Array<{ id: string }> }>;
}

/**
 * Deployed as two API processes (different ports, as behind a load balancer) on one PostgreSQL and one
 * Redis, on a published driver day. Whichever process a phone or the county centre reaches:
 * - a proof uploaded through one is read through the other (proofs are kept in PostgreSQL);
 * - each process caches prepared manifests, but checks every answer against a fingerprint read from
 *   PostgreSQL, so a change written through one process is served at once by the other (new body, new
 *   ETag), and an unchanged manifest still answers 304 to the ETag either process gave.
 */
describe('two API processes on one published driver day: proofs and cached manifests', () => {
  let day: DriverDay;
  const processes: ChildProcess[] = [];
  let apiA: string;
  let apiB: string;
  let tokens: TokenPair;
  let routeId: string;

  beforeAll(async () => {
    buildIfStale();
    day = await startDriverDay();
    const env = {
      // The processes' clocks start where the day's does, so that the service date is today for them too.
      CLOCK_START: TEST_CLOCK_START.toISOString(),
      // The default store, whatever the developer's shell says.
      PROOF_STORAGE: '',
      PROOF_STORAGE_DIR: '',
      PROOF_MAX_BYTES: String(PROOF_MAX_BYTES),
    };
    const [portA, portB] = [await freePort(), await freePort()];
    processes.push(await spawnApi(day.config, portA, env), await spawnApi(day.config, portB, env));
    [apiA, apiB] = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`];
    // Signed in through A; the token is checked by B with the key both read from PostgreSQL.
    const signIn = await fetch(`${apiA}/v1/driver/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ county: day.owner.county.adminCode, phone: day.drivers.tricycle.phone, pin: '246810', device: { id: 'two-api-phone', name: 'test phone' } }),
    });
    expect(signIn.status).toBe(200);
    tokens = (await signIn.json()) as TokenPair;
    routeId = day.routeOf(day.drivers.tricycle).id;
  }, 360_000);

  afterAll(async () => {
    await Promise.all(processes.map((child) => stopProcess(child)));
    await day?.close();
  });

  const asDriver = (base: string, path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { Authorization: `Bearer ${tokens.accessToken}`, ...(init.headers as Record<string, string>) } });
  const asOwner = (base: string, path: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { Authorization: day.owner.authorization, 'Content-Type': 'application/json', ...(init.headers as Record<string, string>) } });
  const county = () => `/v1/counties/${day.owner.county.id}`;

  describe('proofs', () => {
    it('reads a proof uploaded through API A on API B, for the driver and for the county centre', async () => {
      const bytes = proofBytes();
      const hash = sha256(bytes);
      const upload = (base: string) => asDriver(base, `/v1/driver/proofs/${hash}`, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: bytes });
      expect((await upload(apiA)).status).toBe(201);
      // Sent again through B (a retry that the balancer sent elsewhere): B finds it stored.
      expect((await upload(apiB)).status).toBe(200);
      for (const base of [apiB, apiA]) {
        const own = await asDriver(base, `/v1/driver/proofs/${hash}`);
        expect(own.status).toBe(200);
        expect(own.headers.get('content-type')).toMatch(/^image\/png/);
        expect(Buffer.from(await own.arrayBuffer()).equals(bytes)).toBe(true);
        const centre = await asOwner(base, `${county()}/proofs/${hash}`);
        expect(centre.status).toBe(200);
        expect(Buffer.from(await centre.arrayBuffer()).equals(bytes)).toBe(true);
      }
      // Once, in PostgreSQL: the store both processes share.
      const rows = await day.query(`SELECT size_bytes FROM proof_blob WHERE key = $1`, [`${day.owner.county.id}/${hash.slice(0, 2)}/${hash}`]);
      expect(rows).toEqual([{ size_bytes: bytes.length }]);
    });

    it('keeps a proof of exactly PROOF_MAX_BYTES whole, and refuses one byte more with 413, storing nothing', async () => {
      const atLimit = Buffer.concat([proofBytes(), randomBytes(PROOF_MAX_BYTES)]).subarray(0, PROOF_MAX_BYTES);
      const over = Buffer.concat([atLimit, Buffer.from([0])]);
      const blobs = async () => Number((await day.query(`SELECT count(*) AS n FROM proof_blob`))[0].n);
      const before = await blobs();
      const refused = await asDriver(apiA, `/v1/driver/proofs/${sha256(over)}`, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: over });
      expect(refused.status).toBe(413);
      expect(await blobs()).toBe(before);
      const hash = sha256(atLimit);
      expect((await asDriver(apiA, `/v1/driver/proofs/${hash}`, { method: 'PUT', headers: { 'Content-Type': 'image/png' }, body: atLimit })).status).toBe(201);
      const back = await asOwner(apiB, `${county()}/proofs/${hash}`);
      expect(back.status).toBe(200);
      expect(Buffer.from(await back.arrayBuffer()).equals(atLimit)).toBe(true);
      expect(await blobs()).toBe(before + 1);
    });

    it('answers 404 on both for a proof never uploaded, and 400 for a name that is not a hash', async () => {
      const missing = sha256(proofBytes());
      for (const base of [apiA, apiB]) {
        expect((await asDriver(base, `/v1/driver/proofs/${missing}`)).status).toBe(404);
        expect((await asOwner(base, `${county()}/proofs/${missing}`)).status).toBe(404);
        expect((await asOwner(base, `${county()}/proofs/..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
      }
    });
  });

  describe('cached manifests', () => {
    const runsPath = `/v1/driver/runs?date=${SERVICE_DATE}`;
    const manifestPath = () => `${county()}/plans/${day.plan.id}/routes/${routeId}/manifest`;

    interface Read {
      run: Run;
      manifest: Manifest;
      etags: { runs: string; manifest: string };
    }

    /** The driver's runs and the operators' manifest of the route, through one process; read twice, so its cache is warm and answers the same. */
    async function read(base: string): Promise<Read> {
      const bodies: Array<{ runs: { runs: Run[] }; manifest: Manifest; etags: Read['etags'] }> = [];
      for (let round = 0; round < 2; round++) {
        const runs = await asDriver(base, runsPath);
        const manifest = await asOwner(base, manifestPath());
        expect([runs.status, manifest.status]).toEqual([200, 200]);
        bodies.push({
          runs: (await runs.json()) as { runs: Run[] },
          manifest: (await manifest.json()) as Manifest,
          etags: { runs: runs.headers.get('etag')!, manifest: manifest.headers.get('etag')! },
        });
      }
      expect(bodies[1]).toEqual(bodies[0]);
      const { runs, manifest, etags } = bodies[0]!;
      return { run: runs.runs.find((candidate) => candidate.routeId === routeId)!, manifest, etags };
    }

    /** Conditional requests with `etags` through `base`: the status of the driver's runs and of the operators' manifest. */
    async function conditional(base: string, etags: Read['etags']): Promise<number[]> {
      const runs = await asDriver(base, runsPath, { headers: { 'If-None-Match': etags.runs } });
      const manifest = await asOwner(base, manifestPath(), { headers: { 'If-None-Match': etags.manifest } });
      return [runs.status, manifest.status];
    }

    /** Both processes warm and agreeing: what each then serves is what the other does. */
    async function warmBoth(): Promise<Read> {
      const [onA, onB] = [await read(apiA), await read(apiB)];
      expect(onB).toEqual(onA);
      return onA;
    }

    /** After a write through A: B (warm, with the old answer cached) serves the change at once, and both agree again. */
    async function expectShownOnB(before: Read, expectChange: (after: Read) => void): Promise<void> {
      const after = await read(apiB);
      expectChange(after);
      expect(after.etags.runs).not.toBe(before.etags.runs);
      expect(after.etags.manifest).not.toBe(before.etags.manifest);
      expect(after.run.manifest).toEqual(after.manifest);
      // The old ETag is stale on both processes; the new one is current on both.
      expect(await conditional(apiB, before.etags)).toEqual([200, 200]);
      expect(await conditional(apiA, before.etags)).toEqual([200, 200]);
      expect(await conditional(apiA, after.etags)).toEqual([304, 304]);
      expect(await conditional(apiB, after.etags)).toEqual([304, 304]);
      expect(await read(apiA)).toEqual(after);
    }

    it('serves the same manifest from both processes, and 304 from either to the ETag the other gave while nothing changed', async () => {
      const first = await warmBoth();
      expect(first.run.manifest).toEqual(first.manifest);
      expect(await conditional(apiB, first.etags)).toEqual([304, 304]);
      expect(await conditional(apiA, first.etags)).toEqual([304, 304]);
      // A 304 carries the validator and no body.
      const bare = await asDriver(apiB, runsPath, { headers: { 'If-None-Match': first.etags.runs } });
      expect(bare.headers.get('etag')).toBe(first.etags.runs);
      expect(await bare.text()).toBe('');
    });

    it('shows a village renamed through API A at once through API B, with new ETags', async () => {
      const before = await warmBoth();
      const place = before.manifest.stops[0].place;
      const renamed = await asOwner(apiA, `${county()}/nodes/${place.id}`, { method: 'PATCH', body: JSON.stringify({ name: `${place.name}新村` }) });
      expect(renamed.status).toBe(200);
      await expectShownOnB(before, (after) => {
        expect(after.manifest.stops[0].place.name).toBe(`${place.name}新村`);
        expect(after.run.manifest.stops[0].place.name).toBe(`${place.name}新村`);
      });
    });

    it("shows the route's stops put in a new order through API A at once through API B", async () => {
      const before = await warmBoth();
      const detail = (await (await asOwner(apiA, `${county()}/plans/${day.plan.id}`)).json()) as PlanDetail;
      const route = detail.routes.find((candidate) => candidate.id === routeId)!;
      expect(route.stops.length).toBeGreaterThanOrEqual(2);
      // The last two stops swapped: a small edit within the route's time windows.
      const stopIds = route.stops.map((stop) => stop.id);
      const swapped = [...stopIds.slice(0, -2), stopIds.at(-1)!, stopIds.at(-2)!];
      const reordered = await asOwner(apiA, `${county()}/plans/${day.plan.id}/routes/${routeId}/stop-order`, { method: 'PUT', body: JSON.stringify({ stopIds: swapped }) });
      expect(reordered.status).toBe(200);
      const placeIds = (manifest: Manifest) => manifest.stops.map((stop) => stop.place.id);
      await expectShownOnB(before, (after) => {
        const expected = [...placeIds(before.manifest).slice(0, -2), placeIds(before.manifest).at(-1), placeIds(before.manifest).at(-2)];
        expect(placeIds(after.manifest)).toEqual(expected);
        expect(placeIds(after.run.manifest)).toEqual(expected);
      });
    });

    it("shows the driver renamed through API A, and the run dispatched by the driver's event through API A, at once through API B", async () => {
      let before = await warmBoth();
      const renamed = await asOwner(apiA, `${county()}/drivers/${day.drivers.tricycle.id}`, { method: 'PATCH', body: JSON.stringify({ name: '刘大师傅' }) });
      expect(renamed.status).toBe(200);
      await expectShownOnB(before, (after) => expect(after.manifest.driver.name).toBe('刘大师傅'));

      before = await warmBoth();
      expect(before.run.status).toBe('planned');
      // Stamped with the server's own time (its clock starts at the test's instant), as a phone whose clock is right would.
      const { serverTime } = (await (await asDriver(apiA, '/v1/driver/me')).json()) as { serverTime: string };
      const now = isoWithOffset(Date.parse(serverTime));
      const sent = await asDriver(apiA, '/v1/driver/events', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sentAt: now, events: [{ id: randomUUID(), type: 'departed', routeId, recordedAt: now }] }),
      });
      expect(sent.status).toBe(200);
      expect(((await sent.json()) as { results: Array<{ outcome: string }> }).results[0]!.outcome).not.toBe('rejected');
      const after = await read(apiB);
      expect(after.run.status).toBe('dispatched');
      expect(after.etags.runs).not.toBe(before.etags.runs);
      expect(await conditional(apiB, before.etags).then(([runs]) => runs)).toBe(200);
      expect(await conditional(apiA, after.etags).then(([runs]) => runs)).toBe(304);
    });
  });
});
