import { Controller, MessageEvent, Param, ParseUUIDPipe, Sse } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { interval, map, merge, Observable } from 'rxjs';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { RunUpdatesService } from './run-updates.service';

/** A comment line this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 25_000;

@OperatorApi('plans')
@Controller('v1/counties/:countyId/runs')
export class RunUpdatesController {
  constructor(private readonly updates: RunUpdatesService) {}

  @Sse('updates')
  @ApiOperation({
    summary: 'Server-sent events: `run-update` { countyId, routeIds } each time a batch of driver events is stored, from any API process',
    description: 'Read GET …/plans/{planId}/progress again for the routes named. A `keep-alive` event comes every 25 s.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'an event stream' })
  stream(@Param('countyId', ParseUUIDPipe) countyId: string): Observable<MessageEvent> {
    return merge(
      this.updates.forCounty(countyId).pipe(map((update): MessageEvent => ({ type: 'run-update', data: update }))),
      interval(KEEP_ALIVE_MS).pipe(map((): MessageEvent => ({ type: 'keep-alive', data: {} }))),
    );
  }
}
