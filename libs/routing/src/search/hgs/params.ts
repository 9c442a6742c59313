/** HGS parameters (defaults of Vidal 2022 unless noted). */
export interface HgsParams {
  /** Minimum subpopulation size after survivor selection. */
  populationSize: number;
  /** Offspring added before survivor selection trims back to `populationSize`. */
  generationSize: number;
  nbElite: number;
  /** Neighbours averaged in the diversity contribution. */
  nbClose: number;
  /** Target share of feasible offspring, driving the penalty adaptation. */
  targetFeasible: number;
  /** Iterations without improvement before the population restarts. */
  iterationsWithoutImprovement: number;
  /** Probability of repairing an infeasible offspring with 10x penalties. */
  repairProbability: number;
  /** Share of the time budget the initial population may use at most, when no iteration limit is set. */
  initialPopulationBudget: number;
  /** Iterations between penalty updates. */
  penaltyUpdateInterval: number;
  /** Instances with at least this many clients are also improved by route-based decomposition. */
  decompositionMinClients: number;
  /** Generations between two decomposition rounds. */
  decompositionInterval: number;
  /** Clients per sub-problem, roughly. */
  decompositionClients: number;
  /** Generations each sub-problem gets. */
  decompositionIterations: number;
  /** Population size of those sub-problem runs (they get few generations). */
  decompositionPopulationSize: number;
}

export const DEFAULT_HGS_PARAMS: HgsParams = {
  populationSize: 25,
  generationSize: 40,
  nbElite: 4,
  nbClose: 5,
  targetFeasible: 0.2,
  iterationsWithoutImprovement: 20_000,
  repairProbability: 0.5,
  initialPopulationBudget: 0.15,
  penaltyUpdateInterval: 100,
  decompositionMinClients: 400,
  decompositionInterval: 25,
  decompositionClients: 120,
  decompositionIterations: 150,
  decompositionPopulationSize: 12,
};

/**
 * How many educated individuals the first population holds: 4 x `populationSize` as in HGS-CVRP
 * (Vidal 2022), but on a small problem no more than two per client. On the planner's depot problems
 * (8-43 jobs) the search found the same costs from 25 individuals as from 100, and the 100 took
 * more time than the search itself (a station's round of 16 jobs: 100 first individuals, then 100
 * iterations); from 50 clients on the count is 4 x `populationSize`, as before.
 */
export function initialPopulationSize(clients: number, params: Pick<HgsParams, 'populationSize'>): number {
  return Math.min(4 * params.populationSize, Math.max(params.populationSize, 2 * clients));
}
