import { Controller, Get, Param, ParseUUIDPipe, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiProblems } from '../../infra/errors/api-problems';
import { RouteDriverManifest } from '../../planning/manifests/driver-manifest';
import { ExportEndpoint, ExportQuery, ExportQueryParams, sendExport, sendPreparedJson } from '../../planning/manifests/export-response';
import { routeManifestsCsv } from '../../planning/manifests/manifest-csv';
import { renderRouteManifestsPdf } from '../../planning/manifests/manifest-pdf';
import { DriverPrincipal } from '../auth/access-tokens';
import { CurrentDriver, DriverApi } from '../auth/driver-auth.guard';
import { DriverRunsResponse } from './driver-runs.response';
import { DriverRunsService } from './driver-runs.service';

@DriverApi('driver')
@Controller('v1/driver/runs')
export class DriverRunsController {
  constructor(private readonly runs: DriverRunsService) {}

  @Get()
  @ApiOperation({ summary: "The driver's runs of the day, each with its manifest; gzip, ETag and 304 while unchanged" })
  @ApiQuery({ name: 'date', required: false, example: '2026-11-30', description: "the service date; today in the county's time zone when omitted" })
  @ApiProduces('application/json')
  @ApiOkResponse({ type: DriverRunsResponse })
  @ApiProblems(400, 401)
  async list(@CurrentDriver() driver: DriverPrincipal, @Query('date') date: string | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    sendPreparedJson(request, response, await this.runs.runs(driver, date));
  }

  @ExportEndpoint(':routeId/manifest', "One of the driver's routes: its manifest as JSON, or the operators' printable PDF (or CSV)", RouteDriverManifest)
  @ApiProblems(400, 401, 404)
  async manifest(
    @CurrentDriver() driver: DriverPrincipal,
    @Param('routeId', ParseUUIDPipe) routeId: string,
    @ExportQueryParams() query: ExportQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    if (query.format === 'json') return sendPreparedJson(request, response, await this.runs.preparedManifest(driver, routeId));
    const { manifest } = await this.runs.manifest(driver, routeId);
    await sendExport(request, response, query, `manifest-${manifest.plan.serviceDate}-w${manifest.plan.wave}-r${manifest.route.routeNumber}`, {
      json: () => manifest,
      csv: () => routeManifestsCsv([manifest]),
      pdf: () => renderRouteManifestsPdf([manifest], query.language, ''),
    });
  }
}
