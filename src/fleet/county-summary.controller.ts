import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CountySummaryService } from './county-summary.service';
import { NetworkSummaryResponse } from './fleet.responses';
import { OperatorApi } from '../infra/auth/operator-api.decorator';

/** `GET …/network/summary`: served by the fleet module, which can see both network and vehicles (see CountySummaryService). */
@OperatorApi('network', "another county's id (problem+json)")
@Controller('v1/counties/:countyId/network')
export class CountySummaryController {
  constructor(private readonly summary: CountySummaryService) {}

  @Get('summary')
  @ApiOkResponse({ type: NetworkSummaryResponse })
  summarize(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<NetworkSummaryResponse> {
    return this.summary.summarize(countyId);
  }
}
