import { SolveOptions } from '../../model/problem';

/** Used when the caller sets neither a time nor an iteration limit. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/** This process's CPU time (user + system), for `clock: 'cpu'` on shared, overloaded machines. */
function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * The only place that reads the clock (wall time, or CPU time with `clock: 'cpu'`). Progress (what
 * the annealing cools by) is measured in iterations whenever an iteration limit is set, so the same
 * seed and limit replay the same search even when a time limit is set too; in time otherwise. With
 * both, progress once was the further of the two: the clock then steered acceptance in the first
 * iterations (the construction's time counted, no iteration yet), and the planner's runs that ended
 * on their iteration budget, reported replayable, did not replay (plan-wave seed 3: a station's last
 * mile on 2 or 3 routes from run to run). A run the clock cuts short ends less cooled; it does not
 * replay anyway.
 */
export class SearchBudget {
  iterations = 0;
  private readonly deadlineMs: number;
  private readonly timeLimitMs: number;
  private readonly maxIterations: number;

  private readonly now: () => number;
  readonly startMs: number;

  constructor(options: SolveOptions) {
    this.now = options.clock === 'cpu' ? processCpuMs : Date.now;
    this.startMs = this.now();
    const hasTime = options.timeLimitMs !== undefined;
    const hasIterations = options.maxIterations !== undefined;
    this.timeLimitMs = hasTime ? options.timeLimitMs! : hasIterations ? Infinity : DEFAULT_TIME_LIMIT_MS;
    this.maxIterations = hasIterations ? options.maxIterations! : Infinity;
    this.deadlineMs = this.startMs + this.timeLimitMs;
  }

  elapsedMs(): number {
    return this.now() - this.startMs;
  }

  /** Fraction of the budget used, in [0, 1]. */
  progress(): number {
    const byIterations = this.iterations / this.maxIterations;
    const byTime = this.timeLimitMs === Infinity ? 0 : this.elapsedMs() / this.timeLimitMs;
    return Math.min(1, Math.max(0, this.maxIterations === Infinity ? byTime : byIterations));
  }

  exhausted(): boolean {
    return this.iterations >= this.maxIterations || (this.timeLimitMs !== Infinity && this.now() >= this.deadlineMs);
  }
}
