import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { COORDINATE_SYSTEMS, CoordinateSystem } from '../../infra/geo/coordinate-system';
import { NODE_CODE } from '../../infra/validation/input-rules';
import { NODE_TIERS, NodeTier } from '../network-node.entity';

export class ListNetworkNodesQueryDto {
  @ApiPropertyOptional({ enum: NODE_TIERS })
  @IsOptional()
  @IsIn(NODE_TIERS)
  tier?: NodeTier;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(NODE_CODE)
  @Length(1, 32)
  parentCode?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @Length(1, 32)
  cursor?: string;
}

export class NearestVillageQueryDto {
  @ApiProperty({ minimum: -180, maximum: 180 })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon!: number;

  @ApiProperty({ minimum: -90, maximum: 90 })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat!: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 5 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;

  @ApiPropertyOptional({ minimum: 1, description: 'ignore villages farther than this, metres' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxDistanceM?: number;
}

export class NetworkImportQueryDto {
  @ApiPropertyOptional({ enum: COORDINATE_SYSTEMS, default: 'wgs84', description: "the positions' system: gcj02 for AMap / Tencent coordinates; stored as WGS 84" })
  @IsOptional()
  @IsIn(COORDINATE_SYSTEMS)
  coordinateSystem?: CoordinateSystem;
}
