import { ApiProperty } from '@nestjs/swagger';
import { PLAN_EVENT_TYPES, PlanEvent } from './plan-event.entity';

export class PlanEventResponse {
  @ApiProperty({ example: '42' }) id!: string;
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) routeId!: string | null;
  @ApiProperty({ enum: PLAN_EVENT_TYPES }) type!: string;
  @ApiProperty({ description: 'the API key id of the operator, `user:<id>` for a person signed in to the console, or worker / scheduler / system' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: Object }) data!: Record<string, unknown>;
}

export const toPlanEventResponse = (event: PlanEvent): PlanEventResponse => ({
  id: event.id,
  planId: event.planId,
  routeId: event.routeId,
  type: event.type,
  actor: event.actor,
  at: event.at.toISOString(),
  data: event.data,
});
