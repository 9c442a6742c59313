import { Random } from '../../random';

/** Scores from Ropke & Pisinger (2006): new global best, better than current, accepted worse. */
export const SCORE_NEW_BEST = 33;
export const SCORE_IMPROVED = 9;
export const SCORE_ACCEPTED = 13;
const REACTION_FACTOR = 0.1;
const SEGMENT_ITERATIONS = 100;
const MIN_WEIGHT = 0.05;

/**
 * Roulette-wheel choice among operators whose weights follow their recent success: every segment
 * of iterations, each weight moves towards the average score its operator earned per use.
 */
export class AdaptiveWeights {
  private readonly weights: Float64Array;
  private readonly scores: Float64Array;
  private readonly uses: Int32Array;
  private iterationsInSegment = 0;

  constructor(readonly size: number) {
    this.weights = new Float64Array(size).fill(1);
    this.scores = new Float64Array(size);
    this.uses = new Int32Array(size);
  }

  choose(rng: Random): number {
    let total = 0;
    for (let i = 0; i < this.size; i++) total += this.weights[i];
    let pick = rng.nextFloat() * total;
    for (let i = 0; i < this.size; i++) {
      pick -= this.weights[i];
      if (pick < 0) return i;
    }
    return this.size - 1;
  }

  reward(index: number, score: number): void {
    this.scores[index] += score;
    this.uses[index]++;
  }

  /** Call once per iteration, after the rewards. */
  endIteration(): void {
    if (++this.iterationsInSegment < SEGMENT_ITERATIONS) return;
    for (let i = 0; i < this.size; i++) {
      if (this.uses[i] > 0) {
        const average = this.scores[i] / this.uses[i];
        this.weights[i] = Math.max(MIN_WEIGHT, (1 - REACTION_FACTOR) * this.weights[i] + REACTION_FACTOR * average);
      }
      this.scores[i] = 0;
      this.uses[i] = 0;
    }
    this.iterationsInSegment = 0;
  }

  weightOf(index: number): number {
    return this.weights[index];
  }
}
