import { Controller, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { OperatorApi } from '../../infra/auth/operator-api.decorator';
import { CurrentPrincipal, OperatorRole, Principal } from '../../infra/auth/principal';
import { PlanManifestsResponse } from '../plan-manifest.response';
import { PlanRequestsService } from '../plan-requests.service';
import { RouteDriverManifest, toRouteDriverManifest } from './driver-manifest';
import { ExportEndpoint, ExportQuery, ExportQueryParams, sendExport, sendPreparedJson } from './export-response';
import { HandoverSheetsResponse, toHandoverSheets } from './handover-sheet';
import { handoverSheetsCsv, routeManifestsCsv } from './manifest-csv';
import { renderHandoverSheetsPdf, renderRouteManifestsPdf } from './manifest-pdf';
import { ManifestSourceService } from './manifest-source.service';
import { PreparedManifestsService } from './prepared-manifests.service';

/**
 * Recipients' phones are for the people who hand parcels over: admins and dispatchers (who print the
 * sheets the drivers carry) see them whole; a viewer key (a screen in the hall, a report) sees them masked.
 */
const SEES_CONTACT_PHONES: OperatorRole[] = ['admin', 'dispatcher'];
const masksPhones = (principal: Principal) => !SEES_CONTACT_PHONES.includes(principal.role);

/** What drivers and township stations carry: per-route manifests, the wave's PDF and the hand-over sheets (交接单). */
@OperatorApi('manifests', "another county's id (problem+json)")
@Controller('v1/counties/:countyId/plans/:planId')
export class ManifestsController {
  constructor(
    private readonly sources: ManifestSourceService,
    private readonly plans: PlanRequestsService,
    private readonly prepared: PreparedManifestsService,
  ) {}

  @ExportEndpoint(
    'routes/:routeId/manifest',
    "One route's manifest: driver, stops with ETAs (local time), parcels with barcodes, recipients and cash on delivery",
    RouteDriverManifest,
  )
  async route(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Param('routeId', ParseUUIDPipe) routeId: string,
    @ExportQueryParams() query: ExportQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    // JSON, what drivers' phones and the county's screens poll, is kept prepared; CSV and PDF are built when asked.
    if (query.format === 'json') return sendPreparedJson(request, response, await this.prepared.route(countyId, planId, routeId, masksPhones(principal)));
    const source = await this.sources.forPlan(countyId, planId, routeId);
    const manifest = toRouteDriverManifest(source.routes[0]!, masksPhones(principal));
    await sendExport(request, response, query, `manifest-${manifest.plan.serviceDate}-w${manifest.plan.wave}-r${manifest.route.routeNumber}`, {
      json: () => manifest,
      csv: () => routeManifestsCsv([manifest]),
      pdf: () => renderRouteManifestsPdf([manifest], query.language, ''),
    });
  }

  /** JSON keeps the plan-wide shape this endpoint always had (UTC times); CSV and PDF are every route's driver manifest. */
  @ExportEndpoint('manifests', "The wave's manifests: JSON per route (as before), or every route's driver manifest as one CSV or one PDF", PlanManifestsResponse)
  async wave(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @ExportQueryParams() query: ExportQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const plan = await this.plans.get(countyId, planId);
    const driverManifests = async () => {
      const source = await this.sources.forPlan(countyId, planId);
      return { county: source.county, manifests: source.routes.map((route) => toRouteDriverManifest(route, masksPhones(principal))) };
    };
    await sendExport(request, response, query, `manifests-${plan.serviceDate}-w${plan.wave}`, {
      json: () => this.plans.manifests(countyId, planId),
      csv: async () => routeManifestsCsv((await driverManifests()).manifests),
      pdf: async () => {
        const { county, manifests } = await driverManifests();
        return renderRouteManifestsPdf(manifests, query.language, `${county.name} ${plan.serviceDate} #${plan.wave}`);
      },
    });
  }

  @ExportEndpoint('handover-sheets', 'Hand-over sheets (交接单) per township station: what the trunk drops there and what it takes back', HandoverSheetsResponse)
  @ApiQuery({ name: 'station', required: false, description: "one station's sheets, by node id or code" })
  async handover(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @Param('planId', ParseUUIDPipe) planId: string,
    @Query('station') station: string | undefined,
    @ExportQueryParams() query: ExportQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const sheets = toHandoverSheets(await this.sources.forPlan(countyId, planId), masksPhones(principal), station);
    await sendExport(request, response, query, `handover-${sheets.plan.serviceDate}-w${sheets.plan.wave}${station === undefined ? '' : `-${station}`}`, {
      json: () => sheets,
      csv: () => handoverSheetsCsv(sheets),
      pdf: () => renderHandoverSheetsPdf(sheets, query.language),
    });
  }
}
