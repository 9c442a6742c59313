import fc from 'fast-check';
import { DriverDay, SERVICE_DATE, startDriverDay } from './support/driver-day';
import { beijing, Phone, PhoneEvent } from './support/phone';

/** The clock of this file starts in the evening of the service day: the day's events are all in its past. */
const EVENING = new Date(`${SERVICE_DATE}T19:00:00+08:00`);
const DAY_START_MS = beijing(SERVICE_DATE, '08:00');
const DAY_MINUTES = 600;

/** One event a driver could report on the day, before a time and an id are drawn for it. */
interface Candidate {
  driver: 'van' | 'tricycle';
  body: Record<string, unknown>;
}

/** Every event the day's manifests allow (each delivery may be reported failed twice: a retry), from the drivers' own runs. */
function candidatesOf(driver: Candidate['driver'], runs: any[]): Candidate[] {
  const candidates: Candidate[] = [];
  const add = (body: Record<string, unknown>) => candidates.push({ driver, body });
  for (const run of runs) {
    const routeId = run.routeId;
    add({ type: 'departed', routeId });
    add({ type: 'arrived', routeId });
    for (const stop of run.manifest.stops) {
      add({ type: 'arrived', routeId, stopId: stop.id, location: { coordinates: stop.place.coordinates } });
      add({ type: 'departed', routeId, stopId: stop.id });
      for (const shipment of stop.deliveries) {
        for (const { barcode } of shipment.parcels) {
          if (stop.kind === 'village') {
            add({ type: 'delivered', routeId, stopId: stop.id, barcode, ...(shipment.cashOnDeliveryFen > 0 ? { cashCollectedFen: 5_000 } : {}) });
            add({ type: 'failed', routeId, barcode, reasonCode: 'recipient_absent' });
            add({ type: 'failed', routeId, barcode, reasonCode: 'refused', location: { coordinates: stop.place.coordinates, accuracyM: 30 } });
          } else {
            add({ type: 'handed_to_station', routeId, stopId: stop.id, barcode });
          }
        }
      }
      for (const shipment of stop.pickups) {
        for (const { barcode } of shipment.parcels) {
          add({ type: 'picked_up', routeId, stopId: stop.id, barcode });
          add({ type: 'handed_to_station', routeId, barcode });
          if (stop.kind === 'village') add({ type: 'failed', routeId, barcode, reasonCode: 'nothing_to_collect' });
        }
      }
      add({ type: 'exception', routeId, stopId: stop.id, note: '路面塌方，绕行' });
    }
  }
  return candidates;
}

