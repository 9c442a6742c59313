import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { ApiProblems } from '../../infra/errors/api-problems';
import { PlanProgressResponse } from './plan-progress.response';
import { PlanProgressService } from './plan-progress.service';

@OperatorApi('plans')
@Controller('v1/counties/:countyId/plans/:planId')
export class PlanProgressController {
  constructor(private readonly progress: PlanProgressService) {}

  @Get('progress')
  @ApiOperation({ summary: "The plan's runs as their drivers report them: stops done, late or failed, parcels on board, last known position, revised ETAs" })
  @ApiOkResponse({ type: PlanProgressResponse })
  @ApiProblems(404)
  get(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('planId', ParseUUIDPipe) planId: string): Promise<PlanProgressResponse> {
    return this.progress.progress(countyId, planId);
  }
}
