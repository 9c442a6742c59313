import { approximateBytes, byteBudgetCache } from '../../src/network/matrix/byte-budget-cache';

describe('byte-budget cache of the travel matrices', () => {
  const matrixOf = (size: number) => ({ durationS: new Int32Array(size * size), distanceM: new Int32Array(size * size) });

  it('sizes a value by the bytes of its typed arrays', () => {
    expect(approximateBytes(matrixOf(10))).toBe(2 * 100 * 4);
  });

  it('evicts the least recently used values once their bytes pass the budget, however few they are', () => {
    const cache = byteBudgetCache<ReturnType<typeof matrixOf>>(3 * 800);
    cache.set('a', matrixOf(10));
    cache.set('b', matrixOf(10));
    cache.set('c', matrixOf(10));
    cache.get('a');
    cache.set('d', matrixOf(10));
    expect([...cache.keys()].sort()).toEqual(['a', 'c', 'd']);
    expect(cache.calculatedSize).toBe(2400);
  });

  it('does not keep a value larger than the whole budget', () => {
    const cache = byteBudgetCache<ReturnType<typeof matrixOf>>(1000);
    cache.set('big', matrixOf(20));
    expect(cache.has('big')).toBe(false);
  });
});
