import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Roles, WRITE_ROLES } from '../../../infra/auth/principal';
import { COORDINATE_SYSTEMS, CoordinateSystem } from '../../../infra/geo/coordinate-system';
import { OSM_IMPORT_JOB_STATUSES, OsmImportJob } from './osm-import-job.entity';
import { OsmImportJobsService, UploadedImportFile } from './osm-import-jobs.service';

/** A county extract is tens of megabytes, an SRTM1 tile 25 MB; far above the JSON body limit. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const MAX_DEM_FILES = 16;

/** What multer hands over for each file (memory storage). */
interface MultipartFile {
  originalname: string;
  buffer: Buffer;
}

export class StartOsmImportDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], default: 'false', description: 'import roads the DEM does not cover, flat and flagged' })
  @IsOptional()
  @IsIn(['true', 'false'])
  allowMissingElevation?: 'true' | 'false';

  @ApiPropertyOptional({ enum: COORDINATE_SYSTEMS, default: 'wgs84', description: "the boundary's coordinates" })
  @IsOptional()
  @IsIn(COORDINATE_SYSTEMS)
  boundaryCoordinateSystem?: CoordinateSystem;

  @ApiPropertyOptional({ minimum: 1, maximum: 100_000, default: 500, description: 'report nodes farther than this from a road, metres' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  snapThresholdM?: number;
}

export class OsmImportJobResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OSM_IMPORT_JOB_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: Object, description: 'the last step reported: step (reading, splitting, elevation, writing, snapping), fraction 0..1, detail' })
  progress!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object, description: 'when completed: ways, edges, km by road class, climb, nodes snapped and not, time per step' })
  report!: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String, description: 'why it failed' }) error!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

function toOsmImportJobResponse(job: OsmImportJob): OsmImportJobResponse {
  return {
    id: job.id,
    status: job.status,
    progress: job.progress,
    report: job.report,
    error: job.error,
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
  };
}

@ApiTags('network')
@ApiBearerAuth()
@Controller('v1/counties/:countyId/network/osm-imports')
export class OsmImportsController {
  constructor(private readonly jobs: OsmImportJobsService) {}

  @Post()
  @HttpCode(202)
  @Roles(...WRITE_ROLES)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['pbf'],
      properties: {
        pbf: { type: 'string', format: 'binary', description: 'the OpenStreetMap extract, .osm.pbf' },
        dem: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'SRTM .hgt / .hgt.zip tiles (named as distributed, e.g. N42E001.hgt.zip) or GeoTIFFs' },
        boundary: { type: 'string', format: 'binary', description: 'GeoJSON (Multi)Polygon of the county' },
        allowMissingElevation: { type: 'string', enum: ['true', 'false'] },
        boundaryCoordinateSystem: { type: 'string', enum: [...COORDINATE_SYSTEMS] },
        snapThresholdM: { type: 'integer' },
      },
    },
  })
  @ApiAcceptedResponse({ type: OsmImportJobResponse, description: 'queued on `imports`; poll GET .../osm-imports/{importId} for progress and the report' })
  @ApiBadRequestResponse({ description: 'no pbf file, or a bad option (problem+json)' })
  @UseInterceptors(
    FileFieldsInterceptor(
      [
        { name: 'pbf', maxCount: 1 },
        { name: 'dem', maxCount: MAX_DEM_FILES },
        { name: 'boundary', maxCount: 1 },
      ],
      { limits: { fileSize: MAX_FILE_BYTES } },
    ),
  )
  async start(
    @Param('countyId', ParseUUIDPipe) countyId: string,
    @UploadedFiles() files: Partial<Record<'pbf' | 'dem' | 'boundary', MultipartFile[]>> | undefined,
    @Body() options: StartOsmImportDto,
  ): Promise<OsmImportJobResponse> {
    const uploaded: UploadedImportFile[] = (['pbf', 'dem', 'boundary'] as const).flatMap((role) =>
      (files?.[role] ?? []).map((file) => ({ role, fileName: file.originalname, content: file.buffer })),
    );
    const job = await this.jobs.start(countyId, uploaded, {
      allowMissingElevation: options.allowMissingElevation === 'true',
      boundaryCoordinateSystem: options.boundaryCoordinateSystem ?? 'wgs84',
      snapThresholdM: options.snapThresholdM ?? null,
    });
    return toOsmImportJobResponse(job);
  }

  @Get(':importId')
  @ApiOkResponse({ type: OsmImportJobResponse })
  @ApiNotFoundResponse({ description: 'no such import in this county' })
  async get(@Param('countyId', ParseUUIDPipe) countyId: string, @Param('importId') importId: string): Promise<OsmImportJobResponse> {
    return toOsmImportJobResponse(await this.jobs.get(countyId, importId));
  }
}
