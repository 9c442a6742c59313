import { TwoEchelonProblem } from './two-echelon-problem';
import { TwoEchelonCoordinates } from './two-echelon-validation';

/** Benchmark distances are real Euclidean; scaling by 10⁴ before rounding keeps costs exact to 2 decimals. */
export const BENCHMARK_DISTANCE_SCALE = 10_000;

/** A parsed 2E-CVRP benchmark file: the problem plus what reports and the checker need. */
export interface TwoEchelonInstance {
  name: string;
  /** Which file layout it came from. */
  layout: 'perboli' | 'hemmelmayr';
  problem: TwoEchelonProblem;
  coordinates: TwoEchelonCoordinates;
}
