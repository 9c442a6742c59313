import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles, WRITE_ROLES } from '../infra/auth/principal';
import { ApiProblems } from '../infra/errors/api-problems';
import { MoveStopDto, ReorderStopsDto } from './dto/stop-edit.dto';
import { IdempotencyService } from './idempotency.service';
import { PlanEditResponse } from './plan-edit.response';
import { PlanRequestsService } from './plan-requests.service';
import { PlanStopEditsService, StopEditOutcome } from './plan-stop-edits.service';
import { toPlanResponse, toPlanRouteResponse } from './plan.response';
import { StopEdit } from './stop-edits';

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  description: 'same key and request: the first answer again, nothing done twice; same key, other request: 409; same key while the first still runs: 409 idempotency_in_progress',
};
const REFUSALS =
  '`violations: [{rule, routeId, …}]`: capacity (with `dimension` weightG/volumeCm3/parcels and `stopId`), shift (`limit` shift_end/max_duration/no_time_left, `nextRouteId`), ' +
  'time_window (`stopId`, `arrivalAt`, `latestStartAt`, or `closed`), unreachable, trunk_sync (a station’s last mile would leave before the trunk unloads), depot (a stop moved off its depot); ' +
  'or illegal_transition (a dispatched, completed or locked route; a plan not a computed draft or published), or stale_version (a newer version of the wave, or `expectedRevision` behind)';

/**
 * A dispatcher's hand edits of a plan's stops, answered with the changed routes re-timed and re-priced
 * and the plan's new totals. Draft and published plans; routes still planned and unlocked.
 */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('v1/counties/:countyId/plans/:planId/routes/:routeId')
export class PlanStopEditsController {
  constructor(
    private readonly edits: PlanStopEditsService,
    private readonly plans: PlanRequestsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /** Moves a stop to another route of the same depot (or to another place in its route). */
  @Post('stops/:stopId/move')
  @HttpCode(200)
  @Roles(...WRITE_ROLES)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: PlanEditResponse })
  @ApiConflictResponse({ description: `the edit is refused and nothing is written: ${REFUSALS}` })
  @ApiProblems(400, 404)
  move(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('routeId', ParseUUIDPipe) routeId: string,
    @Param('stopId', ParseUUIDPipe) stopId: string,
    @Body() body: MoveStopDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PlanEditResponse> {
    const edit: StopEdit = { kind: 'move', routeId, stopId, toRouteId: body.toRouteId, position: body.position };
    return this.run(countyId, planId, `POST plans/${planId}/routes/${routeId}/stops/${stopId}/move`, body, edit, principal, idempotencyKey);
  }

  /** The route's stops in a new order (every stop id of the route, once). */
  @Put('stop-order')
  @Roles(...WRITE_ROLES)
  @ApiHeader(IDEMPOTENCY_HEADER)
  @ApiOkResponse({ type: PlanEditResponse })
  @ApiConflictResponse({ description: `the edit is refused and nothing is written: ${REFUSALS}` })
  @ApiProblems(400, 404)
  reorder(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('routeId', ParseUUIDPipe) routeId: string,
    @Body() body: ReorderStopsDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<PlanEditResponse> {
    const edit: StopEdit = { kind: 'reorder', routeId, stopIds: body.stopIds };
    return this.run(countyId, planId, `PUT plans/${planId}/routes/${routeId}/stop-order`, body, edit, principal, idempotencyKey);
  }

  private run(
    countyId: string,
    planId: string,
    scope: string,
    body: { expectedRevision?: number },
    edit: StopEdit,
    principal: Principal,
    idempotencyKey: string | undefined,
  ): Promise<PlanEditResponse> {
    return this.idempotency.run({ countyId, key: idempotencyKey, scope, body }, async () =>
      this.toResponse(await this.edits.edit(countyId, planId, edit, body.expectedRevision, principal.actor)),
    );
  }

  private toResponse(outcome: StopEditOutcome): PlanEditResponse {
    return { plan: toPlanResponse(outcome.plan, this.plans.jobId(outcome.plan)), routes: outcome.routes.map(toPlanRouteResponse), removedRouteIds: outcome.removedRouteIds };
  }
}
