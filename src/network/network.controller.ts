import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiPayloadTooLargeResponse } from '@nestjs/swagger';
import { Roles, WRITE_ROLES } from '../infra/auth/principal';
import { MAX_API_MATRIX_NODES, MatrixRequestDto } from './dto/matrix-request.dto';
import { NearestVillageQueryDto, NetworkImportQueryDto } from './dto/network-queries.dto';
import { NetworkImportService } from './import/network-import.service';
import { TravelMatrixService } from './matrix/travel-matrix.service';
import { NetworkExportService } from './network-export.service';
import { NetworkQueryService } from './network-query.service';
import {
  NearestVillageResponse,
  NetworkImportResponse,
  toNearestVillageResponse,
  toNetworkImportResponse,
  toTravelMatrixResponse,
  TravelMatrixResponse,
} from './network.responses';
import { OperatorApi } from '../infra/auth/operator-api.decorator';
import { LargeBody } from '../infra/http/large-body.decorator';

const FEATURE_COLLECTION_SCHEMA = {
  type: 'object',
  required: ['type', 'features'],
  description: 'RFC 7946 FeatureCollection of node (Point) and road (LineString) features; see docs/network-geojson.md',
  properties: { type: { type: 'string', enum: ['FeatureCollection'] }, features: { type: 'array', items: { type: 'object' } } },
};

@OperatorApi('network')
@Controller('v1/counties/:countyId/network')
export class NetworkController {
  constructor(
    private readonly importer: NetworkImportService,
    private readonly exporter: NetworkExportService,
    private readonly query: NetworkQueryService,
    private readonly matrices: TravelMatrixService,
  ) {}

  @Post('import')
  @HttpCode(200)
  @Roles(...WRITE_ROLES)
  @LargeBody()
  @ApiBody({ schema: FEATURE_COLLECTION_SCHEMA })
  @ApiOkResponse({ type: NetworkImportResponse, description: 'counts per kind; importing the same file twice changes nothing' })
  @ApiBadRequestResponse({ description: 'malformed JSON or an invalid feature; `errors` names each feature path; nothing is written' })
  @ApiPayloadTooLargeResponse({ description: 'body above BODY_LIMIT_BYTES' })
  async import(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: unknown, @Query() query: NetworkImportQueryDto): Promise<NetworkImportResponse> {
    return toNetworkImportResponse(await this.importer.importFeatureCollection(countyId, body, query.coordinateSystem));
  }

  @Get()
  @ApiOkResponse({ schema: FEATURE_COLLECTION_SCHEMA, description: 'the same shape the import takes' })
  export(@Param('countyId', ParseUUIDPipe) countyId: string): Promise<unknown> {
    return this.exporter.exportFeatureCollection(countyId);
  }

  @Get('nearest-village')
  @ApiOkResponse({ type: [NearestVillageResponse], description: 'nearest first' })
  @ApiBadRequestResponse({ description: 'lon/lat missing or out of range' })
  async nearestVillage(@Param('countyId', ParseUUIDPipe) countyId: string, @Query() query: NearestVillageQueryDto): Promise<NearestVillageResponse[]> {
    return (await this.query.nearestVillages(countyId, query.lon, query.lat, query.limit ?? 5, query.maxDistanceM)).map(toNearestVillageResponse);
  }

  @Post('matrix')
  @HttpCode(200)
  @ApiOkResponse({ type: TravelMatrixResponse })
  @ApiBadRequestResponse({ description: 'unknown node code, vehicle class or departure time' })
  async matrix(@Param('countyId', ParseUUIDPipe) countyId: string, @Body() body: MatrixRequestDto): Promise<TravelMatrixResponse> {
    const at = body.at ? new Date(body.at) : undefined;
    return toTravelMatrixResponse(await this.matrices.computeMatrix(countyId, body.nodeCodes, body.vehicleClass, at, { maxNodes: MAX_API_MATRIX_NODES }));
  }
}
