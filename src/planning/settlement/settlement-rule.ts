/**
 * How the consolidated cost of a plan is shared among the carriers (platforms) whose parcels rode on
 * it: in proportion to what each would have paid on its own, its stand-alone cost in the plan's
 * baseline. Every carrier then saves the same share of its stand-alone cost as the county saves as a
 * whole, and the rule needs nothing but the stored baseline to check (docs/planning.md, "Settlement").
 *
 * Exactly in fen: each carrier gets the floor of its exact share, and the fen left over go one each to
 * the largest remainders (ties to the smaller platform id). No carrier pays more than its stand-alone
 * cost: when the consolidated total exceeds the carriers' stand-alone costs together (a day the
 * co-delivery did not pay off, or a heuristic baseline that came out cheap), each pays its stand-alone
 * cost and the county centre bears the rest, shown as its own share. Same inputs, same shares.
 */

export interface CarrierStandAlone {
  platformId: string;
  /** The carrier's baseline routes' cost, in fen. */
  standAloneCostFen: number;
}

export interface CarrierShare extends CarrierStandAlone {
  shareFen: number;
}

export interface SettlementShares {
  totalCostFen: number;
  standAloneTotalFen: number;
  /** By platform id. */
  shares: CarrierShare[];
  /** What no carrier can be charged without paying more than on its own; zero on a day that saves. */
  centreShareFen: number;
}

export function shareCost(totalCostFen: number, carriers: readonly CarrierStandAlone[]): SettlementShares {
  if (!Number.isSafeInteger(totalCostFen) || totalCostFen < 0) throw new RangeError(`the total cost must be a whole number of fen, not ${totalCostFen}`);
  for (const carrier of carriers) {
    if (!Number.isSafeInteger(carrier.standAloneCostFen) || carrier.standAloneCostFen < 0)
      throw new RangeError(`stand-alone cost of ${carrier.platformId} must be a whole number of fen`);
  }
  const sorted = [...carriers].sort((a, b) => (a.platformId < b.platformId ? -1 : a.platformId > b.platformId ? 1 : 0));
  const standAloneTotalFen = sorted.reduce((total, carrier) => total + carrier.standAloneCostFen, 0);
  if (totalCostFen >= standAloneTotalFen) {
    // Capped: everyone pays its stand-alone cost (possibly 0), the centre the rest.
    return {
      totalCostFen,
      standAloneTotalFen,
      shares: sorted.map((carrier) => ({ ...carrier, shareFen: carrier.standAloneCostFen })),
      centreShareFen: totalCostFen - standAloneTotalFen,
    };
  }
  // total < stand-alone total, so every exact share is below the carrier's cap, and floor + 1 is at most the cap.
  const total = BigInt(totalCostFen);
  const divisor = BigInt(standAloneTotalFen);
  const exact = sorted.map((carrier) => ({
    carrier,
    floor: (total * BigInt(carrier.standAloneCostFen)) / divisor,
    remainder: (total * BigInt(carrier.standAloneCostFen)) % divisor,
  }));
  let leftOver = total - exact.reduce((sum, entry) => sum + entry.floor, 0n);
  const byRemainder = exact
    .map((entry, index) => ({ index, remainder: entry.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const extra = new Set<number>();
  for (const { index } of byRemainder) {
    if (leftOver === 0n) break;
    extra.add(index);
    leftOver -= 1n;
  }
  return {
    totalCostFen,
    standAloneTotalFen,
    shares: exact.map((entry, index) => ({ ...entry.carrier, shareFen: Number(entry.floor) + (extra.has(index) ? 1 : 0) })),
    centreShareFen: 0,
  };
}
