import { SearchContext } from './search-state';

/**
 * The first-level price of adding `demand` to satellite `s` at the current loads, for repair
 * insertion costs. The first-level cost only grows with load (a plan for more freight serves less),
 * so the marginal is a non-decreasing step function of the demand: when it is equal at the smallest
 * and largest pending demand it is that value for every pending customer, and one pair of
 * evaluations per satellite answers them all. Call `reset` whenever the loads change.
 */
export class FirstLevelMarginal {
  private base = NaN;
  private readonly low: Float64Array;
  private readonly high: Float64Array;
  private readonly byDemand = new Map<number, number>();

  constructor(
    private readonly context: SearchContext,
    private readonly loads: number[],
    private readonly smallestDemand: number,
    private readonly largestDemand: number,
  ) {
    this.low = new Float64Array(context.satelliteCount).fill(NaN);
    this.high = new Float64Array(context.satelliteCount).fill(NaN);
  }

  reset(): void {
    this.base = NaN;
    this.low.fill(NaN);
    this.high.fill(NaN);
    this.byDemand.clear();
  }

  cost(satellite: number, demand: number): number {
    if (Number.isNaN(this.base)) this.base = this.context.firstLevel.estimate(this.loads);
    if (Number.isNaN(this.low[satellite])) {
      this.low[satellite] = this.evaluate(satellite, this.smallestDemand);
      this.high[satellite] = this.evaluate(satellite, this.largestDemand);
    }
    if (this.low[satellite] === this.high[satellite] && demand >= this.smallestDemand && demand <= this.largestDemand) {
      return this.low[satellite];
    }
    const key = demand * this.context.satelliteCount + satellite;
    let value = this.byDemand.get(key);
    if (value === undefined) {
      value = this.evaluate(satellite, demand);
      this.byDemand.set(key, value);
    }
    return value;
  }

  private evaluate(satellite: number, demand: number): number {
    this.loads[satellite] += demand;
    const after = this.context.firstLevel.estimate(this.loads);
    this.loads[satellite] -= demand;
    return after - this.base;
  }
}
