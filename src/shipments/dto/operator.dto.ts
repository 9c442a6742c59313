import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { SHIPMENT_STATUSES, ShipmentStatus } from '../shipment-status';

export class ShipmentListQuery {
  @ApiPropertyOptional({ enum: SHIPMENT_STATUSES }) @IsOptional() @IsIn(SHIPMENT_STATUSES) status?: ShipmentStatus;
  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean()
  needsAttention?: boolean;
  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOptional() @IsUUID() cursor?: string;
}

export class TransitionBody {
  @ApiProperty({ enum: SHIPMENT_STATUSES }) @IsIn(SHIPMENT_STATUSES) to!: ShipmentStatus;
  @ApiPropertyOptional({ example: 'recipient not at home' }) @IsOptional() @IsString() @Length(1, 300) reason?: string;
}

export class ScanBody {
  @ApiProperty({ example: ['JD0001234567-1'], description: 'parcel barcodes scanned in at the hub; rescans are reported, not errors' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { each: true })
  barcodes!: string[];
}

export class AssignVillageBody {
  @ApiProperty({ format: 'uuid', description: 'a village point of this county' }) @IsUUID() villageNodeId!: string;
}
