import { HgsData } from './hgs-data';
import { Individual } from './individual';
import { HgsParams } from './params';
import { Penalties } from './segment';

const MIN_PENALTY = 0.01;
const MAX_PENALTY = 100_000;

/**
 * Adaptive penalties: every update, each penalty grows by 20% when fewer than target-5% of the
 * recent local-search results were feasible for that constraint, and shrinks by 15% above
 * target+5% (Vidal 2022). Load, time warp and distance over a limit each have their own.
 */
export class PenaltyManager {
  readonly current: Penalties;
  private loadFeasible = 0;
  private timeFeasible = 0;
  private distanceFeasible = 0;
  private samples = 0;

  /** `initial` continues from known penalties (a decomposed part starts from its parent's). */
  constructor(
    data: HgsData,
    private readonly params: HgsParams,
    initial?: Penalties,
  ) {
    let arcTotal = 0;
    let travelTotal = 0;
    let metreTotal = 0;
    // A metre over a distance limit starts at what a metre of the reference matrices' arcs costs (1 without limits: never paid).
    const metres = data.hasDistanceLimits ? data.profileDistanceM[data.slotProfile[data.referenceSlot]] : null;
    for (let i = 0; i < data.arcCost.length; i++) {
      arcTotal += data.arcCost[i];
      travelTotal += data.travelS[i];
      if (metres) metreTotal += metres[i];
    }
    const perMetre = metreTotal > 0 ? arcTotal / metreTotal : 1;
    this.current = initial
      ? { ...initial }
      : {
          capacity: clamp(data.maxArcCost / Math.max(1, data.maxDemand)),
          timeWarp: clamp(travelTotal > 0 ? arcTotal / travelTotal : 1),
          distance: clamp(perMetre),
        };
    if (!initial) this.startAboveSkipPenalties(data);
  }

  /**
   * When leaving a client out costs far more than any arc (the planner's must-go work), penalties
   * scaled to the arcs would make every violation cheaper than leaving out, and the search would
   * spend its budget among infeasible solutions: start so that overloading by a mean client's
   * load, or running a whole shift late, costs about what leaving a mean client out does.
   */
  private startAboveSkipPenalties(data: HgsData): void {
    let skipped = 0;
    let skipTotal = 0;
    let loadTotal = 0;
    for (let c = 1; c <= data.n; c++) {
      for (let k = 0; k < data.dims; k++) loadTotal += data.dimensionWeight[k] * (data.deliveryK[c * data.dims + k] + data.pickupK[c * data.dims + k]);
      if (!data.optional[c]) continue;
      skipped++;
      skipTotal += data.skipPenalty[c];
    }
    const meanSkip = skipped > 0 ? skipTotal / skipped : 0;
    if (meanSkip <= 10 * data.maxArcCost) return;
    const meanLoad = loadTotal / Math.max(1, data.n);
    const horizonS = Math.max(...data.slotShiftEnd) - Math.min(...data.slotShiftStart);
    this.current.capacity = clamp(Math.max(this.current.capacity, meanSkip / Math.max(1, meanLoad)));
    this.current.timeWarp = clamp(Math.max(this.current.timeWarp, meanSkip / Math.max(1, horizonS)));
  }

  record(individual: Individual): void {
    this.samples++;
    if (individual.excessLoad === 0) this.loadFeasible++;
    if (individual.timeWarpS === 0) this.timeFeasible++;
    if (individual.excessDistance === 0) this.distanceFeasible++;
  }

  update(): void {
    if (this.samples === 0) return;
    this.current.capacity = adjust(this.current.capacity, this.loadFeasible / this.samples, this.params.targetFeasible);
    this.current.timeWarp = adjust(this.current.timeWarp, this.timeFeasible / this.samples, this.params.targetFeasible);
    this.current.distance = adjust(this.current.distance, this.distanceFeasible / this.samples, this.params.targetFeasible);
    this.samples = 0;
    this.distanceFeasible = 0;
    this.loadFeasible = 0;
    this.timeFeasible = 0;
  }

  boosted(factor: number): Penalties {
    return { capacity: this.current.capacity * factor, timeWarp: this.current.timeWarp * factor, distance: this.current.distance * factor };
  }
}

function adjust(penalty: number, feasibleShare: number, target: number): number {
  if (feasibleShare < target - 0.05) return clamp(penalty * 1.2);
  if (feasibleShare > target + 0.05) return clamp(penalty * 0.85);
  return penalty;
}

function clamp(penalty: number): number {
  return Math.min(MAX_PENALTY, Math.max(MIN_PENALTY, penalty));
}
