import { Random } from '../../random';

/**
 * Adaptive operator selection (Ropke & Pisinger): each operator is drawn with probability
 * proportional to its weight; after each segment the weight moves towards the operator's average
 * score in that segment.
 */
export class RouletteWheel {
  private readonly weights: Float64Array;
  private readonly scores: Float64Array;
  private readonly uses: Float64Array;

  constructor(
    size: number,
    private readonly reaction = 0.2,
  ) {
    this.weights = new Float64Array(size).fill(1);
    this.scores = new Float64Array(size);
    this.uses = new Float64Array(size);
  }

  pick(random: Random): number {
    let total = 0;
    for (const weight of this.weights) total += weight;
    let target = random.nextFloat() * total;
    for (let i = 0; i < this.weights.length; i++) {
      target -= this.weights[i];
      if (target < 0) return i;
    }
    return this.weights.length - 1;
  }

  reward(index: number, score: number): void {
    this.scores[index] += score;
    this.uses[index]++;
  }

  updateWeights(): void {
    for (let i = 0; i < this.weights.length; i++) {
      if (this.uses[i] > 0) {
        const average = this.scores[i] / this.uses[i];
        // A floor keeps every operator in play.
        this.weights[i] = Math.max(0.05, (1 - this.reaction) * this.weights[i] + this.reaction * average);
      }
      this.scores[i] = 0;
      this.uses[i] = 0;
    }
  }
}
