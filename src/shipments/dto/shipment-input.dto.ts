import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COORDINATE_SYSTEMS, CoordinateSystem } from '../../infra/geo/coordinate-system';
import { SHIPMENT_DIRECTIONS, ShipmentDirection } from '../shipment-status';

/**
 * The intake input shapes, for the OpenAPI document and for types. They are validated by
 * shipment-input.parser.ts (hand-written for speed on the hot path), which enforces what is stated here.
 */
export const SERVICE_LEVELS = ['standard', 'express', 'economy', 'scheduled'] as const;

export class DimensionsDto {
  @ApiProperty({ example: 30, minimum: 1, maximum: 100000 }) length!: number;
  @ApiProperty({ example: 20, minimum: 1, maximum: 100000 }) width!: number;
  @ApiProperty({ example: 15, minimum: 1, maximum: 100000 }) height!: number;
  @ApiProperty({ enum: ['mm', 'cm'] }) unit!: 'mm' | 'cm';
}

export class ParcelInputDto {
  @ApiProperty({ example: 'JD0001234567-1', pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'the label the hub scans; unique in the county' }) barcode!: string;
  @ApiProperty({ example: 1200, minimum: 1, maximum: 1000000, description: 'grams' }) weightG!: number;
  @ApiProperty({ type: DimensionsDto }) dimensions!: DimensionsDto;
  @ApiPropertyOptional({ example: 5900, minimum: 0, description: 'fen' }) declaredValueFen?: number;
  @ApiPropertyOptional({ example: 0, minimum: 0, description: 'cash to collect on delivery, fen' }) cashOnDeliveryFen?: number;
}

export class ContactDto {
  @ApiProperty({ example: '王小明', minLength: 1, maxLength: 100 }) name!: string;
  @ApiProperty({ example: '13800138000', pattern: '^\\+?[0-9 -]{5,20}$', description: 'masked in logs and operator lists' }) phone!: string;
}

export class AddressDto {
  @ApiPropertyOptional({ example: '西和县', maxLength: 100 }) county?: string;
  @ApiPropertyOptional({ example: '长道镇', maxLength: 100 }) township?: string;
  @ApiPropertyOptional({ example: '何坝村', maxLength: 100 }) village?: string;
  @ApiPropertyOptional({ example: '村委会旁小卖部', maxLength: 300 }) detail?: string;
}

export class DestinationDto {
  @ApiPropertyOptional({ example: '621225100201', pattern: '^\\d{12}$', description: '12-digit statistical village code; tried first' }) villageCode?: string;
  @ApiPropertyOptional({ example: [105.3, 34.01], type: [Number], description: '[longitude, latitude] in coordinateSystem; nearest village point within 3 km' }) coordinate?: [number, number];
  @ApiPropertyOptional({ enum: COORDINATE_SYSTEMS, default: 'wgs84', description: "the coordinate's system: gcj02 for AMap / Tencent points (converted and stored as WGS 84)" }) coordinateSystem?: CoordinateSystem;
  @ApiPropertyOptional({ type: AddressDto, description: 'matched by township + village name when the others do not resolve' }) address?: AddressDto;
}

export class ShipmentInputDto {
  @ApiProperty({ example: 'JD0001234567', pattern: '^[A-Za-z0-9._:-]{1,100}$', description: "the platform's shipment id; intake is idempotent on it" }) id!: string;
  @ApiPropertyOptional({ enum: SHIPMENT_DIRECTIONS, default: 'inbound', description: 'inbound to a village, or outbound_pickup of produce from it' }) direction?: ShipmentDirection;
  @ApiPropertyOptional({ enum: SERVICE_LEVELS, default: 'standard' }) serviceLevel?: string;
  @ApiPropertyOptional({ example: '2026-12-01T18:00:00+08:00', description: 'ISO 8601 with offset' }) promisedBy?: string;
  @ApiProperty({ type: ContactDto, description: 'recipient (inbound) or sender (pickup)' }) contact!: ContactDto;
  @ApiProperty({ type: DestinationDto, description: 'at least one of villageCode, coordinate, address' }) destination!: DestinationDto;
  @ApiProperty({ type: [ParcelInputDto], minItems: 1, maxItems: 50 }) parcels!: ParcelInputDto[];
}

export class CancelInputDto {
  @ApiProperty({ example: 'JD0001234567' }) id!: string;
  @ApiPropertyOptional({ example: 'customer cancelled', maxLength: 300 }) reason?: string;
}
