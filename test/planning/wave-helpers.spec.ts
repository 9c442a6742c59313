import { localSecondsToInstant } from '../../src/planning/planner/local-time';
import { isoWeekday, openingWindows } from '../../src/planning/planner/opening-windows';
import { commonCapacity, largestCapacity, packTasks } from '../../src/planning/planner/wave-tasks';
import { shipment } from './support/wave-fixture';

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
