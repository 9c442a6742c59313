import { localSecondsToInstant } from '../../src/planning/planner/local-time';
import { isoWeekday, openingWindows, windowsUntil } from '../../src/planning/planner/opening-windows';
import { stationDropDeadlines, transferLatestArrivalS } from '../../src/planning/planner/station-deadlines';
import { commonCapacity, largestCapacity, packTasks } from '../../src/planning/planner/wave-tasks';
import { withoutUnsavedTrunkShare } from '../../src/planning/planner/wave-planner';
import { fixtureNodes, gridMatrices, shipment, vehicle } from './support/wave-fixture';

describe('localSecondsToInstant', () => {
  it('turns seconds after local midnight into the instant, per time zone', () => {
    expect(localSecondsToInstant('2026-11-30', 8 * 3600, 'Asia/Shanghai').toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(localSecondsToInstant('2026-11-30', 0, 'Asia/Shanghai').toISOString()).toBe('2026-11-29T16:00:00.000Z');
    expect(localSecondsToInstant('2026-07-01', 12 * 3600 + 30, 'Europe/Andorra').toISOString()).toBe('2026-07-01T10:00:30.000Z');
    expect(localSecondsToInstant('2026-01-15', 12 * 3600, 'Europe/Andorra').toISOString()).toBe('2026-01-15T11:00:00.000Z');
  });
});

describe('openingWindows', () => {
  it('knows the weekday of a date', () => {
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-11-29')).toBe(7);
  });

  it('gives latest service starts for the day, merged and sorted; [] when closed; null when always open', () => {
    const rules = [
      { days: [1, 2, 3, 4, 5], open: '14:00', close: '18:00' },
      { days: [1], open: '08:00', close: '12:00' },
      { days: [6], open: '09:00', close: '10:00' },
    ];
    expect(openingWindows(rules, '2026-11-30', 600)).toEqual([
      { startS: 8 * 3600, endS: 12 * 3600 - 600 },
      { startS: 14 * 3600, endS: 18 * 3600 - 600 },
    ]);
    expect(openingWindows(rules, '2026-11-29', 600)).toEqual([]);
    expect(openingWindows(null, '2026-11-29', 600)).toBeNull();
  });
});

describe('packTasks', () => {
  const capacity = { weightG: 10_000, volumeCm3: 1_000_000, parcels: 100 };

  it('keeps a village in one task while it fits one vehicle and splits it first-fit when not', () => {
    const small = [shipment('a', 'V', { weightG: 4_000 }), shipment('b', 'V', { weightG: 4_000 }), shipment('c', 'V', { weightG: 4_000 })];
    const tasks = packTasks('delivery', 'V', 'village', small, capacity);
    expect(tasks.map((task) => task.shipments.map((s) => s.id))).toEqual([['a', 'b'], ['c']]);
    expect(tasks.map((task) => task.load.weightG)).toEqual([8_000, 4_000]);
    expect(tasks.map((task) => task.id)).toEqual(['village:delivery:V:1', 'village:delivery:V:2']);
  });

  it('gives a shipment too big for any vehicle a task of its own', () => {
    const tasks = packTasks('delivery', 'V', 'village', [shipment('a', 'V'), shipment('big', 'V', { weightG: 20_000 }), shipment('c', 'V')], capacity);
    expect(tasks.map((task) => task.shipments.map((s) => s.id))).toEqual([['a', 'c'], ['big']]);
  });

  it('does not depend on input order', () => {
    const list = [shipment('b', 'V'), shipment('a', 'V')];
    expect(packTasks('pickup', 'V', 'village', list, capacity)).toEqual(packTasks('pickup', 'V', 'village', [...list].reverse(), capacity));
  });

  it('cuts to the vehicle that carries most weight', () => {
    expect(largestCapacity([capacity, { weightG: 20_000, volumeCm3: 10, parcels: 1 }])).toEqual({ weightG: 20_000, volumeCm3: 10, parcels: 1 });
  });

  it("cuts a depot's tasks to the size at least half of its vehicles carry", () => {
    const truck = { weightG: 2_000_000, volumeCm3: 16_000_000, parcels: 900 };
    const van = { weightG: 800_000, volumeCm3: 4_300_000, parcels: 350 };
    expect(commonCapacity([truck, truck, van, van, van])).toEqual(van);
    expect(commonCapacity([van, truck])).toEqual(truck);
    expect(commonCapacity([truck, van, van, truck])).toEqual(truck);
    expect(commonCapacity([van])).toEqual(van);
  });
});

describe('the trunk deadline at a station', () => {
  const nodes = fixtureNodes();
  const byId = new Map(nodes.map((node) => [node.id, node]));

  it("is the latest drop from which the station's vehicle still reaches the village and gets back within its shift", async () => {
    const tricycle = vehicle('tri-1', 'tricycle', 'S1');
    const deadlines = await stationDropDeadlines(byId.get('S1')!, [byId.get('V11')!, byId.get('V13')!], [tricycle], '2026-12-01', gridMatrices());
    // S1 → V11 is 2 km × 1.3 at 20 km/h: 468 s each way; V11 takes 300 s; the shift ends at 18:00.
    expect(deadlines.get('V11')).toBe(18 * 3600 - 468 - 300 - 468);
    // V13 is farther (√10 km × 1.3): an earlier deadline.
    expect(deadlines.get('V13')!).toBeLessThan(deadlines.get('V11')!);
    // A village closing at 12:00 must be reached by then (its last service start), whatever the shift.
    const early = { ...byId.get('V11')!, openingHours: [{ days: [1, 2, 3, 4, 5, 6, 7], open: '08:00', close: '12:00' }] };
    expect((await stationDropDeadlines(byId.get('S1')!, [early], [tricycle], '2026-12-01', gridMatrices())).get('V11')).toBe(12 * 3600 - 300 - 468);
  });

  it('binds a transfer by its most demanding village with work that must go, less the unloading; optional work sets none', () => {
    const deadlines = new Map([
      ['V11', 60_000],
      ['V13', 50_000],
    ]);
    expect(transferLatestArrivalS([shipment('a', 'V11'), shipment('b', 'V13')], deadlines, 600)).toBe(49_400);
    expect(transferLatestArrivalS([shipment('a', 'V11'), shipment('b', 'V13', { urgency: 'optional' })], deadlines, 600)).toBe(59_400);
    expect(transferLatestArrivalS([shipment('b', 'V13', { urgency: 'optional' })], deadlines, 600)).toBeUndefined();
  });

  it("cuts the station's opening windows at the deadline, and leaves them when the cut would leave none", () => {
    const windows = [{ startS: 8 * 3600, endS: 18 * 3600 }];
    expect(windowsUntil(windows, 10 * 3600)).toEqual([{ startS: 8 * 3600, endS: 10 * 3600 }]);
    expect(windowsUntil(windows, 7 * 3600)).toEqual(windows);
    expect(windowsUntil(windows, undefined)).toEqual(windows);
    expect(windowsUntil([], 10 * 3600)).toEqual([{ startS: 0, endS: 10 * 3600 }]);
  });
});

describe('withoutUnsavedTrunkShare', () => {
  const optional = (id: string, deferralPenaltyFen: number, deferralTrunkShareFen: number) =>
    shipment(id, 'V11', { urgency: 'optional', deferralPenaltyFen, deferralTrunkShareFen });

  it("leaves the trunk's share out of optional penalties at a station the trunk brings nothing that must go", () => {
    const weighed = withoutUnsavedTrunkShare([optional('o-1', 900, 400), optional('o-2', 300, 300), shipment('o-3', 'V12', { urgency: 'optional', deferralPenaltyFen: 50 })]);
    expect(weighed.map((s) => s.deferralPenaltyFen)).toEqual([500, 1, 50]);
  });

  it('keeps the whole penalty where the trunk comes anyway for work that must go (the next visit is saved)', () => {
    const supplied = [optional('o-1', 900, 400), shipment('d-1', 'V12', { urgency: 'due' })];
    expect(withoutUnsavedTrunkShare(supplied)).toEqual(supplied);
  });
});
