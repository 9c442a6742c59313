import { Controller, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { CurrentPrincipal, OPERATOR_ROLES, Principal, Roles } from '../../infra/auth/principal';
import { ApiProblems } from '../../infra/errors/api-problems';
import { DATA_EXPORT_FORMATS, ExportEndpoint, ExportQuery, ExportQueryParams, sendExport } from '../manifests/export-response';
import { settlementCsv } from './settlement-csv';
import { CountySettlementResponse, PlanSettlementResponse } from './settlement.response';
import { SettlementService } from './settlement.service';

/**
 * What each carrier pays of the consolidated cost. Operator keys read every line; a platform's own
 * key reads its own lines (and the totals to check them against), so carriers can check their charge.
 */
@OperatorApi('settlement', "another county's id, or a platform key without a platform (problem+json)")
@Controller('v1/counties/:countyId')
@Roles(...OPERATOR_ROLES, 'platform')
@ApiProblems(400, 404)
export class SettlementController {
  constructor(private readonly settlement: SettlementService) {}

  @ExportEndpoint(
    'plans/:planId/settlement',
    "One plan's cost shared among the carriers whose parcels rode, each capped at its stand-alone cost",
    PlanSettlementResponse,
    DATA_EXPORT_FORMATS,
  )
  @ApiProblems(409)
  async plan(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @ExportQueryParams(DATA_EXPORT_FORMATS) query: ExportQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const settled = await this.settlement.forPlan(countyId, planId, principal);
    await sendExport(request, response, query, `settlement-${settled.serviceDate}-w${settled.wave}-v${settled.version}`, {
      json: () => settled,
      csv: () => settlementCsv([settled], principal.role !== 'platform'),
    });
  }

  @ExportEndpoint(
    'settlement',
    "The county's settlement over the plans in force (published or completed) from `from` to `to`, local dates included",
    CountySettlementResponse,
    DATA_EXPORT_FORMATS,
  )
  @ApiQuery({ name: 'from', required: true, example: '2026-11-01' })
  @ApiQuery({ name: 'to', required: true, example: '2026-11-30' })
  async county(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Query('from') from: string | undefined,
    @Query('to') to: string | undefined,
    @ExportQueryParams(DATA_EXPORT_FORMATS) query: ExportQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const settled = await this.settlement.forCounty(countyId, from, to, principal);
    await sendExport(request, response, query, `settlement-${settled.from}-${settled.to}`, {
      json: () => settled,
      csv: () => settlementCsv(settled.plans, principal.role !== 'platform'),
    });
  }
}
