import { Random } from '../../random';

/** A solution this much worse than the start is accepted with probability one half at first. */
const START_WORSENING = 0.05;
/** The temperature ends at this fraction of where it started. */
const END_FACTOR = 0.002;

/**
 * Simulated-annealing acceptance with a temperature that falls geometrically with search progress
 * (iterations or time, whichever the budget counts), so a short run still cools fully.
 */
export class SimulatedAnnealing {
  private readonly startTemperature: number;

  /** `scale`: the variable part of the starting objective (distance, not vehicle weights). */
  constructor(scale: number, startWorsening = START_WORSENING) {
    this.startTemperature = Math.max(1e-9, (startWorsening * scale) / Math.LN2);
  }

  temperature(progress: number): number {
    return this.startTemperature * Math.pow(END_FACTOR, progress);
  }

  accepts(candidateCost: number, currentCost: number, progress: number, rng: Random): boolean {
    if (candidateCost <= currentCost) return true;
    return rng.nextFloat() < Math.exp(-(candidateCost - currentCost) / this.temperature(progress));
  }
}
