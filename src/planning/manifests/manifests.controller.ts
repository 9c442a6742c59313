import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { CurrentPrincipal, OperatorRole, Principal } from '../../infra/auth/principal';
import { PlanManifestsResponse } from '../plan-manifest.response';
import { PlanRequestsService } from '../plan-requests.service';
import { RouteDriverManifest, toRouteDriverManifest } from './driver-manifest';
import { parseExportQuery, sendFileExport, sendJsonExport } from './export-response';
import { HandoverSheetsResponse, toHandoverSheets } from './handover-sheet';
import { handoverSheetsCsv, routeManifestsCsv } from './manifest-csv';
import { renderHandoverSheetsPdf, renderRouteManifestsPdf } from './manifest-pdf';
import { ManifestSourceService } from './manifest-source.service';

/**
 * Recipients' phones are for the people who hand parcels over: admins and dispatchers (who print the
 * sheets the drivers carry) see them whole; a viewer key (a screen in the hall, a report) sees them masked.
 */
const SEES_CONTACT_PHONES: OperatorRole[] = ['admin', 'dispatcher'];
const masksPhones = (principal: Principal) => !SEES_CONTACT_PHONES.includes(principal.role);

const FORMAT_QUERY = { name: 'format', required: false, enum: ['json', 'csv', 'pdf'] };
const LANG_QUERY = { name: 'lang', required: false, enum: ['zh', 'en'], description: 'language of the PDF (Simplified Chinese by default)' };

/** What drivers and township stations carry: per-route manifests, the wave's PDF and the hand-over sheets (交接单). */
@OperatorApi('manifests', "another county's id (problem+json)")
@Controller('v1/counties/:countyId/plans/:planId')
export class ManifestsController {
  constructor(
    private readonly sources: ManifestSourceService,
    private readonly plans: PlanRequestsService,
  ) {}

  @Get('routes/:routeId/manifest')
  @ApiOperation({ summary: "One route's manifest: driver, stops with ETAs (local time), parcels with barcodes, recipients and cash on delivery" })
  @ApiQuery(FORMAT_QUERY)
  @ApiQuery(LANG_QUERY)
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: RouteDriverManifest })
  async route(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('routeId', ParseUUIDPipe) routeId: string,
    @Query('format') format: string | undefined,
    @Query('lang') lang: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = parseExportQuery(format, lang);
    const source = await this.sources.forPlan(countyId, planId, routeId);
    const manifest = toRouteDriverManifest(source.routes[0]!, masksPhones(principal));
    const fileName = `manifest-${manifest.plan.serviceDate}-w${manifest.plan.wave}-r${manifest.route.routeNumber}`;
    if (query.format === 'json') return sendJsonExport(request, response, manifest);
    if (query.format === 'csv') return sendFileExport(response, 'csv', fileName, routeManifestsCsv([manifest]));
    sendFileExport(response, 'pdf', fileName, await renderRouteManifestsPdf([manifest], query.language, ''));
  }

  /** JSON keeps the plan-wide shape this endpoint always had (UTC times); CSV and PDF are every route's driver manifest. */
  @Get('manifests')
  @ApiOperation({ summary: "The wave's manifests: JSON per route (as before), or every route's driver manifest as one CSV or one PDF" })
  @ApiQuery(FORMAT_QUERY)
  @ApiQuery(LANG_QUERY)
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: PlanManifestsResponse })
  async wave(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query('format') format: string | undefined,
    @Query('lang') lang: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = parseExportQuery(format, lang);
    if (query.format === 'json') return sendJsonExport(request, response, await this.plans.manifests(countyId, planId));
    const source = await this.sources.forPlan(countyId, planId);
    const manifests = source.routes.map((route) => toRouteDriverManifest(route, masksPhones(principal)));
    const fileName = `manifests-${source.plan.serviceDate}-w${source.plan.wave}`;
    if (query.format === 'csv') return sendFileExport(response, 'csv', fileName, routeManifestsCsv(manifests));
    sendFileExport(response, 'pdf', fileName, await renderRouteManifestsPdf(manifests, query.language, `${source.county.name} ${source.plan.serviceDate} #${source.plan.wave}`));
  }

  @Get('handover-sheets')
  @ApiOperation({ summary: 'Hand-over sheets (交接单) per township station: what the trunk drops there and what it takes back' })
  @ApiQuery(FORMAT_QUERY)
  @ApiQuery(LANG_QUERY)
  @ApiQuery({ name: 'station', required: false, description: "one station's sheets, by node id or code" })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: HandoverSheetsResponse })
  async handover(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query('format') format: string | undefined,
    @Query('lang') lang: string | undefined,
    @Query('station') station: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const query = parseExportQuery(format, lang);
    const sheets = toHandoverSheets(await this.sources.forPlan(countyId, planId), masksPhones(principal), station);
    const fileName = `handover-${sheets.plan.serviceDate}-w${sheets.plan.wave}${station === undefined ? '' : `-${station}`}`;
    if (query.format === 'json') return sendJsonExport(request, response, sheets);
    if (query.format === 'csv') return sendFileExport(response, 'csv', fileName, handoverSheetsCsv(sheets));
    sendFileExport(response, 'pdf', fileName, await renderHandoverSheetsPdf(sheets, query.language));
  }
}
