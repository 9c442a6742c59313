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

  it('leaves later into a later window when that makes the day shorter (hand-checked)', () => {
    // a (10 s out, windows 0-20 or 200-260), then b (10 s on, window 230-300). Leaving at 0 serves
    // a at 10 and waits at b from 20 to 230: the day ends at 230. Leaving at 220 serves a at 230
    // (its second window opens at 200, so no wait) and b at 240: the day lasts 20 s, not 230.
    const stops = [
      {
        travelS: 10,
        serviceS: 0,
        timeWindows: [
          { startS: 0, endS: 20 },
          { startS: 200, endS: 260 },
        ],
      },
      { travelS: 10, serviceS: 0, timeWindows: [{ startS: 230, endS: 300 }] },
    ];
    // The candidates are 190 (a's second window opens on arrival: b then waits 20 s) and 210 (b's
    // opens on arrival too): 210 serves a at 220 and b at 230 with no wait, so it cannot leave later
    // without a later return.
    expect(latestDepartureS(0, stops)).toBe(210);
    stops[0].timeWindows = [{ startS: 0, endS: 20 }];
    expect(latestDepartureS(0, stops)).toBe(10);
  });
});
