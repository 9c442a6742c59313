import { ApiProperty } from '@nestjs/swagger';
import { PlanResponse, PlanRouteResponse } from './plan.response';

/** What a hand edit answers: the plan with its new totals and revision, and the routes it changed as GET plan shows them. */
export class PlanEditResponse {
  @ApiProperty({ type: PlanResponse, description: 'the plan after the edit: totals (cost, distance, duration, vehicles) and `revision`' }) plan!: PlanResponse;
  @ApiProperty({ type: [PlanRouteResponse], description: 'every route whose stops, times or cost changed, with its stops (new arrival and departure times)' })
  routes!: PlanRouteResponse[];
  @ApiProperty({ type: [String], description: 'routes left with no stop, which the edit removed' }) removedRouteIds!: string[];
}
