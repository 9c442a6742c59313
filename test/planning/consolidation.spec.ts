import { Solution, solveAsync } from '@rural-dispatch/routing';
import { companionsServedAlone, companionTaskIds } from '../../src/planning/planner/companion-jobs';
import { ServiceCalendar } from '../../src/network/service-calendar';
import { planConsolidatedWave } from '../../src/planning/consolidation/consolidated-wave';
import { classifyShipments, ConsolidationContext, ShipmentPromise } from '../../src/planning/consolidation/shipment-urgency';
import { taskPenaltyFen } from '../../src/planning/planner/task-penalty';
import { bindingPromise, DEFAULT_PROMISE_RULES } from '../../src/planning/promises/promise-rules';
import { fixtureInput, gridMatrices, shipment, vehicle } from './support/wave-fixture';

const TZ = 'Asia/Shanghai';
const RULES = new Map(DEFAULT_PROMISE_RULES.map((rule) => [rule.serviceLevel as string, rule]));
const at = (iso: string) => new Date(iso);
const MON_WED_FRI: ServiceCalendar = { rule: 'weekdays', weekdays: ['mon', 'wed', 'fri'], exceptions: [] };

/** Tuesday 2026-12-01: S1's villages are served Mon/Wed/Fri (the station's calendar), S2's every day. */
function context(promises: Record<string, Partial<ShipmentPromise> & { dueBy: Date }>): ConsolidationContext {
  return {
    timeZone: TZ,
    promises: new Map(Object.entries(promises).map(([id, promise]) => [id, { source: 'platform', serviceLevel: 'standard', lateOnArrival: false, ...promise }])),
    calendars: new Map(['V11', 'V12', 'V13'].map((id) => [id, { own: null, station: MON_WED_FRI }])),
  };
}

const DUE_TODAY = at('2026-12-01T20:00:00+08:00');
const DUE_THURSDAY = at('2026-12-03T20:00:00+08:00');
const PASSED = at('2026-11-29T20:00:00+08:00');

describe('binding promises', () => {
  it("takes the platform's promise, else the county default counted from the arrival", () => {
    const standard = bindingPromise({ serviceLevel: 'standard', promisedBy: null, arrivedAt: at('2026-11-30T09:00:00+08:00') }, RULES, TZ);
    expect(standard).toEqual({ dueBy: at('2026-12-03T20:00:00+08:00'), source: 'county_default' });
    expect(bindingPromise({ serviceLevel: 'express', promisedBy: null, arrivedAt: at('2026-11-30T11:59:00+08:00') }, RULES, TZ).dueBy).toEqual(at('2026-11-30T20:00:00+08:00'));
    // After the noon cut-off an express parcel counts from the next day.
    expect(bindingPromise({ serviceLevel: 'express', promisedBy: null, arrivedAt: at('2026-11-30T12:01:00+08:00') }, RULES, TZ).dueBy).toEqual(at('2026-12-01T20:00:00+08:00'));
    expect(bindingPromise({ serviceLevel: 'economy', promisedBy: null, arrivedAt: at('2026-11-30T23:30:00+08:00') }, RULES, TZ).dueBy).toEqual(at('2026-12-05T20:00:00+08:00'));
    expect(bindingPromise({ serviceLevel: 'scheduled', promisedBy: null, arrivedAt: at('2026-11-29T17:00:00Z') }, RULES, TZ).dueBy).toEqual(at('2026-12-07T20:00:00+08:00'));
    expect(bindingPromise({ serviceLevel: 'express', promisedBy: DUE_THURSDAY, arrivedAt: at('2026-11-30T09:00:00+08:00') }, RULES, TZ)).toEqual({
      dueBy: DUE_THURSDAY,
      source: 'platform',
    });
  });
});

