import { latestDepartureS } from '../../src/evaluation/departure';

describe('latestDepartureS: waiting moves from the road to the depot', () => {
  it('delays the departure by the waits, as far as every window and the return allow (hand-checked)', () => {
    // From 0: a at 10 (window 0-12, 5 s service), b at 25 waits until 40 (window 40-100), back later.
    const stops = [
      { travelS: 10, serviceS: 5, timeWindows: [{ startS: 0, endS: 12 }] },
      { travelS: 10, serviceS: 0, timeWindows: [{ startS: 40, endS: 100 }] },
    ];
    // The 15 s wait at b could all move, but a must start by 12: 2 s only.
    expect(latestDepartureS(0, stops)).toBe(2);
    stops[0].timeWindows = [{ startS: 0, endS: 30 }];
    expect(latestDepartureS(0, stops)).toBe(15);
  });

  it('keeps the wait at the first stop only when a stop misses every window', () => {
    const stops = [
      { travelS: 10, serviceS: 0, timeWindows: [{ startS: 20, endS: 30 }] },
      { travelS: 50, serviceS: 0, timeWindows: [{ startS: 0, endS: 40 }] },
    ];
    expect(latestDepartureS(0, stops)).toBe(10);
    expect(latestDepartureS(5, [])).toBe(5);
  });
});
