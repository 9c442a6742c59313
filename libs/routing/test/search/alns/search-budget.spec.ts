import { SearchBudget } from '../../../src/search/alns/search-budget';

function waitMs(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy-wait: the budget reads the wall clock
  }
}

describe('SearchBudget', () => {
  it('measures progress in iterations whenever an iteration limit is set, however much of a time limit has gone', () => {
    const budget = new SearchBudget({ maxIterations: 100, timeLimitMs: 1 });
    waitMs(3);
    expect(budget.progress()).toBe(0);
    budget.iterations = 50;
    expect(budget.progress()).toBe(0.5);
    // The clock still ends the run.
    expect(budget.exhausted()).toBe(true);
  });

  it('measures progress in time without an iteration limit, and ends on the limit that comes first', () => {
    const timed = new SearchBudget({ timeLimitMs: 1 });
    waitMs(3);
    expect(timed.progress()).toBe(1);
    const counted = new SearchBudget({ maxIterations: 10, timeLimitMs: 60_000 });
    counted.iterations = 10;
    expect(counted.exhausted()).toBe(true);
    expect(counted.progress()).toBe(1);
  });
});
