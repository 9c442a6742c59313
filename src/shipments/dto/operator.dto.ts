import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateBy } from 'class-validator';
import { isCalendarDate } from '../../infra/time/calendar-date';
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

/**
 * The console's search: one text `q` matched as a parcel barcode, a platform shipment id, a recipient's
 * name (prefix) or phone (whole number or prefix), or a village's name (prefix) or code; every match is
 * exact or a prefix, so btree indexes serve it (no pg_trgm).
 */
export class ShipmentSearchQuery extends ShipmentListQuery {
  @ApiPropertyOptional({ example: '王', description: 'barcode, platform shipment id, recipient name or phone, village name or code' })
  @IsOptional()
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 100)
  q?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'only shipments pushed by this platform' }) @IsOptional() @IsUUID() platformId?: string;
  @ApiPropertyOptional({ example: '2026-11-01', description: 'created on or after this local date (county time zone), YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDay()
  from?: string;
  @ApiPropertyOptional({ example: '2026-11-30', description: 'created on or before this local date (county time zone), YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDay()
  to?: string;
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

/** A real date written YYYY-MM-DD (not 2026-02-30). */
function IsCalendarDay() {
  return ValidateBy({
    name: 'isCalendarDay',
    validator: { validate: (value) => isCalendarDate(value), defaultMessage: (args) => `${args?.property ?? 'value'} must be a real date, YYYY-MM-DD` },
  });
}
