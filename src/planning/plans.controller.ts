import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Roles, WRITE_ROLES } from '../infra/auth/principal';
import { RequestPlanDto } from './dto/request-plan.dto';
import { PlanDetailResponse, PlanResponse, toPlanResponse, toPlanRouteResponse } from './plan.response';
import { PlanRequestsService } from './plan-requests.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('v1/counties/:countyId/plans')
export class PlansController {
  constructor(private readonly plans: PlanRequestsService) {}

  /** Queues the wave's planning job; the same wave again returns the existing plan. */
  @Post()
  @HttpCode(202)
  @Roles(...WRITE_ROLES)
  @ApiAcceptedResponse({ type: PlanResponse })
  async request(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: RequestPlanDto): Promise<PlanResponse> {
    const plan = await this.plans.request(countyId, body);
    return toPlanResponse(plan, this.plans.jobId(plan));
  }

  @Get()
  @ApiQuery({ name: 'serviceDate', required: false, example: '2026-11-30' })
  @ApiOkResponse({ type: [PlanResponse] })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string, @Query('serviceDate') serviceDate?: string): Promise<PlanResponse[]> {
    return (await this.plans.list(countyId, serviceDate)).map((plan) => toPlanResponse(plan, this.plans.jobId(plan)));
  }

  @Get(':planId')
  @ApiOkResponse({ type: PlanDetailResponse })
  async get(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('planId', ParseUUIDPipe) planId: string): Promise<PlanDetailResponse> {
    const { plan, routes } = await this.plans.getWithRoutes(countyId, planId);
    return { ...toPlanResponse(plan, this.plans.jobId(plan)), routes: routes.map(toPlanRouteResponse) };
  }
}
