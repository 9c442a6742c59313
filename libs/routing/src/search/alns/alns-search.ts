import { AdaptiveWeights, SCORE_ACCEPTED, SCORE_IMPROVED, SCORE_NEW_BEST } from './adaptive-weights';
import { AlnsSolution } from './alns-solution';
import { BestTracker } from './best-tracker';
import { InsertionOperator, OperatorContext, RemovalOperator } from './operators/operator-context';
import { greedyInsertion, regret2Insertion, regret3Insertion } from './operators/regret-insertion';
import { randomOrderInsertion } from './operators/random-order-insertion';
import { randomRemoval } from './operators/random-removal';
import { routeRemoval } from './operators/route-removal';
import { shawRemoval } from './operators/shaw-removal';
import { worstRemoval } from './operators/worst-removal';
import { SearchBudget } from './search-budget';
import { SimulatedAnnealing } from './simulated-annealing';

export const REMOVALS: readonly RemovalOperator[] = [randomRemoval, worstRemoval, shawRemoval, routeRemoval];
export const INSERTIONS: readonly InsertionOperator[] = [greedyInsertion, regret2Insertion, regret3Insertion, randomOrderInsertion];
/** Fraction of the largest arc cost used as the insertion-noise amplitude (Ropke & Pisinger's eta). */
const NOISE_FACTOR = 0.025;
/** Share of requests a removal may take at most (xi), and the absolute cap. */
const MAX_REMOVAL_SHARE = 0.4;
const MAX_REMOVAL_COUNT = 60;
const MIN_REMOVAL_COUNT = 4;

/** The learning state of one search, shared by its phases. */
export interface SearchState {
  context: OperatorContext;
  budget: SearchBudget;
  tracker: BestTracker;
  removalWeights: AdaptiveWeights;
  insertionWeights: AdaptiveWeights;
  /** Two options: without / with noise. */
  noiseWeights: AdaptiveWeights;
  /** Noise amplitude when noise is chosen. */
  noiseLevel: number;
  /** Largest priced arc between locations in use: the scale of insertion costs. */
  largestArcCost: number;
}

export function createSearchState(context: OperatorContext, budget: SearchBudget, tracker: BestTracker, largestArcCost: number): SearchState {
  return {
    context,
    budget,
    tracker,
    removalWeights: new AdaptiveWeights(REMOVALS.length),
    insertionWeights: new AdaptiveWeights(INSERTIONS.length),
    noiseWeights: new AdaptiveWeights(2),
    noiseLevel: NOISE_FACTOR * largestArcCost,
    largestArcCost,
  };
}

export interface SearchPhase {
  /** Stop when the budget's progress reaches this fraction. */
  untilProgress: number;
  /** Cooling runs from `fromProgress` to `untilProgress`. */
  fromProgress: number;
  annealing: SimulatedAnnealing;
  /** Stop early once this returns true (checked after each accepted move). */
  goalReached?: (current: AlnsSolution) => boolean;
  /** Stop after this many iterations in a row without a better current solution. */
  stallIterations?: number;
  /**
   * Price of a mandatory request left out, for acceptance only (the best solution is still judged
   * on the true objective). A moderate price lets the search cross incomplete solutions when every
   * complete neighbour would need one more route.
   */
  mandatoryPenalty?: number;
}

/**
 * Destroy-and-repair iterations on `current` with simulated-annealing acceptance and adaptive
 * operator weights. Returns the best solution met in this phase (also offered to the tracker).
 */
export function runAlns(current: AlnsSolution, state: SearchState, phase: SearchPhase): AlnsSolution {
  const { context, budget, tracker } = state;
  const rng = context.rng;
  const candidate = current.clone();
  const phaseBest = current.clone();
  let currentCost = current.cost(phase.mandatoryPenalty);
  let phaseBestCost = currentCost;
  let stall = 0;
  const span = Math.max(1e-9, phase.untilProgress - phase.fromProgress);
  while (!budget.exhausted() && budget.progress() < phase.untilProgress) {
    if (phase.goalReached?.(current)) break;
    if (phase.stallIterations !== undefined && stall >= phase.stallIterations) break;
    budget.iterations++;
    stall++;
    candidate.copyFrom(current);
    const removal = state.removalWeights.choose(rng);
    const insertion = state.insertionWeights.choose(rng);
    const noisy = state.noiseWeights.choose(rng);
    context.noiseAmplitude = noisy === 1 ? state.noiseLevel : 0;

    const assigned = candidate.requestVehicle.length - candidate.unassignedCount();
    const upper = Math.max(1, Math.min(MAX_REMOVAL_COUNT, Math.round(MAX_REMOVAL_SHARE * assigned)));
    const lower = Math.min(MIN_REMOVAL_COUNT, upper);
    const count = lower + rng.nextInt(upper - lower + 1);
    REMOVALS[removal].remove(candidate, count, context);
    INSERTIONS[insertion].insert(candidate, context);

    const candidateCost = candidate.cost(phase.mandatoryPenalty);
    let score = 0;
    const progress = Math.min(1, Math.max(0, (budget.progress() - phase.fromProgress) / span));
    if (phase.annealing.accepts(candidateCost, currentCost, progress, rng)) {
      if (candidateCost < currentCost - 1e-9) {
        score = SCORE_IMPROVED;
        stall = 0;
      } else if (candidateCost > currentCost + 1e-9) score = SCORE_ACCEPTED;
      current.copyFrom(candidate);
      currentCost = candidateCost;
      if (currentCost < phaseBestCost - 1e-9) {
        phaseBest.copyFrom(current);
        phaseBestCost = currentCost;
      }
      if (tracker.offer(current)) score = SCORE_NEW_BEST;
    }
    state.removalWeights.reward(removal, score);
    state.insertionWeights.reward(insertion, score);
    state.noiseWeights.reward(noisy, score);
    state.removalWeights.endIteration();
    state.insertionWeights.endIteration();
    state.noiseWeights.endIteration();
  }
  context.noiseAmplitude = 0;
  return phaseBest;
}
