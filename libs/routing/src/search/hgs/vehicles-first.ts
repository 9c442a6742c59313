import { Random } from '../../random';
import { HgsBudget } from './hgs-budget';
import { HgsData } from './hgs-data';
import { Individual } from './individual';
import { RouteMinimiser } from './route-minimisation/route-minimiser';
import { RuinAndRecreate } from './route-minimisation/ruin-recreate';
import { Penalties, SegmentAccumulator } from './segment';

/**
 * Vehicles first on the plain VRPTW, the time budget is split: the route minimiser may use the
 * first half (it stops earlier at the capacity lower bound); ruin and recreate then shortens the
 * routes at that fleet until 90 % of the budget; the genetic search, seeded with the result, has
 * the rest. Measured on Gehring-Homberger under load, the genetic search improved little at the
 * tightest fleet while ruin and recreate, far cheaper per step, more than halved the mean gap. The
 * minimiser reached the capacity bound within a second on the five of them measured (200 to 600
 * clients), so ruin and recreate then has nearly 90 % of the budget.
 * Under an iteration limit each phase takes at most that many steps instead (deterministic).
 */
const ROUTE_MINIMISATION_SHARE = 0.5;
/**
 * Under a time limit the route minimiser also stops after this share of the budget without a route
 * deleted: on r1_10_1 it reached the best-known fleet within a second, above the capacity bound, and
 * then spent the rest of its half on a deletion that never came, time ruin and recreate lacked.
 */
const ROUTE_MINIMISATION_PATIENCE = 0.2;
const DISTANCE_SEARCH_SHARE = 0.9;

/** What the phases before the genetic search found: routes of the fewest vehicles, as found and shortened. */
export interface FewestRoutes {
  /** The route minimiser, which also perturbs the routes to seed the genetic search's population. */
  minimiser: RouteMinimiser;
  /** The minimiser's fewest feasible routes. */
  fewest: number[][];
  /** The same fleet, shortened by ruin and recreate. */
  minimised: number[][];
}

/**
 * Vehicles first, before the genetic search: the fewest feasible routes the route minimiser finds
 * in its share of the budget, shortened by ruin and recreate; null when it finds none that the fleet
 * allows and that is feasible.
 */
export function minimiseThenShortenRoutes(data: HgsData, random: Random, budget: HgsBudget, penalties: Penalties, scratch: SegmentAccumulator): FewestRoutes | null {
  const { timeLimitMs, maxIterations } = budget;
  const stopAt = (share: number) => (steps: number) =>
    (maxIterations !== undefined && steps >= maxIterations) || (timeLimitMs !== undefined && budget.elapsedMs() >= share * timeLimitMs);
  const minimiser = new RouteMinimiser(data, random);
  const stopAtHalf = stopAt(ROUTE_MINIMISATION_SHARE);
  let deletions = 0;
  let lastDeletionMs = 0;
  const stopMinimising = (steps: number): boolean => {
    if (minimiser.deletions > deletions) {
      deletions = minimiser.deletions;
      lastDeletionMs = budget.elapsedMs();
    }
    const idle = timeLimitMs !== undefined && budget.elapsedMs() - lastDeletionMs >= ROUTE_MINIMISATION_PATIENCE * timeLimitMs;
    return idle || stopAtHalf(steps);
  };
  const fewest = minimiser.run(stopMinimising);
  if (fewest === null || fewest.length > data.maxRoutes) return null;
  // Floating-point schedules are checked once more from scratch before they count.
  if (!new Individual(data, fewest, penalties, scratch).feasible) return null;
  const startedMs = budget.elapsedMs();
  const ruinAndRecreate = new RuinAndRecreate(data, random);
  const progress = (): number =>
    timeLimitMs === undefined ? ruinAndRecreate.steps / (maxIterations ?? 1) : (budget.elapsedMs() - startedMs) / Math.max(1, DISTANCE_SEARCH_SHARE * timeLimitMs - startedMs);
  const minimised = ruinAndRecreate.run(fewest, stopAt(DISTANCE_SEARCH_SHARE), progress);
  return { minimiser, fewest, minimised };
}