/** A small deterministic generator, so one drawn seed replays the same shuffle, duplicates and splits. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('offline sync converges: any order, any repetition, any split ends where one ordered pass ends', () => {
  let day: DriverDay;
  let phones: Record<Candidate['driver'], Phone>;
  let candidates: Candidate[];
  let departures: Candidate[];
  let baseline: { shipments: Array<{ id: string; status: string }>; routes: Array<{ id: string; status: string }> };

  const planUrl = () => `/v1/counties/${day.owner.county.id}/plans/${day.plan.id}`;

  /** Back to the published day as it was before any report (the test's own reset; the API has none, on purpose). */
  async function resetDay(): Promise<void> {
    await day.query('DELETE FROM driver_event WHERE county_id = $1', [day.owner.county.id]);
    for (const shipment of baseline.shipments) await day.query('UPDATE shipment SET status = $2 WHERE id = $1', [shipment.id, shipment.status]);
    for (const route of baseline.routes) await day.query('UPDATE plan_route SET status = $2 WHERE id = $1', [route.id, route.status]);
    await day.query(`UPDATE plan SET lifecycle = 'published' WHERE id = $1`, [day.plan.id]);
  }

  /** Shipment states, route and plan states, plan progress and cash totals: everything the rule promises to converge. */
  async function snapshot(): Promise<unknown> {
    const shipments = await day.query('SELECT id, status FROM shipment WHERE id = ANY($1::uuid[]) ORDER BY id', [day.shipments.all]);
    const routes = await day.query('SELECT id, status FROM plan_route WHERE plan_id = $1 ORDER BY id', [day.plan.id]);
    const plan = await day.query('SELECT lifecycle FROM plan WHERE id = $1', [day.plan.id]);
    const progress = (await day.http().get(`${planUrl()}/progress`).set('Authorization', day.owner.authorization).expect(200)).body;
    const cash = (await day.http().get(`/v1/counties/${day.owner.county.id}/cash-on-delivery?date=${SERVICE_DATE}`).set('Authorization', day.owner.authorization).expect(200)).body;
    return { shipments, routes, plan, progress, cash };
  }

  async function sendAll(batches: Array<{ driver: Candidate['driver']; events: PhoneEvent[] }>): Promise<void> {
    for (const batch of batches) {
      const response = await phones[batch.driver].send(batch.events).expect(200);
      const refused = response.body.results.filter((result: any) => result.outcome === 'rejected');
      if (refused.length > 0) throw new Error(`events refused: ${JSON.stringify(refused)}`);
    }
  }

  beforeAll(async () => {
    day = await startDriverDay({ clockStart: EVENING });
    phones = {
      van: new Phone(day, await day.signIn(day.drivers.van), -7 * 60_000),
      tricycle: new Phone(day, await day.signIn(day.drivers.tricycle), 12 * 60_000),
    };
    const all: Candidate[] = [];
    for (const driver of ['van', 'tricycle'] as const) {
      await phones[driver].syncClock();
      const runs = (await phones[driver].get(`/v1/driver/runs?date=${SERVICE_DATE}`).expect(200)).body.runs;
      expect(runs.length).toBeGreaterThan(0);
      all.push(...candidatesOf(driver, runs));
    }
    const leavesBase = (candidate: Candidate) => candidate.body.type === 'departed' && candidate.body.stopId === undefined;
    departures = all.filter(leavesBase);
    candidates = all.filter((candidate) => !leavesBase(candidate));
    baseline = {
      shipments: await day.query('SELECT id, status FROM shipment WHERE id = ANY($1::uuid[]) ORDER BY id', [day.shipments.all]),
      routes: await day.query('SELECT id, status FROM plan_route WHERE plan_id = $1 ORDER BY id', [day.plan.id]),
    };
  }, 240_000);

  afterAll(async () => {
    await day?.close();
  });

  it('has a day worth syncing: deliveries, hand-overs at a station, a pickup, cash on delivery', () => {
    const types = new Set([...departures, ...candidates].map((candidate) => candidate.body.type));
    expect(departures).toHaveLength(2);
    expect([...types].sort()).toEqual(['arrived', 'delivered', 'departed', 'exception', 'failed', 'handed_to_station', 'picked_up']);
    expect(candidates.some((candidate) => candidate.body.cashCollectedFen !== undefined)).toBe(true);
  });

  it('ends in the same shipment states, plan progress and cash totals as the same events applied once, in order', async () => {
    let runs = 0;
    let runsWithChanges = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat(candidates.length - 1), { minLength: 1, maxLength: 60 }),
        // Unique ids: one id for two different events would be refused (id_reused), by design.
        fc.uniqueArray(fc.tuple(fc.nat(DAY_MINUTES * 60), fc.uuid({ version: 4 })), {
          minLength: 60 + departures.length,
          maxLength: 60 + departures.length,
          selector: ([, id]) => id,
        }),
        fc.integer(),
        async (picked, draws, seed) => {
          // Every run leaves its base (so every example moves shipments), at a drawn time; the rest is drawn.
          const chosen = [...departures, ...picked.map((index) => candidates[index]!)];
          const events = chosen.map((candidate, position) => {
            const [secondOfDay, id] = draws[position]!;
            // Equal times on purpose now and then: the event id must break the tie.
            const trueMs = DAY_START_MS + (secondOfDay % 7 === 0 ? 3600_000 : secondOfDay * 1000);
            return { driver: candidate.driver, event: phones[candidate.driver].event(trueMs, { id, ...candidate.body }) };
          });

          // Once, in order of when things happened, one batch per driver's run of consecutive events.
          await resetDay();
          const ordered = [...events].sort((a, b) => a.event.trueMs - b.event.trueMs || (a.event.body.id < b.event.body.id ? -1 : 1));
          const inOrder: Array<{ driver: Candidate['driver']; events: PhoneEvent[] }> = [];
          for (const { driver, event } of ordered) {
            const last = inOrder[inOrder.length - 1];
            if (last?.driver === driver) last.events.push(event);
            else inOrder.push({ driver, events: [event] });
          }
          await sendAll(inOrder);
          const expected = await snapshot();

          // Again from the start: shuffled, a third of them twice, in random syncs per phone, the phones interleaved.
          await resetDay();
          const random = mulberry32(seed);
          const copies = events.flatMap((entry) => (random() < 0.33 ? [entry, entry] : [entry]));
          for (let i = copies.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1));
            [copies[i], copies[j]] = [copies[j]!, copies[i]!];
          }
          const shuffled: Array<{ driver: Candidate['driver']; events: PhoneEvent[] }> = [];
          const pending = { van: copies.filter((entry) => entry.driver === 'van'), tricycle: copies.filter((entry) => entry.driver === 'tricycle') };
          while (pending.van.length + pending.tricycle.length > 0) {
            const driver = pending.van.length === 0 ? 'tricycle' : pending.tricycle.length === 0 ? 'van' : random() < 0.5 ? 'van' : 'tricycle';
            const size = 1 + Math.floor(random() * 12);
            shuffled.push({ driver, events: pending[driver].splice(0, size).map((entry) => entry.event) });
          }
          await sendAll(shuffled);
          const actual = await snapshot();

          expect(actual).toEqual(expected);
          runs += 1;
          if (JSON.stringify((expected as any).shipments) !== JSON.stringify(baseline.shipments)) runsWithChanges += 1;
        },
      ),
      { numRuns: 15, endOnFailure: true },
    );
    // The property is about days where shipments really move, not about days where nothing happens.
    expect(runs).toBe(15);
    expect(runsWithChanges).toBe(runs);
  }, 900_000);
});
