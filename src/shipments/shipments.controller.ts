import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, WRITE_ROLES } from '../infra/auth/principal';
import { ApiProblems } from '../infra/errors/api-problems';
import { AssignVillageBody, ScanBody, ShipmentListQuery, ShipmentSearchQuery, TransitionBody } from './dto/operator.dto';
import { EventEnvelope, ShipmentEventsService } from './shipment-events.service';
import { ShipmentLifecycleService, TransitionResult } from './shipment-lifecycle.service';
import { assertScanBatch, ScanResult, ShipmentScansService } from './shipment-scans.service';
import { ShipmentPageResponse, ShipmentResponse, toShipmentResponse } from './shipment.response';
import { ShipmentsQueryService } from './shipments-query.service';

@ApiTags('shipments')
@ApiBearerAuth()
@ApiProblems(400, 401, 403)
@Controller('v1/counties/:countyId')
export class ShipmentsController {
  constructor(
    private readonly query: ShipmentsQueryService,
    private readonly lifecycle: ShipmentLifecycleService,
    private readonly scans: ShipmentScansService,
    private readonly events: ShipmentEventsService,
  ) {}

  @Get('shipments')
  @ApiOperation({ summary: "Search the county's shipments: q (barcode, platform id, recipient, village), status, platform, creation dates; paged" })
  @ApiOkResponse({ type: ShipmentPageResponse })
  async list(@Param('countyId', ParseUUIDPipe) countyId: string, @Query() filter: ShipmentSearchQuery): Promise<ShipmentPageResponse> {
    const page = await this.query.list(countyId, { ...filter, limit: filter.limit ?? 100 });
    return { items: page.items.map((shipment) => toShipmentResponse(shipment)), nextCursor: page.nextCursor };
  }

  @Get('shipments/needs-attention')
  @ApiOperation({ summary: 'Shipments whose destination could not be resolved to a village point, with the reason' })
  @ApiOkResponse({ type: ShipmentPageResponse })
  async needsAttention(@Param('countyId', ParseUUIDPipe) countyId: string, @Query() filter: ShipmentListQuery): Promise<ShipmentPageResponse> {
    const page = await this.query.list(countyId, { ...filter, needsAttention: true, limit: filter.limit ?? 100 });
    return { items: page.items.map((shipment) => toShipmentResponse(shipment)), nextCursor: page.nextCursor };
  }

  @Get('shipments/:shipmentId')
  @ApiOkResponse({ type: ShipmentResponse })
  @ApiProblems(404)
  async get(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('shipmentId', ParseUUIDPipe) shipmentId: string): Promise<ShipmentResponse> {
    const { shipment, parcels } = await this.query.get(countyId, shipmentId);
    return toShipmentResponse(shipment, parcels);
  }

  @Get('shipments/:shipmentId/events')
  @ApiOperation({ summary: 'The append-only history of one shipment, as event envelopes' })
  async history(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('shipmentId', ParseUUIDPipe) shipmentId: string): Promise<EventEnvelope[]> {
    await this.query.get(countyId, shipmentId);
    return this.events.historyOf(countyId, shipmentId);
  }

  @Post('shipments/:shipmentId/transitions')
  @HttpCode(200)
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: 'Move a shipment to the next status; an illegal move is 409 illegal_transition' })
  @ApiProblems(404, 409)
  transition(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('shipmentId', ParseUUIDPipe) shipmentId: string, @Body() body: TransitionBody): Promise<TransitionResult> {
    return this.lifecycle.transition(countyId, shipmentId, body.to, body.reason ?? null);
  }

  @Post('shipments/:shipmentId/destination')
  @HttpCode(200)
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: 'Settle a needs_attention shipment: set its village point (clears the flag, emits shipment.updated)' })
  @ApiOkResponse({ type: ShipmentResponse })
  @ApiProblems(404, 409)
  async assignVillage(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('shipmentId', ParseUUIDPipe) shipmentId: string,
    @Body() body: AssignVillageBody,
  ): Promise<ShipmentResponse> {
    return toShipmentResponse(await this.lifecycle.assignVillage(countyId, shipmentId, body.villageNodeId));
  }

  @Post('scans')
  @HttpCode(200)
  @Roles(...WRITE_ROLES)
  @ApiOperation({ summary: 'Scan parcels in at the hub (batch, idempotent: a rescan reports already_scanned)' })
  async scan(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: ScanBody): Promise<{ results: ScanResult[] }> {
    assertScanBatch(body.barcodes);
    return { results: await this.scans.scanIn(countyId, body.barcodes) };
  }
}
