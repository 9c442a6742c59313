/**
 * The genetic search's stopping rules and share of the budget used: the only place it reads the
 * clock (injectable for tests). Times count from `start`, the start of the whole run.
 */
export class HgsBudget {
  private startMs = 0;
  /** When the genetic search itself started (after route minimisation). */
  private searchStartMs = 0;

  constructor(
    readonly timeLimitMs: number | undefined,
    readonly maxIterations: number | undefined,
    /** Share of the search's time the initial population may use (`HgsParams.initialPopulationBudget`). */
    private readonly initialPopulationBudget: number,
    private readonly now: () => number,
  ) {}

  /** The run starts now. */
  start(): void {
    this.startMs = this.now();
  }

  /** The genetic search starts now (after route minimisation). */
  startSearch(): void {
    this.searchStartMs = this.now();
  }

  elapsedMs(): number {
    return this.now() - this.startMs;
  }

  /** Time left in the whole run; undefined without a time limit. */
  remainingMs(): number | undefined {
    return this.timeLimitMs === undefined ? undefined : this.timeLimitMs - (this.now() - this.startMs);
  }

  /** Share of the budget used after `iteration` iterations; iteration-based when an iteration limit is given (deterministic). */
  progress(iteration: number): number {
    if (this.maxIterations !== undefined) return iteration / this.maxIterations;
    if (this.timeLimitMs !== undefined) return (this.now() - this.startMs) / this.timeLimitMs;
    return 0;
  }

  /**
   * With an iteration limit the initial population is built whole (the time limit still ends the
   * run): cut by the clock, a run that then ended on its iterations did not replay, as the planner,
   * which sets both, reports it would.
   */
  initialBudgetSpent(): boolean {
    if (this.timeLimitMs === undefined || this.maxIterations !== undefined) return false;
    const searchBudgetMs = this.timeLimitMs - (this.searchStartMs - this.startMs);
    return this.now() - this.searchStartMs > this.initialPopulationBudget * searchBudgetMs;
  }

  shouldStop(iteration: number): boolean {
    if (this.maxIterations !== undefined && iteration >= this.maxIterations) return true;
    if (this.timeLimitMs !== undefined && this.now() - this.startMs >= this.timeLimitMs) return true;
    return false;
  }
}
