import { SolveOptions } from '../../model/problem';
import { AlnsSolution } from './alns-solution';
import { SearchBudget } from './search-budget';

/**
 * Keeps the best solution seen (by the search objective), its time, and the improvement
 * trajectory. Progress reports give the problem's objective, without the search-only price of
 * mandatory requests left out.
 */
export class BestTracker {
  readonly best: AlnsSolution;
  bestCost: number;
  timeToBestMs = 0;
  readonly trajectory: Array<{ ms: number; cost: number }> = [];

  constructor(
    initial: AlnsSolution,
    private readonly budget: SearchBudget,
    private readonly options: SolveOptions,
  ) {
    this.best = initial.clone();
    this.bestCost = initial.cost();
    this.record();
  }

  /** Takes `candidate` if it beats the best; returns whether it did. */
  offer(candidate: AlnsSolution): boolean {
    const cost = candidate.cost();
    if (cost >= this.bestCost - 1e-9) return false;
    this.best.copyFrom(candidate);
    this.bestCost = cost;
    this.record();
    return true;
  }

  private record(): void {
    const ms = this.budget.elapsedMs();
    const cost = this.best.cost(0);
    this.timeToBestMs = ms;
    this.trajectory.push({ ms, cost });
    this.options.onProgress?.({ ms, cost });
  }
}