describe('must go, may go, not offered', () => {
  const input = fixtureInput({
    serviceDate: '2026-12-01',
    shipments: [
      shipment('a-V11-waits', 'V11'),
      shipment('b-V12-due', 'V12'),
      shipment('c-V12-rides', 'V12'),
      shipment('d-V13-express', 'V13'),
      shipment('e-V21-daily', 'V21'),
      shipment('f-V22-late', 'V22'),
    ],
  });
  const promises = context({
    'a-V11-waits': { dueBy: DUE_THURSDAY },
    'b-V12-due': { dueBy: DUE_TODAY },
    'c-V12-rides': { dueBy: DUE_THURSDAY },
    'd-V13-express': { dueBy: DUE_THURSDAY, serviceLevel: 'express' },
    'e-V21-daily': { dueBy: DUE_THURSDAY },
    'f-V22-late': { dueBy: PASSED },
  });

  it('classifies by the promise and the village calendar, before any solving', () => {
    const classification = classifyShipments(input, promises);
    expect(Object.fromEntries(classification.offered.map((entry) => [entry.shipment.id, entry.urgency]))).toEqual({
      'b-V12-due': 'due',
      'c-V12-rides': 'optional',
      'd-V13-express': 'express',
      'e-V21-daily': 'optional',
      'f-V22-late': 'late',
    });
    expect(classification.notOffered).toEqual([expect.objectContaining({ shipmentId: 'a-V11-waits', reason: 'not_service_day', plannedFor: '2026-12-02' })]);
    // Wednesday's last arrival (the tricycle's shift ends at 18:00) still keeps Thursday 20:00.
    expect(classification.offered.find((entry) => entry.shipment.id === 'c-V12-rides')!.nextServiceDay).toBe('2026-12-02');
  });

  it('is due when the next service day would break the promise, or when there is no service day within a year', () => {
    const closed: ServiceCalendar = { rule: 'daily', exceptions: [{ type: 'closed', from: '2026-12-02', to: '2026-12-03' }] };
    const classification = classifyShipments(
      { ...input, shipments: [shipment('g-V11', 'V11')] },
      { ...context({ 'g-V11': { dueBy: DUE_THURSDAY } }), calendars: new Map([['V11', { own: closed, station: MON_WED_FRI }]]) },
    );
    expect(classification.offered.map((entry) => [entry.shipment.id, entry.urgency, entry.nextServiceDay])).toEqual([['g-V11', 'due', '2026-12-04']]);
  });

  it('on a day its village is served, lets a shipment wait only while a second chance keeps its promise', () => {
    const daily = (serviceDate: string) =>
      classifyShipments({ ...input, serviceDate, shipments: [shipment('h-V21', 'V21')] }, context({ 'h-V21': { dueBy: DUE_THURSDAY } })).offered.map((entry) => [
        entry.urgency,
        entry.nextServiceDay,
      ]);
    // Tuesday: Wednesday and, should Wednesday fail, Thursday keep the promise.
    expect(daily('2026-12-01')).toEqual([['optional', '2026-12-02']]);
    // Wednesday: Thursday would keep it, but nothing would be left after Thursday.
    expect(daily('2026-12-02')).toEqual([['due', '2026-12-03']]);
  });

  it('plans what must go, lets optional parcels ride to villages visited anyway, defers the rest to the next service day', async () => {
    const result = await planConsolidatedWave(input, promises, { matrices: gridMatrices(), solve: solveAsync });
    const stops = result.wave.routes.flatMap((route) => route.stops.filter((stop) => stop.kind === 'village'));
    expect(stops.map((stop) => stop.nodeId)).not.toContain('V11');
    const v12 = stops.find((stop) => stop.nodeId === 'V12')!;
    expect(v12.shipmentIds).toEqual(['b-V12-due', 'c-V12-rides']);
    // Riding along takes no second stop: one service time (300 s) for both jobs.
    expect(v12.departureS - v12.arrivalS).toBe(300);
    // V21 is a short detour from V22, which the van visits anyway: cheaper now than on another day.
    expect(result.wave.plannedShipmentIds).toEqual(['b-V12-due', 'c-V12-rides', 'd-V13-express', 'e-V21-daily', 'f-V22-late']);
    expect(result.deferred.map((entry) => [entry.shipmentId, entry.reason, entry.plannedFor])).toEqual([['a-V11-waits', 'not_service_day', '2026-12-02']]);
    expect(result.wave.unassigned).toEqual([]);
    expect(result.late).toEqual([expect.objectContaining({ shipmentId: 'f-V22-late', reason: 'promise_passed', plannedArrivalAt: expect.any(String) })]);
  });

  it('leaves optional work that would need a run of its own for its next service day, as cheaper later', async () => {
    const alone = { ...input, shipments: [shipment('e-V21-daily', 'V21'), shipment('p-V23', 'V23', { direction: 'pickup' })] };
    const result = await planConsolidatedWave(alone, context({ 'e-V21-daily': { dueBy: DUE_THURSDAY }, 'p-V23': { dueBy: DUE_THURSDAY } }), {
      matrices: gridMatrices(),
      solve: solveAsync,
    });
    expect(result.wave.routes).toEqual([]);
    expect(result.deferred.map((entry) => [entry.shipmentId, entry.direction, entry.reason, entry.plannedFor])).toEqual([
      ['e-V21-daily', 'delivery', 'cheaper_later', '2026-12-02'],
      ['p-V23', 'pickup', 'cheaper_later', '2026-12-02'],
    ]);
    expect(result.late).toEqual([]);
  });

  it('gives an optional job beside a must-go job at its village no service time, unless the solution serves it alone', () => {
    const task = (id: string, nodeId: string, urgency: 'due' | 'optional') => ({
      id,
      direction: 'delivery' as const,
      nodeId,
      stopKind: 'village' as const,
      shipments: [shipment(id, nodeId, { urgency, deferralPenaltyFen: 100 })],
      load: { weightG: 1, volumeCm3: 1, parcels: 1 },
    });
    const tasks = [task('must-V11', 'V11', 'due'), task('may-V11', 'V11', 'optional'), task('may-V12', 'V12', 'optional')];
    const companions = companionTaskIds(tasks);
    expect([...companions]).toEqual(['may-V11']);
    expect([...companionTaskIds(tasks, new Set(['may-V11']))]).toEqual([]);
    const step = (id: string, location: number) => ({ type: 'job' as const, id, location, arrivalS: 0, serviceStartS: 0, departureS: 0, load: [] });
    const end = { type: 'end' as const, location: 0, arrivalS: 0, serviceStartS: 0, departureS: 0, load: [] };
    const solution = (steps: Array<ReturnType<typeof step>>) =>
      ({ routes: [{ vehicleId: 'v', steps: [{ ...end, type: 'start' as const }, ...steps, end], distanceM: 0, durationS: 0, costFen: 0 }] }) as unknown as Solution;
    expect(companionsServedAlone(solution([step('may-V11', 1), step('must-V11', 1)]), companions)).toEqual([]);
    expect(companionsServedAlone(solution([step('may-V11', 1), step('may-V12', 2), step('must-V11', 1)]), companions)).toEqual(['may-V11']);
  });

  it('prices optional work at its estimated cost later and must-go work far above any route, late and express above due', () => {
    const load = { weightG: 1, volumeCm3: 1, parcels: 2 };
    const optional = (id: string, deferralPenaltyFen: number) => shipment(id, 'V11', { urgency: 'optional', deferralPenaltyFen });
    expect(taskPenaltyFen({ shipments: [optional('x', 120), optional('y', 80)], load })).toBe(200);
    const due = taskPenaltyFen({ shipments: [shipment('z', 'V11')], load });
    expect(due).toBe(1_200_000);
    expect(taskPenaltyFen({ shipments: [optional('x', 120), shipment('z', 'V11', { urgency: 'express' })], load })).toBe(10 * due);
    expect(taskPenaltyFen({ shipments: [shipment('z', 'V11', { urgency: 'late' })], load })).toBe(20 * due);
  });

  it("sends the trunk and the station's vehicles out again for due work the first wave left at the hub", async () => {
    // The van carries two parcels a trip: the station is supplied once by the first wave (its last mile
    // leaves after that drop), so the third due parcel needs a follow-on wave after both vehicles return.
    const small = fixtureInput({
      serviceDate: '2026-12-01',
      vehicles: [vehicle('van-1', 'van', 'H', { capacity: { weightG: 100_000, volumeCm3: 1_000_000, parcels: 2 } }), vehicle('tri-1', 'tricycle', 'S1')],
      shipments: [shipment('due-V11', 'V11'), shipment('due-V12', 'V12'), shipment('due-V13', 'V13')],
    });
    const due = context({ 'due-V11': { dueBy: DUE_TODAY }, 'due-V12': { dueBy: DUE_TODAY }, 'due-V13': { dueBy: DUE_TODAY } });
    const result = await planConsolidatedWave(small, due, { matrices: gridMatrices(), solve: solveAsync });
    expect(result.wave.plannedShipmentIds).toEqual(['due-V11', 'due-V12', 'due-V13']);
    expect(result.wave.unassigned).toEqual([]);
    expect(result.late).toEqual([]);
    expect(result.wave.statistics.map((run) => run.name)).toContain('follow_on:trunk');
    const routesOf = (vehicleId: string) => result.wave.routes.filter((route) => route.vehicleId === vehicleId).sort((a, b) => a.departureS - b.departureS);
    expect(routesOf('van-1')).toHaveLength(2);
    const [firstRun, secondRun] = routesOf('tri-1');
    // The tricycle's second run leaves after the van's second drop at the station, and after its own return.
    const secondDrop = routesOf('van-1')[1]!.stops.find((stop) => stop.kind === 'station_transfer')!;
    expect(secondRun!.departureS).toBeGreaterThanOrEqual(Math.max(secondDrop.departureS, firstRun!.returnS));
    expect(result.wave.totals.parcels).toBe(3);
  });

  it('plans a parcel whose promise has passed before one merely due when only one fits', async () => {
    // One van, room for one parcel, a shift that allows a single trip: the late parcel gets it.
    const tight = fixtureInput({
      serviceDate: '2026-12-01',
      vehicles: [vehicle('van-1', 'van', 'H', { capacity: { weightG: 10_000, volumeCm3: 100_000, parcels: 1 }, shiftEndS: 9 * 3600 })],
      shipments: [shipment('due-V21', 'V21'), shipment('late-V22', 'V22')],
    });
    const result = await planConsolidatedWave(tight, context({ 'due-V21': { dueBy: DUE_TODAY }, 'late-V22': { dueBy: PASSED } }), { matrices: gridMatrices(), solve: solveAsync });
    expect(result.wave.plannedShipmentIds).toEqual(['late-V22']);
    expect(result.wave.unassigned).toEqual([expect.objectContaining({ shipmentId: 'due-V21' })]);
    // Due today and left: no later day keeps its promise, so it is flagged, not silently late.
    expect(result.late.map((entry) => [entry.shipmentId, entry.reason])).toEqual([
      ['due-V21', 'not_served'],
      ['late-V22', 'promise_passed'],
    ]);
  });
});
