import { checkTwoEchelonSolution, TwoEchelonCheckInput } from '../../../src/search/two-echelon/two-echelon-checker';
import { tinyProblem, TWO_SATELLITES_FOUR_CUSTOMERS } from './tiny-instances';

/**
 * A hand-written optimal plan for TWO_SATELLITES_FOUR_CUSTOMERS (cost 5366, see tiny-instances.ts);
 * each test breaks one rule and expects the checker to name it.
 */
const problem = tinyProblem(TWO_SATELLITES_FOUR_CUSTOMERS, [1, 1, 1, 1]);
const valid = (): TwoEchelonCheckInput => ({
  firstLevelRoutes: [
    {
      stops: [
        { satellite: 0, quantity: 2 },
        { satellite: 1, quantity: 2 },
      ],
    },
  ],
  secondLevelRoutes: [
    { satellite: 0, customers: [0, 1] },
    { satellite: 1, customers: [2, 3] },
  ],
  cost: 5366,
});

describe('checkTwoEchelonSolution', () => {
  it('accepts the optimal plan and recomputes its cost', () => {
    expect(checkTwoEchelonSolution(problem, valid())).toEqual({
      feasible: true,
      violations: [],
      cost: 5366,
      firstLevelCost: 4000,
      secondLevelCost: 1366,
      handlingCost: 0,
    });
  });

  const cases: Array<[string, (input: TwoEchelonCheckInput) => TwoEchelonCheckInput, RegExp]> = [
    [
      'a customer left out',
      (s) => ({
        ...s,
        secondLevelRoutes: [
          { satellite: 0, customers: [0, 1] },
          { satellite: 1, customers: [2] },
        ],
      }),
      /customer 4 .* not served/,
    ],
    [
      'a customer served twice',
      (s) => ({
        ...s,
        secondLevelRoutes: [
          { satellite: 0, customers: [0, 1] },
          { satellite: 1, customers: [2, 3, 0] },
        ],
      }),
      /customer 1 .* served 2 times/,
    ],
    [
      'a second-level route over capacity',
      (s) => ({
        firstLevelRoutes: [
          {
            stops: [
              { satellite: 0, quantity: 3 },
              { satellite: 1, quantity: 1 },
            ],
          },
        ],
        secondLevelRoutes: [
          { satellite: 0, customers: [0, 1, 2] },
          { satellite: 1, customers: [3] },
        ],
        cost: s.cost,
      }),
      /second-level route 1: load 3 exceeds capacity 2/,
    ],
    [
      'a truck over capacity',
      () => {
        const tight = tinyProblem(TWO_SATELLITES_FOUR_CUSTOMERS, [1, 1, 1, 1], { firstLevel: { capacity: 3, maxVehicles: 2, costPerDistance: 1, fixedCost: 0 } });
        return { ...valid(), check: tight } as unknown as TwoEchelonCheckInput;
      },
      /first-level route 1: load 4 exceeds capacity 3/,
    ],
    [
      'trucks delivering less than the satellite sends out',
      (s) => ({
        ...s,
        firstLevelRoutes: [
          {
            stops: [
              { satellite: 0, quantity: 1 },
              { satellite: 1, quantity: 2 },
            ],
          },
        ],
      }),
      /satellite 1: trucks deliver 1 but its routes carry 2/,
    ],
    [
      'too many trucks',
      (s) => ({ ...s, firstLevelRoutes: [{ stops: [{ satellite: 0, quantity: 2 }] }, { stops: [{ satellite: 1, quantity: 2 }] }], cost: undefined }),
      /2 first-level vehicles exceed the fleet of 1/,
    ],
    [
      'too many second-level vehicles',
      (s) => ({
        ...s,
        secondLevelRoutes: [
          { satellite: 0, customers: [0] },
          { satellite: 0, customers: [1] },
          { satellite: 1, customers: [2, 3] },
        ],
        cost: undefined,
      }),
      /3 second-level vehicles exceed the fleet of 2/,
    ],
    ['a wrong cost', (s) => ({ ...s, cost: 5000 }), /reported cost 5000 differs from recomputed 5366/],
    [
      'a zero split quantity',
      (s) => ({
        ...s,
        firstLevelRoutes: [
          {
            stops: [
              { satellite: 0, quantity: 2 },
              { satellite: 1, quantity: 2 },
              { satellite: 0, quantity: 0 },
            ],
          },
        ],
        cost: undefined,
      }),
      /quantity 0 .* positive integer/,
    ],
  ];

  it.each(cases)('catches %s', (_name, breakIt, message) => {
    const broken = breakIt(valid()) as TwoEchelonCheckInput & { check?: typeof problem };
    const result = checkTwoEchelonSolution(broken.check ?? problem, broken);
    expect(result.feasible).toBe(false);
    expect(result.violations.join('\n')).toMatch(message);
  });

  it('catches per-satellite vehicle limits and satellite capacity', () => {
    const limited = tinyProblem(TWO_SATELLITES_FOUR_CUSTOMERS, [1, 1, 1, 1], {
      secondLevel: { capacity: 2, maxVehicles: 3, costPerDistance: 1, fixedCost: 0 },
      satellites: [{ id: 'S1', maxVehicles: 1, capacity: 2 }, { id: 'S2' }],
    });
    const result = checkTwoEchelonSolution(limited, {
      firstLevelRoutes: [
        {
          stops: [
            { satellite: 0, quantity: 3 },
            { satellite: 1, quantity: 1 },
          ],
        },
      ],
      secondLevelRoutes: [
        { satellite: 0, customers: [0, 1] },
        { satellite: 0, customers: [2] },
        { satellite: 1, customers: [3] },
      ],
    });
    expect(result.violations).toEqual(['satellite 1: 2 second-level vehicles exceed its limit 1', 'satellite 1: load 3 exceeds its capacity 2']);
  });
});
