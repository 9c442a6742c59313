import { Controller, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { ApiProblems } from '../../infra/errors/api-problems';
import { DATA_EXPORT_FORMATS, ExportEndpoint, ExportQuery, ExportQueryParams, sendExport } from '../manifests/export-response';
import { villageHistoryCsv, VillageHistoryResponse } from './village-history.response';
import { DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS, VillageHistoryService } from './village-history.service';

@OperatorApi('network')
@Controller('v1/counties/:countyId/nodes/:nodeId')
@ApiProblems(400, 404)
export class VillageHistoryController {
  constructor(private readonly history: VillageHistoryService) {}

  @ExportEndpoint(
    'history',
    "A village point's last days: parcels delivered and collected, visits, failed deliveries, per local day up to today",
    VillageHistoryResponse,
    DATA_EXPORT_FORMATS,
  )
  @ApiQuery({ name: 'days', required: false, example: DEFAULT_HISTORY_DAYS, description: `1 to ${MAX_HISTORY_DAYS}, today included` })
  async get(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('nodeId', ParseUUIDPipe) nodeId: string,
    @Query('days') days: string | undefined,
    @ExportQueryParams(DATA_EXPORT_FORMATS) query: ExportQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const history = await this.history.lastDays(countyId, nodeId, days);
    await sendExport(request, response, query, `village-${history.code}-${history.from}-${history.to}`, { json: () => history, csv: () => villageHistoryCsv(history) });
  }
}
