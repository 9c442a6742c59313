import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { SHIPMENT_DIRECTIONS, ShipmentDirection } from '../shipment-status';

export const SERVICE_LEVELS = ['standard', 'express', 'economy', 'scheduled'] as const;

/** [longitude, latitude] inside WGS 84 ranges (GeoJSON order). */
function IsLonLat() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isLonLat',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) =>
          Array.isArray(value) &&
          value.length === 2 &&
          value.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
          Math.abs(value[0] as number) <= 180 &&
          Math.abs(value[1] as number) <= 90,
        defaultMessage: (args?: ValidationArguments) => `${args?.property} must be [longitude, latitude] with longitude in [-180, 180] and latitude in [-90, 90]`,
      },
    });
}

export class DimensionsDto {
  @ApiProperty({ example: 300 }) @IsInt() @Min(1) @Max(100000) length!: number;
  @ApiProperty({ example: 200 }) @IsInt() @Min(1) @Max(100000) width!: number;
  @ApiProperty({ example: 150 }) @IsInt() @Min(1) @Max(100000) height!: number;
  @ApiProperty({ enum: ['mm', 'cm'] }) @IsIn(['mm', 'cm']) unit!: 'mm' | 'cm';
}

export class ParcelInputDto {
  @ApiProperty({ example: 'JD0001234567-1', description: 'the label the hub scans; unique in the county' })
  @IsString() @Matches(/^[A-Za-z0-9._-]{1,64}$/) barcode!: string;
  @ApiProperty({ example: 1200, description: 'grams, > 0' }) @IsInt() @Min(1) @Max(1_000_000) weightG!: number;
  @ApiProperty({ type: DimensionsDto }) @ValidateNested() @Type(() => DimensionsDto) dimensions!: DimensionsDto;
  @ApiPropertyOptional({ example: 5900, description: 'fen' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) declaredValueFen?: number;
  @ApiPropertyOptional({ example: 0, description: 'cash to collect on delivery, fen' }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000_000) cashOnDeliveryFen?: number;
}

export class ContactDto {
  @ApiProperty({ example: '王小明' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: '13800138000', description: 'masked in logs' }) @IsString() @Matches(/^\+?[0-9 -]{5,20}$/) phone!: string;
}

export class AddressDto {
  @ApiPropertyOptional({ example: '西和县' }) @IsOptional() @IsString() @Length(1, 100) county?: string;
  @ApiPropertyOptional({ example: '长道镇' }) @IsOptional() @IsString() @Length(1, 100) township?: string;
  @ApiPropertyOptional({ example: '何坝村' }) @IsOptional() @IsString() @Length(1, 100) village?: string;
  @ApiPropertyOptional({ example: '村委会旁小卖部' }) @IsOptional() @IsString() @Length(1, 300) detail?: string;
}

/** Give at least one; they are tried in this order: code, coordinate, names. */
export class DestinationDto {
  @ApiPropertyOptional({ example: '621225100201', description: '12-digit statistical village code' })
  @IsOptional() @Matches(/^\d{12}$/, { message: 'villageCode must be exactly 12 digits' }) villageCode?: string;
  @ApiPropertyOptional({ example: [105.3, 34.01], description: '[longitude, latitude], WGS 84' })
  @IsOptional() @IsLonLat() coordinate?: [number, number];
  @ApiPropertyOptional({ type: AddressDto }) @IsOptional() @ValidateNested() @Type(() => AddressDto) address?: AddressDto;
}

export class ShipmentInputDto {
  @ApiProperty({ example: 'JD0001234567', description: "the platform's shipment id; intake is idempotent on it" })
  @IsString() @Matches(/^[A-Za-z0-9._:-]{1,100}$/) id!: string;
  @ApiPropertyOptional({ enum: SHIPMENT_DIRECTIONS, default: 'inbound', description: 'inbound to a village, or outbound_pickup of produce from it' })
  @IsOptional() @IsIn(SHIPMENT_DIRECTIONS) direction?: ShipmentDirection;
  @ApiPropertyOptional({ enum: SERVICE_LEVELS, default: 'standard' }) @IsOptional() @IsIn(SERVICE_LEVELS) serviceLevel?: string;
  @ApiPropertyOptional({ example: '2026-12-01T18:00:00+08:00' }) @IsOptional() @IsISO8601({ strict: true }) promisedBy?: string;
  @ApiProperty({ type: ContactDto, description: 'recipient (inbound) or sender (pickup)' })
  @ValidateNested() @Type(() => ContactDto) contact!: ContactDto;
  @ApiProperty({ type: DestinationDto, description: 'the village point: delivery point for inbound, pickup point for pickups' })
  @ValidateNested() @Type(() => DestinationDto) destination!: DestinationDto;
  @ApiProperty({ type: [ParcelInputDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ParcelInputDto) parcels!: ParcelInputDto[];
}

export class CancelInputDto {
  @ApiProperty({ example: 'JD0001234567' }) @IsString() @Matches(/^[A-Za-z0-9._:-]{1,100}$/) id!: string;
  @ApiPropertyOptional({ example: 'customer cancelled' }) @IsOptional() @IsString() @Length(1, 300) reason?: string;
}

