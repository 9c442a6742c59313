import fc from 'fast-check';
import { settlePlan } from '../../src/planning/settlement/plan-settlement';
import { shareCost } from '../../src/planning/settlement/settlement-rule';

describe('shareCost (proportional to stand-alone cost, largest remainders, capped)', () => {
  it('splits by stand-alone cost, the odd fen to the largest remainders, ties to the smaller platform id', () => {
    const shares = shareCost(100, [
      { platformId: 'c', standAloneCostFen: 50 },
      { platformId: 'a', standAloneCostFen: 50 },
      { platformId: 'b', standAloneCostFen: 50 },
    ]);
    expect(shares.shares.map((share) => [share.platformId, share.shareFen])).toEqual([
      ['a', 34],
      ['b', 33],
      ['c', 33],
    ]);
    expect(
      shareCost(1_000, [
        { platformId: 'a', standAloneCostFen: 300 },
        { platformId: 'b', standAloneCostFen: 900 },
      ]).shares.map((share) => share.shareFen),
    ).toEqual([250, 750]);
  });

  it('caps every carrier at its stand-alone cost and leaves the rest to the centre when consolidation costs more', () => {
    const shares = shareCost(1_300, [
      { platformId: 'a', standAloneCostFen: 400 },
      { platformId: 'b', standAloneCostFen: 600 },
    ]);
    expect(shares.shares.map((share) => share.shareFen)).toEqual([400, 600]);
    expect(shares.centreShareFen).toBe(300);
  });

  it('refuses amounts that are not whole fen', () => {
    expect(() => shareCost(10.5, [{ platformId: 'a', standAloneCostFen: 10 }])).toThrow(RangeError);
    expect(() => shareCost(10, [{ platformId: 'a', standAloneCostFen: -1 }])).toThrow(RangeError);
  });
});

/** A random plan: carriers, their baseline routes and parcels, and the consolidated routes' and handling costs. */
const randomPlan = fc
  .uniqueArray(fc.uuid(), { minLength: 1, maxLength: 6 })
  .chain((platformIds) =>
    fc.record({
      platformIds: fc.constant(platformIds),
      baselineRoutes: fc.array(fc.record({ platform: fc.nat({ max: platformIds.length - 1 }), costFen: fc.integer({ min: 0, max: 400_000 }) }), { maxLength: 40 }),
      parcels: fc.array(fc.integer({ min: 1, max: 800 }), { minLength: platformIds.length, maxLength: platformIds.length }),
      consolidatedRouteCostsFen: fc.array(fc.integer({ min: 0, max: 300_000 }), { maxLength: 40 }),
      handlingFen: fc.integer({ min: 0, max: 100_000 }),
    }),
  )
  .map((plan) => ({
    totalCostFen: plan.consolidatedRouteCostsFen.reduce((total, cost) => total + cost, 0) + plan.handlingFen,
    baselineRoutes: plan.baselineRoutes.map((route) => ({ platformId: plan.platformIds[route.platform]!, costFen: route.costFen })),
    parcelsByPlatform: new Map(plan.platformIds.map((id, index) => [id, plan.parcels[index]!])),
  }));

describe('settlePlan over random plans (property)', () => {
  it('shares add up to the total exactly, no carrier pays more than its stand-alone cost, and the same plan settles the same way', () => {
    fc.assert(
      fc.property(randomPlan, (plan) => {
        const settled = settlePlan(plan);
        const standAlone = (platformId: string) => plan.baselineRoutes.filter((route) => route.platformId === platformId).reduce((total, route) => total + route.costFen, 0);
        expect(settled.carriers.reduce((total, carrier) => total + carrier.shareFen, 0) + settled.centreShareFen).toBe(plan.totalCostFen);
        expect(settled.carriers.map((carrier) => carrier.platformId).sort()).toEqual([...plan.parcelsByPlatform.keys()].sort());
        for (const carrier of settled.carriers) {
          expect(Number.isInteger(carrier.shareFen)).toBe(true);
          expect(carrier.shareFen).toBeGreaterThanOrEqual(0);
          expect(carrier.standAloneCostFen).toBe(standAlone(carrier.platformId));
          expect(carrier.shareFen).toBeLessThanOrEqual(carrier.standAloneCostFen);
        }
        // The centre bears something only on a day that costs more than the carriers alone.
        const standAloneTotal = settled.carriers.reduce((total, carrier) => total + carrier.standAloneCostFen, 0);
        expect(settled.centreShareFen).toBe(Math.max(0, plan.totalCostFen - standAloneTotal));
        // Deterministic, whatever order the routes and carriers come in.
        const reordered = settlePlan({ ...plan, baselineRoutes: [...plan.baselineRoutes].reverse(), parcelsByPlatform: new Map([...plan.parcelsByPlatform].reverse()) });
        expect(reordered).toEqual(settled);
      }),
      { numRuns: 500, seed: 20261130 },
    );
  });

  it('each share is within a fen of the exact proportional share when the day saves', () => {
    fc.assert(
      fc.property(randomPlan, (plan) => {
        const settled = settlePlan(plan);
        if (settled.totalCostFen > settled.standAloneTotalFen) return;
        for (const carrier of settled.carriers) {
          const exact = (settled.totalCostFen * carrier.standAloneCostFen) / settled.standAloneTotalFen;
          expect(Math.abs(carrier.shareFen - exact)).toBeLessThan(1);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
