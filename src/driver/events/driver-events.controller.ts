import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblems } from '../../infra/errors/api-problems';
import { DriverPrincipal } from '../auth/access-tokens';
import { CurrentDriver, DriverApi, SyncAllowed } from '../auth/driver-auth.guard';
import { DriverEventsService } from './driver-events.service';
import { SyncResponse } from './sync-response';

@DriverApi('driver')
@Controller('v1/driver/events')
export class DriverEventsController {
  constructor(private readonly events: DriverEventsService) {}

  @Post()
  @HttpCode(200)
  @SyncAllowed()
  @ApiOperation({
    summary: 'Sync a batch of events recorded offline: each accepted or refused on its own; idempotent by event id; any order converges',
    description: 'See docs/driver-api.md for the rule that derives each parcel’s status from its events.',
  })
  @ApiBody({ schema: { $ref: '#/components/schemas/DriverEventBatch' } })
  @ApiOkResponse({ type: SyncResponse })
  @ApiProblems(400, 401, 403, 413)
  sync(@CurrentDriver() driver: DriverPrincipal, @Body() body: unknown): Promise<SyncResponse> {
    return this.events.sync(driver, body);
  }
}
