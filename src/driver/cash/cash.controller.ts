import { Controller, Get, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Response } from 'express';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { validationFailed } from '../../infra/errors/domain-error';
import { ApiProblems } from '../../infra/errors/api-problems';
import { CashReconciliationResponse } from './cash-reconciliation';
import { CashService } from './cash.service';

@OperatorApi('cash on delivery')
@Controller('v1/counties/:countyId/cash-on-delivery')
export class CashController {
  constructor(private readonly cash: CashService) {}

  @Get()
  @ApiOperation({ summary: 'Cash on delivery per driver for a day, reconciled against the manifests; ?format=csv gives one row per parcel' })
  @ApiQuery({ name: 'date', required: true, example: '2026-11-30' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'the export convention; no PDF for this report' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: CashReconciliationResponse })
  @ApiProblems(400)
  async get(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Query('date') date: string | undefined,
    @Query('format') format: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    if (date === undefined) throw validationFailed('date is required', [{ field: 'date', message: 'required, YYYY-MM-DD' }]);
    if (format !== undefined && format !== 'json' && format !== 'csv')
      throw validationFailed(`format ${format} is not one of json, csv`, [{ field: 'format', message: 'one of json, csv' }]);
    const reconciliation = await this.cash.reconcile(countyId, date);
    if (format === 'csv') {
      response.type('text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="cash-on-delivery-${date}.csv"`);
      response.send(this.cash.csv(reconciliation));
    } else {
      response.json(reconciliation);
    }
  }
}
