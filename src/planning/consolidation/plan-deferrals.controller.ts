import { Controller, Get, Param, ParseUUIDPipe, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiQuery } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Request, Response } from 'express';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { instantToLocalIso } from '../planner/local-time';
import { ExportQuery, ExportQueryParams, sendExport } from '../manifests/export-response';
import { DeferralSummary } from '../plan.entity';
import { DeferredShipmentRow, PlanDeferralsService } from './plan-deferrals.service';

export class DeferredShipmentResponse {
  @ApiProperty({ format: 'uuid' }) shipmentId!: string;
  @ApiProperty({ type: String, nullable: true }) platformShipmentId!: string | null;
  @ApiProperty({ description: '{ id, code, name } of its village point' }) village!: { id: string; code: string; name: string } | null;
  @ApiProperty({ enum: ['delivery', 'pickup'] }) direction!: string;
  @ApiProperty() parcels!: number;
  @ApiProperty({ enum: ['not_service_day', 'cheaper_later', 'no_room_today'], description: 'see docs/planning.md, "Deferral"' }) reason!: string;
  @ApiProperty({ example: '2026-12-02', description: "its village's next service day, within its promise" }) plannedFor!: string;
  @ApiProperty({ example: '2026-12-03T20:00:00+08:00', description: "the promise that binds it, local time with the county's offset" }) dueBy!: string;
  @ApiProperty({ enum: ['platform', 'county_default'] }) promiseSource!: string;
}

export class PlanDeferralsResponse {
  @ApiProperty({ format: 'uuid' }) planId!: string;
  @ApiProperty({ example: '2026-12-01' }) serviceDate!: string;
  @ApiProperty() wave!: number;
  @ApiProperty({ type: Object, nullable: true, description: '{ shipments, parcels, byReason }; null until computed' }) summary!: DeferralSummary | null;
  @ApiProperty({ type: [DeferredShipmentResponse] }) items!: DeferredShipmentResponse[];
}

const CSV_COLUMNS = ['shipment_id', 'platform_shipment_id', 'village_code', 'village_name', 'direction', 'parcels', 'reason', 'planned_for', 'due_by', 'promise_source'];

function toDeferredShipmentResponse(row: DeferredShipmentRow, timeZone: string): DeferredShipmentResponse {
  const { deferral } = row;
  return {
    shipmentId: deferral.shipmentId,
    platformShipmentId: row.platformShipmentId,
    village: row.village,
    direction: deferral.direction,
    parcels: deferral.parcels,
    reason: deferral.reason,
    plannedFor: deferral.plannedFor,
    dueBy: instantToLocalIso(deferral.dueBy, timeZone),
    promiseSource: deferral.promiseSource,
  };
}

/** What a plan leaves for a later day: every deferred shipment, why, and the day it is now planned for. */
@OperatorApi('plans', "another county's id (problem+json)")
@Controller('v1/counties/:countyId/plans/:planId/deferred')
export class PlanDeferralsController {
  constructor(private readonly deferrals: PlanDeferralsService) {}

  @Get()
  @ApiOperation({ summary: "The plan's deferred shipments with the reason and the day each is now planned for (`?format=json|csv`)" })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PlanDeferralsResponse })
  async list(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @ExportQueryParams() query: ExportQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const { plan, timeZone, rows } = await this.deferrals.list(countyId, planId);
    const items = rows.map((row) => toDeferredShipmentResponse(row, timeZone));
    await sendExport(request, response, query, `deferred-${plan.serviceDate}-w${plan.wave}`, {
      json: (): PlanDeferralsResponse => ({ planId: plan.id, serviceDate: plan.serviceDate, wave: plan.wave, summary: plan.deferredSummary, items }),
      csv: () =>
        stringify(
          items.map((item) => [
            item.shipmentId,
            item.platformShipmentId ?? '',
            item.village?.code ?? '',
            item.village?.name ?? '',
            item.direction,
            item.parcels,
            item.reason,
            item.plannedFor,
            item.dueBy,
            item.promiseSource,
          ]),
          { header: true, columns: CSV_COLUMNS, bom: true },
        ),
    });
  }
}
