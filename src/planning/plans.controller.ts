import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, WRITE_ROLES } from '../infra/auth/principal';
import { RequestPlanDto } from './dto/request-plan.dto';
import { ExpectedRevisionDto } from './dto/stop-edit.dto';
import { UpdateRouteDto } from './dto/update-route.dto';
import { IdempotencyService } from './idempotency.service';
import { PlanEventResponse, toPlanEventResponse } from './plan-event.response';
import { PlanPublishingService } from './plan-publishing.service';
import { PlanRouteEditsService } from './plan-route-edits.service';
import { PlanDetailResponse, PlanResponse, PlanRouteResponse, toPlanResponse, toPlanRouteResponse } from './plan.response';
import { PlanRequestsService } from './plan-requests.service';
import { PlanRowsService } from './figures/plan-rows.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('v1/counties/:countyId/plans')
export class PlansController {
  constructor(
    private readonly plans: PlanRequestsService,
    private readonly publishing: PlanPublishingService,
    private readonly routeEdits: PlanRouteEditsService,
    private readonly idempotency: IdempotencyService,
    private readonly rows: PlanRowsService,
  ) {}

  /** Queues the wave's planning job; the same wave again returns the existing plan. */
  @Post()
  @HttpCode(202)
  @Roles(...WRITE_ROLES)
  @ApiAcceptedResponse({ type: PlanResponse })
  async request(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: RequestPlanDto, @CurrentPrincipal() principal: Principal): Promise<PlanResponse> {
    const plan = await this.plans.request(countyId, body, principal.actor);
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
    return {
      ...toPlanResponse(plan, this.plans.jobId(plan)),
      jobProgress: plan.status === 'queued' || plan.status === 'running' ? await this.plans.jobProgress(plan) : null,
      routes: routes.map(toPlanRouteResponse),
      figures: await this.rows.figures(plan),
      remedies: plan.remedies,
      baselineUnassigned: plan.baselineUnassigned,
    };
  }

  /** A computed draft becomes the day's plan: re-checked against the day's published plans, shipments planned, platforms told. */
  @Post(':planId/publish')
  @HttpCode(200)
  @Roles(...WRITE_ROLES)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'same key and request: the first answer again; same key, other request: 409; same key while the first still runs: 409 idempotency_in_progress',
  })
  @ApiOkResponse({ type: PlanResponse })
  @ApiConflictResponse({
    description: 'not a computed draft; stale_version (a newer version of the wave, or `expectedRevision` behind); or conflicts with published plans (listed in `conflicts`)',
  })
  publish(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Body() body: ExpectedRevisionDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PlanResponse> {
    const scope = `POST plans/${planId}/publish`;
    return this.idempotency.run({ countyId, key: idempotencyKey, scope, body }, async () => {
      const plan = await this.publishing.publish(countyId, planId, principal.actor, body.expectedRevision);
      return toPlanResponse(plan, this.plans.jobId(plan));
    });
  }

  /** The route's driver, or its status (planned → dispatched → completed). */
  @Patch(':planId/routes/:routeId')
  @Roles(...WRITE_ROLES)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiOkResponse({ type: PlanRouteResponse })
  @ApiConflictResponse({ description: 'a transition the route or plan does not allow, or dispatch without a driver' })
  updateRoute(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('routeId', ParseUUIDPipe) routeId: string,
    @Body() body: UpdateRouteDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PlanRouteResponse> {
    const scope = `PATCH plans/${planId}/routes/${routeId}`;
    return this.idempotency.run({ countyId, key: idempotencyKey, scope, body }, async () =>
      toPlanRouteResponse(await this.routeEdits.update(countyId, planId, routeId, body, principal.actor)),
    );
  }

  /** Every change to the plan and its routes, oldest first, with who made it. */
  @Get(':planId/events')
  @ApiOkResponse({ type: [PlanEventResponse] })
  async events(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('planId', ParseUUIDPipe) planId: string): Promise<PlanEventResponse[]> {
    return (await this.plans.events(countyId, planId)).map(toPlanEventResponse);
  }
}
