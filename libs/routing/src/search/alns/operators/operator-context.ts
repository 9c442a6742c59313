import { Random } from '../../../random';
import { AlnsSolution } from '../alns-solution';

/** What every operator may read besides the solution it changes. */
export interface OperatorContext {
  rng: Random;
  /** Most non-empty routes an insertion may leave (the route-minimisation phase lowers it). */
  maxRoutes: number;
  /** Amplitude of the random term added to insertion costs (0 = no noise). */
  noiseAmplitude: number;
  /** Related-request measure for Shaw removal: lower is more related. */
  relatedness: (a: number, b: number) => number;
}

/** Removes about `count` requests from the solution (route removal may take a whole route instead). */
export interface RemovalOperator {
  readonly name: string;
  remove(solution: AlnsSolution, count: number, context: OperatorContext): void;
}

/** Puts unassigned requests back where they fit, leaving out those that fit nowhere. */
export interface InsertionOperator {
  readonly name: string;
  insert(solution: AlnsSolution, context: OperatorContext): void;
}

/** Index in [0, size) biased towards 0: Ropke & Pisinger's randomised choice y^p with p >= 1. */
export function biasedIndex(rng: Random, size: number, determinism: number): number {
  return Math.min(size - 1, Math.floor(Math.pow(rng.nextFloat(), determinism) * size));
}
