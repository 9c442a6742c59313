import { SolveOptions } from '../model/problem';

/**
 * One instance file format: how to recognise it, read it, solve it and print the answer.
 *
 * A format owns its own solve and output because not every format is a plain `Problem`: a
 * two-echelon instance solves into two levels of routes, a Solomon file reports real-valued
 * distances. `TInstance` and `TSolution` are whatever the format needs to carry between the steps.
 *
 * Formats register themselves with `registerFormat` (one call at the bottom of their module) and
 * `registry.ts` imports each module once for that side effect.
 */
export interface InstanceFormat<TInstance = unknown, TSolution = unknown> {
  /** Stable name used by `--format`-style flags and in reports, e.g. `cvrplib`, `solomon`. */
  readonly id: string;
  readonly description: string;
  /**
   * How sure this format is that `text` is one of its files: 0 = not mine, 1 = plausible (file name
   * only), 2 = the content matches, 3 = the content matches something only this format has.
   * The registry picks the highest score; ties go to the earlier registration.
   */
  detect(text: string, fileName: string): number;
  /** Reads the file; bad input throws `InvalidProblemError` naming the line and field. */
  parse(text: string, fileName?: string): TInstance;
  /** Name and number of customers/tasks, for reports. */
  describe(instance: TInstance): { name: string; size: number };
  /** Solves with the algorithm that fits the instance; async so it may use worker threads. */
  solve(instance: TInstance, options: SolveOptions): Promise<TSolution>;
  /** Figures a benchmark table needs, in the benchmark's own units (e.g. real distance). */
  summarize(instance: TInstance, solution: TSolution): SolutionSummary;
  /** `Route #k: ...` lines then `Cost N`, numbered the way /work/shared/tools/verify-solution.mjs reads them. */
  toCvrplibText(instance: TInstance, solution: TSolution): string;
  /** A JSON-serialisable rendering with routes, steps, arrivals, loads and costs. */
  toJson(instance: TInstance, solution: TSolution): unknown;
  /**
   * Optional independent checker used by the benchmark instead of the shared verifier (the shared
   * verifier only knows CVRPLIB, Solomon and Li & Lim). Returns the verdict and recomputed cost.
   */
  verify?(instanceText: string, solutionText: string): VerifyVerdict;
}

export interface SolutionSummary {
  /** Objective in the benchmark's unit: total distance (real-valued for Solomon), or total cost. */
  cost: number;
  /** Number of non-empty routes (all echelons for 2E). */
  vehicles: number;
  feasible: boolean;
  runtimeMs: number;
  timeToBestMs: number;
  iterations: number;
}

/** A summary from the parts every solver reports; formats differ only in how they count cost and vehicles. */
export function summarizeRun(
  solution: { feasible: boolean; statistics: { runtimeMs: number; timeToBestMs: number; iterations: number } },
  cost: number,
  vehicles: number,
): SolutionSummary {
  const { runtimeMs, timeToBestMs, iterations } = solution.statistics;
  return { cost, vehicles, feasible: solution.feasible, runtimeMs, timeToBestMs, iterations };
}

export interface VerifyVerdict {
  feasible: boolean;
  cost: number;
  message: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyInstanceFormat = InstanceFormat<any, any>;

const registered: AnyInstanceFormat[] = [];

/** Adds a format; a second registration under the same id is a programming error. */
export function registerFormat(format: AnyInstanceFormat): void {
  if (registered.some((f) => f.id === format.id)) throw new Error(`format ${format.id} registered twice`);
  registered.push(format);
}

export function registeredFormats(): readonly AnyInstanceFormat[] {
  return registered;
}
