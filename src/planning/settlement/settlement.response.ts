import { ApiProperty } from '@nestjs/swagger';
import { PLAN_LIFECYCLES, PlanLifecycle } from '../plan.entity';

/** The rule's name in every settlement answer (docs/planning.md, "Settlement"). */
export const SETTLEMENT_RULE = 'proportional_to_stand_alone_cost' as const;

export class SettlementLineResponse {
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty({ type: String, nullable: true, example: '乡村优选' }) platformName!: string | null;
  @ApiProperty({ description: 'its parcels delivered or collected at villages in the consolidated plan' }) parcels!: number;
  @ApiProperty({ description: "fen: what its own routes cost in the plan's unconsolidated baseline" }) standAloneCostFen!: number;
  @ApiProperty({ description: 'fen: what it pays of the consolidated cost; never above standAloneCostFen' }) shareFen!: number;
  @ApiProperty({ description: 'fen: standAloneCostFen - shareFen' }) savingFen!: number;
}

export class PlanSettlementResponse {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ example: '2026-11-30' }) serviceDate!: string;
  @ApiProperty() wave!: number;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: PLAN_LIFECYCLES }) lifecycle!: PlanLifecycle;
  @ApiProperty({ enum: [SETTLEMENT_RULE] }) rule!: typeof SETTLEMENT_RULE;
  @ApiProperty({ description: "fen: the consolidated plan's routes plus handling; the carriers' shares and the centre's add up to it exactly" }) totalCostFen!: number;
  @ApiProperty({ description: "fen: every carrier's stand-alone cost together" }) standAloneTotalFen!: number;
  @ApiProperty({ description: 'fen: what the county centre bears because no carrier pays more than on its own (0 on a day that saves)' }) centreShareFen!: number;
  @ApiProperty({ type: [SettlementLineResponse], description: "one line per carrier whose parcels rode; a platform's key sees its own line only" })
  lines!: SettlementLineResponse[];
}

export class CountySettlementResponse {
  @ApiProperty({ format: 'uuid' }) countyId!: string;
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) to!: string;
  @ApiProperty({ enum: [SETTLEMENT_RULE] }) rule!: typeof SETTLEMENT_RULE;
  @ApiProperty({ description: 'fen, over the plans in force (published or completed)' }) totalCostFen!: number;
  @ApiProperty() standAloneTotalFen!: number;
  @ApiProperty() centreShareFen!: number;
  @ApiProperty({ type: [SettlementLineResponse], description: 'per carrier, summed over the plans' }) totals!: SettlementLineResponse[];
  @ApiProperty({ type: [PlanSettlementResponse] }) plans!: PlanSettlementResponse[];
}
