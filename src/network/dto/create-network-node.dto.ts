import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ADMIN_CODE, MAX_INT32, NODE_CODE } from '../../infra/validation/input-rules';
import { NODE_TIERS, NodeTier } from '../network-node.entity';
import { GeoJsonPointDto } from './geojson-point.dto';
import { OpeningHoursRuleDto } from './opening-hours-rule.dto';

/** Fields a node shares between create and update. */
export class NetworkNodeFieldsDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'parent node id (township: the hub; village: a township station)' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ description: 'parent node code, instead of parentId' })
  @IsOptional()
  @Matches(NODE_CODE)
  @Length(1, 32)
  parentCode?: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: '621225100201', description: '12-digit statistical division code' })
  @IsOptional()
  @Matches(ADMIN_CODE, { message: 'adminCode must be 12 digits' })
  adminCode?: string;

  @ApiPropertyOptional({ type: GeoJsonPointDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GeoJsonPointDto)
  location?: GeoJsonPointDto;

  @ApiPropertyOptional({ minimum: -500, maximum: 9000 })
  @IsOptional()
  @IsInt()
  @Min(-500)
  @Max(9000)
  elevationM?: number;

  @ApiPropertyOptional({ type: [OpeningHoursRuleDto], description: 'absent = always open' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OpeningHoursRuleDto)
  openingHours?: OpeningHoursRuleDto[];

  @ApiPropertyOptional({ minimum: 0, maximum: 86400, default: 300 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400)
  serviceTimeS?: number;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_INT32)
  storageCapacityParcels?: number;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  syntheticLocation?: boolean;
}

export class CreateNetworkNodeDto extends NetworkNodeFieldsDto {
  @ApiProperty({ enum: NODE_TIERS })
  @IsIn(NODE_TIERS)
  tier!: NodeTier;

  @ApiProperty({ example: '621225100201', description: 'unique in the county, [A-Za-z0-9_.-]{1,32}' })
  @Matches(NODE_CODE)
  @Length(1, 32)
  code!: string;

  @ApiProperty({ maxLength: 200 })
  @IsString()
  @Length(1, 200)
  declare name: string;

  @ApiProperty({ type: GeoJsonPointDto })
  @ValidateNested()
  @Type(() => GeoJsonPointDto)
  declare location: GeoJsonPointDto;
}

/** PATCH: any subset of the fields; the tier never changes. */
export class UpdateNetworkNodeDto extends NetworkNodeFieldsDto {
  @ApiPropertyOptional({ description: 'new code, unique in the county' })
  @IsOptional()
  @Matches(NODE_CODE)
  @Length(1, 32)
  code?: string;
}
