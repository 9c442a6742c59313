import { HgsData } from './hgs-data';
import { SegmentAccumulator } from './segment';

/**
 * Per-dimension load aggregates of every node's route prefix and suffix (delivery sum, pickup sum,
 * peak on board), for problems without `simpleLoad`: several capacity dimensions, or pickups mixed
 * with deliveries. Node n's values for dimension k sit at `n * dims + k`.
 */
export class RouteLoads {
  private readonly dims: number;
  readonly prefixDelivery: Float64Array;
  readonly prefixPickup: Float64Array;
  readonly prefixPeak: Float64Array;
  readonly suffixDelivery: Float64Array;
  readonly suffixPickup: Float64Array;
  readonly suffixPeak: Float64Array;

  constructor(
    private readonly data: HgsData,
    nodes: number,
  ) {
    this.dims = data.dims;
    const size = nodes * data.dims;
    this.prefixDelivery = new Float64Array(size);
    this.prefixPickup = new Float64Array(size);
    this.prefixPeak = new Float64Array(size);
    this.suffixDelivery = new Float64Array(size);
    this.suffixPickup = new Float64Array(size);
    this.suffixPeak = new Float64Array(size);
  }

  /** Stores the accumulator's loads as the prefix ending at `node`. */
  storePrefix(node: number, acc: SegmentAccumulator): void {
    const offset = node * this.dims;
    for (let k = 0; k < this.dims; k++) {
      this.prefixDelivery[offset + k] = acc.deliveries[k];
      this.prefixPickup[offset + k] = acc.pickups[k];
      this.prefixPeak[offset + k] = acc.peaks[k];
    }
  }

  /** The suffix of an end depot: nothing on board. */
  clearSuffix(node: number): void {
    this.suffixDelivery.fill(0, node * this.dims, (node + 1) * this.dims);
    this.suffixPickup.fill(0, node * this.dims, (node + 1) * this.dims);
    this.suffixPeak.fill(0, node * this.dims, (node + 1) * this.dims);
  }

  /** The suffix of `node` (client `client`): the client followed by the stored suffix of `after`. */
  prependToSuffix(node: number, client: number, after: number): void {
    const d = this.data;
    const to = node * this.dims;
    const from = after * this.dims;
    for (let k = 0; k < this.dims; k++) {
      const delivery = d.deliveryK[client * this.dims + k];
      const pickup = d.pickupK[client * this.dims + k];
      this.suffixPeak[to + k] = Math.max(Math.max(delivery, pickup) + this.suffixDelivery[from + k], this.suffixPeak[from + k] + pickup);
      this.suffixDelivery[to + k] = delivery + this.suffixDelivery[from + k];
      this.suffixPickup[to + k] = pickup + this.suffixPickup[from + k];
    }
  }

  /** Excess of a whole route's peak (the prefix ending at its end depot) over the capacity of `slot`, at the dimension weights. */
  excessOnSlot(end: number, slot: number): number {
    const d = this.data;
    let excess = 0;
    for (let k = 0; k < this.dims; k++) {
      const over = this.prefixPeak[end * this.dims + k] - d.slotCapacityK[slot * this.dims + k];
      if (over > 0) excess += d.dimensionWeight[k] * over;
    }
    return excess;
  }
}
