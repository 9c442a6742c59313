import { shareCost } from './settlement-rule';

/** One carrier's line of a plan's settlement. */
export interface CarrierSettlement {
  platformId: string;
  /** Its parcels delivered or collected at villages in the consolidated plan. */
  parcels: number;
  /** What its own baseline routes cost (its stand-alone cost), in fen. */
  standAloneCostFen: number;
  /** What it pays of the consolidated cost, in fen: never above `standAloneCostFen`. */
  shareFen: number;
  /** `standAloneCostFen - shareFen`. */
  savingFen: number;
}

export interface PlanSettlementFigures {
  /** The consolidated plan's cost, routes plus handling, in fen: what the shares add up to, with the centre's. */
  totalCostFen: number;
  standAloneTotalFen: number;
  centreShareFen: number;
  carriers: CarrierSettlement[];
}

export interface PlanSettlementInput {
  totalCostFen: number;
  /** Every baseline route's carrier and cost. */
  baselineRoutes: ReadonlyArray<{ platformId: string; costFen: number }>;
  /** Each consolidated village stop's parcels by carrier. */
  parcelsByPlatform: ReadonlyMap<string, number>;
}

/** The plan's settlement: its carriers are the platforms whose parcels rode, each with its stand-alone cost from the baseline. */
export function settlePlan(input: PlanSettlementInput): PlanSettlementFigures {
  const standAlone = new Map<string, number>();
  for (const platformId of input.parcelsByPlatform.keys()) standAlone.set(platformId, 0);
  for (const route of input.baselineRoutes) standAlone.set(route.platformId, (standAlone.get(route.platformId) ?? 0) + route.costFen);
  const shares = shareCost(
    input.totalCostFen,
    [...standAlone].map(([platformId, standAloneCostFen]) => ({ platformId, standAloneCostFen })),
  );
  return {
    totalCostFen: shares.totalCostFen,
    standAloneTotalFen: shares.standAloneTotalFen,
    centreShareFen: shares.centreShareFen,
    carriers: shares.shares.map((share) => ({
      platformId: share.platformId,
      parcels: input.parcelsByPlatform.get(share.platformId) ?? 0,
      standAloneCostFen: share.standAloneCostFen,
      shareFen: share.shareFen,
      savingFen: share.standAloneCostFen - share.shareFen,
    })),
  };
}
