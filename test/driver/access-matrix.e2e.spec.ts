import { createHash, createHmac, createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { Driver } from '../../src/fleet/driver.entity';
import { DriverDay, SERVICE_DATE, startDriverDay, TokenPair } from './support/driver-day';
import { beijing, Phone } from './support/phone';

const EVENING = new Date(`${SERVICE_DATE}T19:00:00+08:00`);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const base64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT made by hand: any header, any payload, any signature (or none). */
function forge(header: Record<string, unknown>, payload: Record<string, unknown>, sign: (input: string) => string): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  return `${input}.${sign(input)}`;
}

/**
 * Every driver against every other driver's runs, parcels and proofs; every kind of bad token; an
 * operator key where a driver's token belongs and the other way round. Each forbidden cell is refused,
 * and nothing is written.
 */
describe('driver access matrix', () => {
  let day: DriverDay;
  let names: Array<'van' | 'tricycle' | 'spare'>;
  let sessions: Record<string, TokenPair>;
  let phones: Record<string, Phone>;
  let runsOf: Record<string, any[]>;
  let proofOf: Record<string, string>;
  let secret: Buffer;
  let claims: Record<string, unknown>;

  /** Row counts of every table a forbidden request could write to. */
  const writes = async () =>
    (
      await day.query(
        `SELECT (SELECT count(*) FROM driver_event)::int AS events, (SELECT count(*) FROM driver_event_shipment)::int AS links, (SELECT count(*) FROM driver_proof)::int AS proofs,
                (SELECT count(*) FROM shipment_event)::int AS shipment_events, (SELECT count(*) FROM plan_event)::int AS plan_events, (SELECT string_agg(status::text, ',' ORDER BY id) FROM shipment) AS statuses,
                (SELECT count(*) FROM driver_account WHERE pin_hash IS NOT NULL)::int AS pins`,
      )
    )[0];
  const driverOf = (name: string): Driver => day.drivers[name as 'van' | 'tricycle' | 'spare'];
  const barcodesOf = (runs: any[]) =>
    runs.flatMap((run) => run.manifest.stops.flatMap((stop: any) => stop.deliveries.flatMap((shipment: any) => shipment.parcels.map((parcel: any) => parcel.barcode))));

  beforeAll(async () => {
    day = await startDriverDay({ clockStart: EVENING });
    names = ['van', 'tricycle', 'spare'];
    sessions = {};
    phones = {};
    runsOf = {};
    proofOf = {};
    for (const name of names) {
      sessions[name] = await day.signIn(driverOf(name));
      phones[name] = new Phone(day, sessions[name]!);
      await phones[name]!.syncClock();
      runsOf[name] = (await phones[name]!.get(`/v1/driver/runs?date=${SERVICE_DATE}`).expect(200)).body.runs;
      // Each driver's own proof: the same picture with a byte of its own.
      const bytes = Buffer.concat([PNG, Buffer.from(name)]);
      proofOf[name] = createHash('sha256').update(bytes).digest('hex');
      await day
        .http()
        .put(`/v1/driver/proofs/${proofOf[name]}`)
        .set('Authorization', `Bearer ${sessions[name]!.accessToken}`)
        .set('Content-Type', 'image/png')
        .send(bytes)
        .expect(201);
    }
    secret = (await day.query('SELECT secret FROM driver_token_key'))[0].secret;
    const [, payload] = sessions.van!.accessToken.split('.');
    claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
  }, 240_000);

  afterAll(async () => {
    await day?.close();
  });

  it('gives the van and the tricycle one run each and the spare driver none', () => {
    expect(runsOf.van).toHaveLength(1);
    expect(runsOf.tricycle).toHaveLength(1);
    expect(runsOf.spare).toEqual([]);
  });

  it("refuses every driver every other driver's runs, parcels and proofs, writing nothing", async () => {
    const before = await writes();
    let cells = 0;
    for (const name of names) {
      const phone = phones[name]!;
      const ownRouteIds = new Set(runsOf[name]!.map((run) => run.routeId));
      for (const otherName of names.filter((candidate) => candidate !== name)) {
        for (const run of runsOf[otherName]!) {
          await phone.get(`/v1/driver/runs/${run.routeId}/manifest`).expect(404);
          await phone.get(`/v1/driver/runs/${run.routeId}/manifest?format=pdf`).expect(404);
          const onTheirRoute = barcodesOf([run]).map((barcode) =>
            phone.event(beijing(SERVICE_DATE, '10:00'), { id: randomUUID(), type: 'delivered', routeId: run.routeId, barcode }),
          );
          const departure = phone.event(beijing(SERVICE_DATE, '09:00'), { id: randomUUID(), type: 'departed', routeId: run.routeId });
          const refused = (await phone.send([departure, ...onTheirRoute]).expect(200)).body;
          expect(refused.results.every((result: any) => result.reason === 'route_not_yours')).toBe(true);
          // Their parcels named on my own run.
          for (const own of runsOf[name]!) {
            const borrowed = barcodesOf([run]).filter((barcode) => !barcodesOf(runsOf[name]!).includes(barcode));
            const events = borrowed.map((barcode) => phone.event(beijing(SERVICE_DATE, '10:00'), { id: randomUUID(), type: 'delivered', routeId: own.routeId, barcode }));
            // The van's trunk carries the tricycle's parcels to its station: those are on both runs.
            if (events.length === 0) continue;
            const answer = (await phone.send(events).expect(200)).body;
            expect(answer.results.every((result: any) => result.reason === 'parcel_not_on_route')).toBe(true);
            cells += events.length;
          }
          cells += 1 + onTheirRoute.length;
        }
        await phone.get(`/v1/driver/proofs/${proofOf[otherName]}`).expect(404);
        cells += 1;
      }
      const own = (await phone.get(`/v1/driver/runs?date=${SERVICE_DATE}`).expect(200)).body.runs;
      expect(new Set(own.map((run: any) => run.routeId))).toEqual(ownRouteIds);
      await phone.get(`/v1/driver/proofs/${proofOf[name]}`).expect(200);
    }
    expect(cells).toBeGreaterThan(20);
    expect(await writes()).toEqual(before);
  });

  describe('tokens', () => {
    async function refusedEverywhere(token: string): Promise<void> {
      const before = await writes();
      const runs = await day.http().get(`/v1/driver/runs?date=${SERVICE_DATE}`).set('Authorization', `Bearer ${token}`).expect(401);
      expect(runs.headers['content-type']).toMatch(/application\/problem\+json/);
      const run = runsOf.van![0];
      const event = { id: randomUUID(), type: 'departed', routeId: run.routeId, recordedAt: '2026-11-30T09:00:00+08:00' };
      await day
        .http()
        .post('/v1/driver/events')
        .set('Authorization', `Bearer ${token}`)
        .send({ sentAt: '2026-11-30T18:00:00+08:00', events: [event] })
        .expect(401);
      await day.http().put(`/v1/driver/proofs/${proofOf.van}`).set('Authorization', `Bearer ${token}`).set('Content-Type', 'image/png').send(PNG).expect(401);
      await day.http().get('/v1/driver/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(await writes()).toEqual(before);
    }

    it('refuses an expired token', async () => {
      // Signed with the real secret, all claims right, but ten minutes past its end.
      const issuedAt = Number(claims.iat) - 1200;
      const token = forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: issuedAt, exp: issuedAt + 600 }, (input) =>
        createHmac('sha256', secret).update(input).digest('base64url'),
      );
      await refusedEverywhere(token);
      // The same token unexpired is taken: the refusal above is the expiry, not the forging.
      const fresh = forge({ alg: 'HS256', typ: 'JWT' }, claims, (input) => createHmac('sha256', secret).update(input).digest('base64url'));
      expect(fresh).toBe(sessions.van!.accessToken);
    });

    it('refuses a tampered payload and a tampered signature', async () => {
      const [header, , signature] = sessions.spare!.accessToken.split('.');
      const asVan = `${header}.${base64url({ ...claims, sub: day.drivers.van.id, dev: claims.dev })}.${signature}`;
      await refusedEverywhere(asVan);
      const token = sessions.van!.accessToken;
      const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
      await refusedEverywhere(flipped);
    });

    it('refuses alg none, RS256, HS512 and HS256 keyed with a public key (algorithm confusion)', async () => {
      await refusedEverywhere(forge({ alg: 'none', typ: 'JWT' }, claims, () => ''));
      await refusedEverywhere(forge({ alg: 'NONE', typ: 'JWT' }, claims, () => ''));
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      await refusedEverywhere(forge({ alg: 'RS256', typ: 'JWT' }, claims, (input) => createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url')));
      const pem = publicKey.export({ type: 'spki', format: 'pem' });
      await refusedEverywhere(forge({ alg: 'HS256', typ: 'JWT' }, claims, (input) => createHmac('sha256', pem).update(input).digest('base64url')));
      await refusedEverywhere(forge({ alg: 'HS512', typ: 'JWT' }, claims, (input) => createHmac('sha512', secret).update(input).digest('base64url')));
      await refusedEverywhere(forge({ alg: 'HS256', typ: 'JWT' }, claims, (input) => createHmac('sha256', 'a guessed secret').update(input).digest('base64url')));
    });

    it('refuses a reused refresh token, and the family it revoked', async () => {
      const session = await day.signIn(day.drivers.spare, 'matrix-phone-1');
      const refresh = (refreshToken: string) => day.http().post('/v1/driver/token').send({ refreshToken, deviceId: 'matrix-phone-1' });
      const second = (await refresh(session.refreshToken).expect(200)).body;
      await refresh(second.refreshToken).expect(200);
      const before = await writes();
      await refresh(session.refreshToken).expect(401);
      await refresh(second.refreshToken).expect(401);
      await refresh('rdr_made-up-token').expect(401);
      expect(await writes()).toEqual(before);
    });

    it("refuses an operator key on the driver endpoints, and a driver's token on the operator endpoints", async () => {
      await refusedEverywhere(day.owner.apiKey);
      const before = await writes();
      const driverToken = `Bearer ${sessions.van!.accessToken}`;
      const county = `/v1/counties/${day.owner.county.id}`;
      for (const path of [
        `${county}/plans`,
        `${county}/plans/${day.plan.id}/progress`,
        `${county}/cash-on-delivery?date=${SERVICE_DATE}`,
        `${county}/proofs/${proofOf.van}`,
        `${county}/drivers/${day.drivers.van.id}/devices`,
      ]) {
        await day.http().get(path).set('Authorization', driverToken).expect(401);
      }
      await day.http().put(`${county}/drivers/${day.drivers.van.id}/pin`).set('Authorization', driverToken).send({ pin: '000000' }).expect(401);
      await day.http().patch(`${county}/plans/${day.plan.id}/routes/${runsOf.van![0].routeId}`).set('Authorization', driverToken).send({ status: 'dispatched' }).expect(401);
      expect(await writes()).toEqual(before);
    });
  });
});
